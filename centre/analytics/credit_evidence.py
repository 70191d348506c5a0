"""What the centre knows of a batch of workers or agencies, for the credit rules (credit_rules.py): read from the
fact tables and the centre's own tables a batch at a time, so grading one worker and grading the whole city run
the same code."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models.fields.json import KT

from centre.analytics import any_of  # noqa: F401  (registers field__any_of)
from centre.analytics.any_of import text_array
from centre.analytics.credit_rules import AgencyEvidence, Dated, WorkerEvidence
from centre.analytics.dimensions import month_of
from centre.analytics.models import (
    CreditListEntry,
    FactIntegrity,
)
from centre.sync.identity_rules import normalise_id_number
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from centre.terminals.models import Agency

LISTED = ("listed", "delisting")  # a list entry is in force from approval until its removal is approved


@dataclass(frozen=True)
class KeyRange:
    """A page of the whole-city batch: the workers whose uid lies from `first` to `last` (both included, in the
    database's order). Their rows are read by one index range scan per table instead of one probe per uid (a
    2,000-uid `= ANY` took 70–160 ms of planning and probing per page where the range takes 18 ms, measured);
    rows of uids in the range that are not the page's are dropped when read."""

    first: str
    last: str

    def lookup(self, field: str) -> dict[str, tuple[str, str]]:
        return {f"{field}__range": (self.first, self.last)}


def _in(field: str, ids: Sequence[str], span: KeyRange | None) -> dict[str, Any]:
    return span.lookup(field) if span is not None else {f"{field}__any_of": list(ids)}


def listed_now(subject: str, ids: Sequence[str], span: KeyRange | None = None) -> dict[str, str]:
    rows = CreditListEntry.objects.filter(subject=subject, status__in=LISTED, **_in("subject_id", ids, span))
    wanted = set(ids)
    found: dict[str, str] = {}
    for subject_id, kind in rows.values_list("subject_id", "kind"):
        if subject_id in wanted and found.get(subject_id) != "black":  # black outranks red
            found[subject_id] = kind
    return found


def id_numbers(uids: Sequence[str], span: KeyRange | None = None) -> dict[str, str]:
    """Each worker's normalised ID number, from the worker's record (the card read's): the number alone is read, not
    the whole record (decoding every record's JSON was a tenth of the city's grading)."""
    wanted = set(uids)
    numbers: dict[str, str] = {}
    for uid, number in Record.objects.filter(entity="worker", **_in("entity_uid", uids, span)).values_list(
            "entity_uid", KT("data__identity__id_number")):  # fmt: skip
        if number and uid in wanted:
            numbers[uid] = normalise_id_number(str(number))
    return numbers


def person_uids(uids: Sequence[str], numbers: dict[str, str]) -> dict[str, set[str]]:
    """Each worker's uids across agencies (the same person registered again after a transfer): a person's record
    follows them. Keyed by the given uid."""
    by_number: dict[str, set[str]] = defaultdict(set)
    for number, uid in IdentityRegistration.objects.filter(id_number__any_of=set(numbers.values())).values_list(
            "id_number", "worker_uid"):  # fmt: skip
        by_number[number].add(uid)
    return {uid: ({uid} | by_number.get(numbers.get(uid, ""), set())) for uid in uids}


def background_of(uids: Sequence[str], numbers: dict[str, str]) -> dict[str, str]:
    latest: dict[str, str] = {}
    rows = BackgroundCheck.objects.filter(id_number__any_of=set(numbers.values())).order_by("checked_at", "id")
    for number, result in rows.values_list("id_number", "result"):
        latest[number] = result
    return {uid: latest.get(numbers.get(uid, ""), "none") for uid in uids}


