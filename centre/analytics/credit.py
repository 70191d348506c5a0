"""Grading workers and agencies (诚信评价): the rules (credit_rules.py, versioned in analytics_credit_rules) applied
to the evidence (credit_evidence.py); the grade kept with its contributions, every change kept as history, and a
change of grade sent to the agency concerned through the pull feed (kind `credit_grade`).

`recompute(touched)` grades what a catch-up touched (after each push); `grade_city()` grades everyone, a batch at
a time. Both run `grade_workers` / `grade_agencies`, so a worker graded incrementally and in the batch get the
same grade."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import transaction

from centre.analytics import any_of  # noqa: F401  (registers field__any_of)
from centre.analytics import credit_evidence as evidence
from centre.analytics.bulk_load import BulkTable
from centre.analytics.credit_rules import Graded, RuleSet, RuleSetInvalid, grade_agency, grade_worker
from centre.analytics.dimensions import SHANGHAI
from centre.analytics.errors import CreditRefused
from centre.analytics.facts import Touched
from centre.analytics.models import CreditGrade, CreditGradeChange, CreditRuleSet, FactWorker
from centre.sync import feed
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import iso, utc_now

BATCH = 2000
FEED_KIND = feed.CREDIT_GRADE


def today_in_shanghai(now: dt.datetime | None = None) -> dt.date:
    return (now or utc_now()).astimezone(SHANGHAI).date()


# A version's rules never change (a change is a new version): each is parsed once, known by version and load time.
_parsed: dict[tuple[int, dt.datetime], RuleSet] = {}


def active_rules() -> RuleSet:
    """The newest active rule set; version 1 (credit_rules.json) is loaded the first time."""
    key = CreditRuleSet.objects.filter(active=True).order_by("-version").values_list("version", "loaded_at").first()
    if key is None:
        default = RuleSet.default()
        CreditRuleSet.objects.get_or_create(version=default.version, defaults={
            "rules": default.data, "loaded_by": "centre", "loaded_at": utc_now(), "note": "credit_rules.json"})  # fmt: skip
        return default
    if key not in _parsed:
        _parsed[key] = RuleSet.from_json(CreditRuleSet.objects.get(version=key[0]).rules)
    return _parsed[key]


def load_rules(data: dict[str, Any], loaded_by: str, note: str = "") -> RuleSet:
    """A new version of the rules (a higher version than any before); grades use it from the next recomputation."""
    try:
        rules = RuleSet.from_json(data)
    except (RuleSetInvalid, TypeError, ValueError) as error:
        raise CreditRefused(why=Text(f"规则文件不完整：{error}", f"the rule set is incomplete: {error}")) from error
    active_rules()  # version 1 is there before any later one
    newest = CreditRuleSet.objects.order_by("-version").values_list("version", flat=True).first() or 0
    if rules.version <= newest:
        raise CreditRefused(why=Text(f"规则版本须大于 {newest}", f"the rules' version must be above {newest}"))
    CreditRuleSet.objects.create(version=rules.version, rules=rules.data, loaded_by=loaded_by, loaded_at=utc_now(),
                                 note=note)  # fmt: skip
    return rules


def grade_workers(uids: Sequence[str], today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    """Grade these workers; returns how many grades changed."""
    places = dict((u, (a, d)) for u, a, d in FactWorker.objects.filter(worker_uid__any_of=list(uids)).values_list(
        "worker_uid", "agency_id", "district"))  # fmt: skip
    known = [u for u in uids if u in places]
    found = evidence.workers(known, today)
    graded = {u: grade_worker(rules, found[u], today) for u in known}
    return _store("worker", graded, {u: places[u] for u in known}, rules, today, now)


def grade_agencies(ids: Sequence[str], today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    rule = rules.data["agency"]
    found = evidence.agencies(ids, today, int(rule["complaints_per_100"]["window_days"]),
                              str(rule["penalties"]["category"]))  # fmt: skip
    districts = evidence.agency_districts(ids)
    graded = {a: grade_agency(rules, found[a], today) for a in ids}
    return _store("agency", graded, {a: (a, districts.get(a, "")) for a in ids}, rules, today, now)


def _store(subject: str, graded: dict[str, Graded], places: dict[str, tuple[str, str]], rules: RuleSet,
           today: dt.date, now: dt.datetime) -> int:  # fmt: skip
    """Keep the grades: new ones written in bulk, changed ones updated, unchanged ones left as they are (a whole-city
    batch that changes little writes little); every change of grade goes to the history and, when it is not the
    first grade, to the agency through pull."""
    if not graded:
        return 0
    with transaction.atomic():
        before = {row[0]: row[1:] for row in CreditGrade.objects.select_for_update()
                  .filter(subject=subject, subject_id__any_of=list(graded))
                  .values_list("subject_id", "grade", "score", "contributions", "listed", "rule_version", "agency_id")}  # fmt: skip
        fresh, changed_rows, changes = BulkTable(CreditGrade), [], BulkTable(CreditGradeChange)
        moved = 0
        for subject_id, g in graded.items():
            agency, district = places[subject_id]
            contributions = [c.to_json() for c in g.contributions]
            values = {"subject": subject, "subject_id": subject_id, "agency_id": agency, "district": district,
                      "score": g.score, "grade": g.grade, "contributions": contributions, "listed": g.listed,
                      "rule_version": rules.version, "computed_at": now, "as_of": today}  # fmt: skip
            old = before.get(subject_id)
            if old is None:
                fresh.add(values)
            elif old != (g.grade, g.score, contributions, g.listed, rules.version, agency):
                changed_rows.append(CreditGrade(**values))
            previous = old[0] if old is not None else None
            if previous == g.grade:
                continue
            seq = None
            if previous is not None:  # a change (not the first grade) reaches the agency through pull
                data = {"uid": uuid.uuid4().hex, "subject": subject, "subject_id": subject_id, "grade": g.grade,
                        "previous": previous, "score": g.score, "rule_version": rules.version, "at": iso(now),
                        "reasons": _top_reasons(contributions)}  # fmt: skip
                seq = feed.post(FEED_KIND, data, agency, now).seq
            changes.add({"subject": subject, "subject_id": subject_id, "agency_id": agency, "previous": previous or "",
                         "grade": g.grade, "score": g.score, "contributions": contributions,
                         "rule_version": rules.version, "at": now, "feed_seq": seq})  # fmt: skip
            moved += 1
        fresh.flush()
        changes.flush()
        CreditGrade.objects.bulk_create(changed_rows, batch_size=500, update_conflicts=True,
                                        unique_fields=["subject", "subject_id"],
                                        update_fields=["agency_id", "district", "score", "grade", "contributions",
                                                       "listed", "rule_version", "computed_at", "as_of"])  # fmt: skip
    return moved


def _top_reasons(contributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contributions that moved the score most (besides the base), for the agency's screen."""
    moving = [c for c in contributions if c["code"] != "base" and c["points"]]
    return sorted(moving, key=lambda c: -abs(float(c["points"])))[:4]


