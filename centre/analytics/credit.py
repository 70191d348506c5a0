"""Grading workers and agencies (诚信评价): the rules (credit_rules.py, versioned in analytics_credit_rules) applied
to the evidence (credit_evidence.py); the grade kept with its contributions, every change kept as history, and a
change of grade sent to the agency concerned through the pull feed (kind `credit_grade`).

`recompute(touched)` grades what a catch-up touched (after each push); `grade_city()` grades everyone, a batch at
a time. Both run `grade_workers` / `grade_agencies`, so a worker graded incrementally and in the batch get the
same grade."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import transaction

from centre.analytics import any_of, credit_batch  # noqa: F401  (any_of registers field__any_of)
from centre.analytics import credit_evidence as evidence
from centre.analytics.bulk_load import BulkTable, Encoded, encode_json
from centre.analytics.credit_rules import Contribution, Graded, RuleSet, RuleSetInvalid, grade_agency, grade_worker
from centre.analytics.dimensions import SHANGHAI
from centre.analytics.errors import CreditRefused
from centre.analytics.facts import Touched
from centre.analytics.models import CreditGrade, CreditGradeChange, CreditRuleSet, FactWorker
from centre.sync import feed
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import iso, utc_now

BATCH = 2000  # subjects per query for a list of them (an event's update)
PAGE = 5000  # workers per page of the whole-city batch (read by key range: a larger page, fewer round trips)
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
    return _grade_places({u: places[u] for u in uids if u in places}, today, rules, now, None)


def _grade_places(places: dict[str, tuple[str, str]], today: dt.date, rules: RuleSet, now: dt.datetime,
                  span: evidence.KeyRange | None) -> int:  # fmt: skip
    """Grade the workers `places` names (uid: (agency, district)); `span`: the batch page's key range."""
    known = list(places)
    found = evidence.workers(known, today, span)
    graded = {u: grade_worker(rules, found[u], today) for u in known}
    return _store("worker", graded, places, rules, today, now, span)