def workers(uids: Sequence[str], today: dt.date, span: KeyRange | None = None) -> dict[str, WorkerEvidence]:
    """The evidence of these workers; `span`, when given, is the key range whose workers are exactly `uids`."""
    numbers = id_numbers(uids, span)
    people = person_uids(uids, numbers)
    # Whose record a uid's facts belong to: every worker of the batch that is the same person (two registrations of
    # one person in one batch both get the person's whole record, as each does when graded alone).
    owners: dict[str, list[WorkerEvidence]] = defaultdict(list)
    evidence = {uid: WorkerEvidence() for uid in uids}
    for uid, all_uids in people.items():
        for u in all_uids:
            owners[u].append(evidence[uid])
    # A person's ratings under several uids are summed exactly (fsum): in the order the rows came, the last digit of
    # the sum, and at times the shrunk mean's rounding, depended on the page the worker was graded in.
    ratings: dict[int, list[float]] = defaultdict(list)
    for uid, result in background_of(uids, numbers).items():
        evidence[uid].background = result
    for kind, u, number, count, on, until, text in _worker_facts(list(owners), list(uids), today, span):
        if kind in ("health", "insurance"):  # the registration's own, not the person's
            if u not in evidence:
                continue  # a uid in the page's range that is not one of its workers
            if kind == "health":
                evidence[u].health_valid = True
            else:
                evidence[u].insurance_valid = True
            continue
        for ev in owners.get(u, ()):
            if kind == "training" and count:
                ev.training_passed = True
                ev.best_training = max(ev.best_training or 0.0, float(number or 0.0))
            elif kind == "evaluations":
                ratings[id(ev)].append(float(number or 0.0))
                ev.evaluations = (0.0, ev.evaluations[1] + int(count))
            elif kind == "complaint":
                ev.upheld_complaints.append(Dated(_day(on), text))
            elif kind == "integrity":
                ev.integrity.append(Dated(_day(on), text, _day(until)))
            elif kind == "contracts":
                ev.contracts += int(count)
    for uid, kind in listed_now("worker", uids, span).items():
        evidence[uid].listed = kind
    for ev in evidence.values():  # order-free: the same evidence reads the same whatever order the rows came in
        ev.evaluations = (math.fsum(ratings.get(id(ev), ())), ev.evaluations[1])
        ev.upheld_complaints.sort(key=lambda d: (d.on or dt.date.min, d.kind))
        ev.integrity.sort(key=lambda d: (d.on or dt.date.min, d.kind, d.valid_to or dt.date.min))
    return evidence


# One round trip for a batch's facts (an event's grade update is mostly round trips): each part is one of the
# queries the rules need, in one shape (kind, worker uid, number, count, day, day, text). A worker's ratings are
# summed exactly (NUMERIC on PostgreSQL): a sum of floats depends on the order the plan reads the rows in, and the
# batch's pages and an event's update read them by different plans.
_WORKER_FACTS = """
SELECT 'training', worker_uid, MAX(score), SUM(CASE WHEN passed THEN 1 ELSE 0 END), CAST(NULL AS DATE),
       CAST(NULL AS DATE), NULL
  FROM analytics_training WHERE worker_uid {every} GROUP BY worker_uid
UNION ALL SELECT 'health', worker_uid, NULL, 1, NULL, NULL, NULL FROM analytics_health_checks
  WHERE worker_uid {uids} AND passed AND expires_on >= {today} AND checked_on <= {today}
UNION ALL SELECT 'insurance', worker_uid, NULL, 1, NULL, NULL, NULL FROM analytics_insurance
  WHERE worker_uid {uids} AND starts_on <= {today} AND expires_on >= {today}
UNION ALL SELECT 'evaluations', worker_uid, SUM(CAST(overall AS NUMERIC)), COUNT(*), NULL, NULL, NULL
  FROM analytics_evaluations WHERE worker_uid {every} AND "on" <= {today} GROUP BY worker_uid
UNION ALL SELECT 'complaint', worker_uid, NULL, 1, received_on, NULL, severity FROM analytics_complaints
  WHERE worker_uid {every} AND outcome = 'upheld' AND received_on <= {today}
UNION ALL SELECT 'integrity', worker_uid, NULL, 1, valid_from, valid_to, polarity FROM analytics_integrity
  WHERE worker_uid {every} AND subject = 'worker' AND valid_from <= {today}
UNION ALL SELECT 'contracts', worker_uid, NULL, COUNT(*), NULL, NULL, NULL FROM analytics_contracts
  WHERE worker_uid {every} AND start_on <= {today} GROUP BY worker_uid
"""