def recompute(touched: Touched, now: dt.datetime | None = None) -> int:
    """Grade what a catch-up touched: the workers, their agencies and the agencies named."""
    now = now or utc_now()
    today, rules = today_in_shanghai(now), active_rules()
    changed = 0
    for chunk in _chunks(sorted(touched.workers)):
        changed += grade_workers(chunk, today, rules, now)
    agencies = set(touched.agencies) | set(FactWorker.objects.filter(worker_uid__any_of=list(touched.workers))
                                           .values_list("agency_id", flat=True))  # fmt: skip
    for chunk in _chunks(sorted(a for a in agencies if a)):
        changed += grade_agencies(chunk, today, rules, now)
    return changed


def grade_city(now: dt.datetime | None = None, today: dt.date | None = None) -> int:
    """Everyone, a batch at a time (the yearly review, a new rule version, a city loaded in bulk)."""
    now = now or utc_now()
    today, rules = today or today_in_shanghai(now), active_rules()
    changed = 0
    for page in _keyset(FactWorker.objects.order_by("worker_uid").values_list("worker_uid", flat=True), "worker_uid"):
        changed += grade_workers(page, today, rules, now)
    for chunk in _chunks(list(Agency.objects.order_by("id").values_list("id", flat=True))):
        changed += grade_agencies(chunk, today, rules, now)
    return changed


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    return (values[i : i + BATCH] for i in range(0, len(values), BATCH))


def _keyset(rows: Any, field: str) -> Iterable[list[str]]:
    after = ""
    while True:
        page = list(rows.filter(**{f"{field}__gt": after})[:BATCH])
        if not page:
            return
        yield page
        after = page[-1]


def grade_of(subject: str, subject_id: str) -> CreditGrade | None:
    return CreditGrade.objects.filter(subject=subject, subject_id=subject_id).first()