def grade_agencies(ids: Sequence[str], today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    from centre.analytics.statistics import ensure_built

    ensure_built()  # an agency's whole months are read from the rollup (credit_evidence.py): a city loaded in bulk
    rule = rules.data["agency"]
    found = evidence.agencies(ids, today, int(rule["complaints_per_100"]["window_days"]),
                              str(rule["penalties"]["category"]))  # fmt: skip
    districts = evidence.agency_districts(ids)
    graded = {a: grade_agency(rules, found[a], today) for a in ids}
    return _store("agency", graded, {a: (a, districts.get(a, "")) for a in ids}, rules, today, now)


def _store(subject: str, graded: dict[str, Graded], places: dict[str, tuple[str, str]], rules: RuleSet,
           today: dt.date, now: dt.datetime, span: evidence.KeyRange | None = None) -> int:  # fmt: skip
    """Keep the grades: new ones written in bulk, changed ones updated, unchanged ones left as they are (a whole-city
    batch that changes little writes little); every change of grade goes to the history and, when it is not the
    first grade, to the agency through pull. The contributions are encoded once for the grade and its history."""
    if not graded:
        return 0
    with transaction.atomic():
        subjects = span.lookup("subject_id") if span is not None else {"subject_id__any_of": list(graded)}
        before = {row[0]: row[1:] for row in CreditGrade.objects.select_for_update()
                  .filter(subject=subject, **subjects)
                  .values_list("subject_id", "grade", "score", "contributions", "listed", "rule_version", "agency_id")}  # fmt: skip
        fresh, changed_rows, changes = BulkTable(CreditGrade), [], BulkTable(CreditGradeChange)
        moved, known = 0, dict[tuple[str, str, str, float, str], str]()
        for subject_id, g in graded.items():
            agency, district = places[subject_id]
            old = before.get(subject_id)
            previous = old[0] if old is not None else None
            contributions = [c.to_json() for c in g.contributions] if old is not None else []
            if old is not None and old == (g.grade, g.score, contributions, g.listed, rules.version, agency):
                continue  # unchanged: nothing written
            encoded = Encoded(_as_json(g.contributions, known))
            values = {"subject": subject, "subject_id": subject_id, "agency_id": agency, "district": district,
                      "score": g.score, "grade": g.grade, "contributions": encoded, "listed": g.listed,
                      "rule_version": rules.version, "computed_at": now, "as_of": today}  # fmt: skip
            if old is None:
                fresh.add(values)
            else:
                changed_rows.append(CreditGrade(**(values | {"contributions": contributions})))
            if previous == g.grade:
                continue
            seq = None
            if previous is not None:  # a change (not the first grade) reaches the agency through pull
                data = {"uid": uuid.uuid4().hex, "subject": subject, "subject_id": subject_id, "grade": g.grade,
                        "previous": previous, "score": g.score, "rule_version": rules.version, "at": iso(now),
                        "reasons": _top_reasons(contributions)}  # fmt: skip
                seq = feed.post(FEED_KIND, data, agency, now).seq
            changes.add({"subject": subject, "subject_id": subject_id, "agency_id": agency, "previous": previous or "",
                         "grade": g.grade, "score": g.score, "contributions": encoded,
                         "rule_version": rules.version, "at": now, "feed_seq": seq})  # fmt: skip
            moved += 1
        fresh.flush()
        changes.flush()
        CreditGrade.objects.bulk_create(changed_rows, batch_size=500, update_conflicts=True,
                                        unique_fields=["subject", "subject_id"],
                                        update_fields=["agency_id", "district", "score", "grade", "contributions",
                                                       "listed", "rule_version", "computed_at", "as_of"])  # fmt: skip
    return moved


def _as_json(contributions: tuple[Contribution, ...], known: dict[tuple[str, str, str, float, str], str]) -> str:
    """The contributions as the JSON text of their list, each contribution encoded once per page: most workers
    share most of theirs (the base, a clear background, a valid health check), and encoding was a fifth of the
    city's grading. Known by a tuple of their fields (hashing the dataclass itself costs three times as much)."""
    parts = []
    for c in contributions:
        key = (c.code, c.label.zh, c.label.en, c.points, c.detail)
        text = known.get(key)
        if text is None:
            text = known[key] = encode_json(c.to_json())
        parts.append(text)
    return "[" + ", ".join(parts) + "]"  # as json.dumps writes a list


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
    """Everyone, a batch at a time (the yearly review, a new rule version, a city loaded in bulk); a large city's
    workers in two processes (credit_batch.py)."""
    now = now or utc_now()
    today, rules = today or today_in_shanghai(now), active_rules()
    changed = credit_batch.grade_workers_of_city(today, rules, now)
    for chunk in _chunks(list(Agency.objects.order_by("id").values_list("id", flat=True))):
        changed += grade_agencies(chunk, today, rules, now)
    return changed


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    return (values[i : i + BATCH] for i in range(0, len(values), BATCH))


def grade_key_range(after: str | None, upto: str | None, today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    """Grade the workers whose uid comes after `after` up to `upto` (None: no bound), a keyset page at a time."""
    return sum(_grade_places(places, today, rules, now, span) for span, places in _worker_pages(after, upto))


def _worker_pages(after: str | None, upto: str | None) -> Iterator[tuple[evidence.KeyRange, dict[str, tuple[str, str]]]]:
    """The workers in a key range a keyset page at a time: the page's key range and each worker's (agency,
    district)."""
    rows = FactWorker.objects.order_by("worker_uid").values_list("worker_uid", "agency_id", "district")
    if upto is not None:
        rows = rows.filter(worker_uid__lte=upto)
    while True:
        page = list((rows if after is None else rows.filter(worker_uid__gt=after))[:PAGE])
        if not page:
            return
        yield evidence.KeyRange(page[0][0], page[-1][0]), {u: (a, d) for u, a, d in page}
        after = page[-1][0]


def grade_of(subject: str, subject_id: str) -> CreditGrade | None:
    return CreditGrade.objects.filter(subject=subject, subject_id=subject_id).first()