def _worker_facts(every: list[str], uids: list[str], today: dt.date, span: KeyRange | None) -> list[tuple[Any, ...]]:
    """The facts of `every` uid (the workers' and their other registrations'), health and insurance of `uids` only.
    With a key range: the range's rows, then those of the other registrations outside it (few: transfers)."""
    from django.db import connection

    member, value = _member(connection.vendor)
    today_iso = today.isoformat()
    if span is None:
        sql = _WORKER_FACTS.format(every=member.format("%(every)s"), uids=member.format("%(uids)s"), today="%(today)s")
        params = {"every": value(every), "uids": value(uids), "today": today_iso}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    in_range = "BETWEEN %(first)s AND %(last)s"
    bounds = {"first": span.first, "last": span.last, "today": today_iso}
    page = set(uids)
    others = [u for u in every if u not in page]
    with connection.cursor() as cursor:
        cursor.execute(_WORKER_FACTS.format(every=in_range, uids=in_range, today="%(today)s"), bounds)
        rows = list(cursor.fetchall())
        if others:  # their own health and insurance are not the page's: an empty list for `uids`
            outside = member.format("%(every)s") + " AND worker_uid NOT " + in_range
            cursor.execute(_WORKER_FACTS.format(every=outside, uids=member.format("%(uids)s"), today="%(today)s"),
                           {**bounds, "every": value(others), "uids": value([])})  # fmt: skip
            rows.extend(cursor.fetchall())
    return rows


# An agency's figures in one round trip (kind, agency, number, count, count). At 1,000,000 workers the largest
# agency has 100,000 workers, 280,000 contracts a year and 330,000 evaluations, so nothing here reads the agency's
# rows one by one. The rollup (statistics.py) is current: every catch-up pass keeps it (facts.py) before the grades
# of whom it touched are computed, and it is built before any agency is graded. So:
# - workers (registered on or before today, not released by then) and certified workers (holding a credential
#   active today, as the rollup defines it) are the agency's day rows (analytics_agency_days) summed up to today;
#   an index scan over its certified credentials took 17 ms for the largest agency, its workers 10 ms;
# - the window's contracts and all evaluations are the monthly rollup's whole months up to this one, less what
#   starts after today in this month (indexes ix_act_as, ix_aev_agency), plus the part-month at the window's start;
# - the window's complaints (few) are found through (agency_id, month): month is the receipt's, so its bound
#   only narrows.
# Kinds that come in parts are added up by the caller.
_AGENCY_FIGURES = """
SELECT CASE WHEN measure LIKE 'workers%%' THEN 'workers' ELSE 'certified' END, agency_id,
       CAST(NULL AS DOUBLE PRECISION), SUM(CASE WHEN measure LIKE '%%_in' THEN n ELSE -n END), 0
  FROM analytics_agency_days WHERE agency_id {ids} AND day <= {today}
    AND measure IN ('workers_in', 'workers_out', 'certified_in', 'certified_out')
  GROUP BY agency_id, CASE WHEN measure LIKE 'workers%%' THEN 'workers' ELSE 'certified' END
UNION ALL SELECT 'contracts', agency_id, NULL, COUNT(*), 0 FROM analytics_contracts
  WHERE agency_id {ids} AND start_on > {since} AND start_on < {after_since_month} GROUP BY agency_id
UNION ALL SELECT 'contracts', agency_id, NULL, SUM(n), 0 FROM analytics_monthly
  WHERE agency_id {ids} AND measure = 'contracts' AND service_type = '*' AND month > {since_month}
    AND month <= {this_month} GROUP BY agency_id
UNION ALL SELECT 'contracts', agency_id, NULL, -COUNT(*), 0 FROM analytics_contracts
  WHERE agency_id {ids} AND start_on > {today} AND start_on < {next_month_day} GROUP BY agency_id
UNION ALL SELECT 'complaints', agency_id, SUM(resolution_days), SUM(CASE WHEN outcome = 'upheld' THEN 1 ELSE 0 END),
       SUM(CASE WHEN resolution_days IS NULL THEN 0 ELSE 1 END) FROM analytics_complaints
  WHERE agency_id {ids} AND month >= {since_month} AND received_on > {since} AND received_on <= {today}
  GROUP BY agency_id
UNION ALL SELECT 'evaluations', agency_id, SUM(total), SUM(n), 0 FROM analytics_monthly
  WHERE agency_id {ids} AND measure = 'evaluations' AND service_type = '*' AND month <= {this_month}
  GROUP BY agency_id
UNION ALL SELECT 'evaluations', agency_id, -SUM(overall), -COUNT(*), 0 FROM analytics_evaluations
  WHERE agency_id {ids} AND "on" > {today} AND "on" < {next_month_day} GROUP BY agency_id
"""


def _agency_figures(ids: list[str], since: dt.date, today: dt.date) -> list[tuple[Any, ...]]:
    from django.db import connection

    member, value = _member(connection.vendor)
    names = ("today", "since", "since_month", "after_since_month", "this_month", "next_month_day")
    marks = {name: f"%({name})s" for name in names}
    sql = _AGENCY_FIGURES.format(ids=member.format("%(ids)s"), **marks)
    after_since = (since.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    first = today.replace(day=1)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"ids": value(ids), "today": today.isoformat(), "since": since.isoformat(),
                             "since_month": month_of(since), "after_since_month": after_since.isoformat(),
                             "this_month": month_of(today),
                             "next_month_day": (first + dt.timedelta(days=32)).replace(day=1).isoformat()})  # fmt: skip
        return list(cursor.fetchall())


def _member(vendor: str) -> tuple[str, Any]:
    """Membership in a list passed as one parameter (any_of.py), and how the list is passed."""
    if vendor == "postgresql":
        return "= ANY({}::text[])", text_array
    return "IN (SELECT value FROM json_each({}))", json.dumps


def _day(value: Any) -> dt.date | None:
    """A date as the database gave it back (PostgreSQL: a date; SQLite, in a raw query: its text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def agencies(ids: Sequence[str], today: dt.date, window_days: int, penalty: str) -> dict[str, AgencyEvidence]:
    from centre.console.models import AgencyAdmission

    ids = list(ids)
    since = today - dt.timedelta(days=window_days)
    evidence = {a: AgencyEvidence() for a in ids}
    latest: dict[str, str] = {}
    for agency, status in AgencyAdmission.objects.filter(agency_id__in=ids).order_by("decided_at", "id").values_list(
            "agency_id", "status"):  # fmt: skip
        latest[agency] = status
    for agency, data in Record.objects.filter(entity="agency", agency_id__any_of=ids).values_list("agency_id", "data"):
        data = data if isinstance(data, dict) else {}
        ev = evidence[agency]
        ev.profile_complete = ev.profile_complete or bool(data.get("phone") and data.get("address"))
        ev.licence = ev.licence or bool(data.get("licence_no"))
    for agency in ids:
        evidence[agency].admitted = latest.get(agency) == "admitted"
    for kind, agency, number, count, resolved in _agency_figures(ids, since, today):
        ev = evidence[agency]
        if kind == "workers":
            ev.workers += int(count or 0)
        elif kind == "certified":
            ev.certified += int(count or 0)
        elif kind == "contracts":
            ev.contracts_in_window += int(count or 0)
        elif kind == "complaints":
            ev.upheld_in_window = int(count)
            ev.resolution_days = (float(number or 0.0), int(resolved))
        elif kind == "evaluations":
            ev.evaluations = (ev.evaluations[0] + float(number or 0.0), ev.evaluations[1] + int(count or 0))
    for agency, on, polarity, valid_to, category in FactIntegrity.objects.filter(
            agency_id__any_of=ids, subject="agency", valid_from__lte=today).order_by("valid_from", "uid").values_list(
            "agency_id", "valid_from", "polarity", "valid_to", "category"):  # fmt: skip
        item = Dated(on, polarity, valid_to)
        if category == penalty:
            evidence[agency].penalties.append(item)
        else:
            evidence[agency].integrity.append(item)
    for agency, kind in listed_now("agency", ids).items():
        evidence[agency].listed = kind
    return evidence


def agency_districts(ids: Sequence[str]) -> dict[str, str]:
    from centre.analytics.dimensions import district_of

    return {a: district_of(d) for a, d in Agency.objects.filter(pk__any_of=list(ids)).values_list("id", "district")}
