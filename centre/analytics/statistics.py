"""Industry statistics (行业统计): counts and rates by month × district × service type × agency, answered from the
monthly rollup (rollup_models.MonthlyFigure) so a dashboard reads a few thousand narrow rows instead of millions
of facts.

`rebuild()` counts the rollup agency by agency: `recompute(agencies)` deletes an agency's rows and counts them
again from the fact tables (index range scans on `(agency_id, month)`), and adds what changed to the city layer
(rollup_models.CityMonthlyFigure, the cells summed over agencies), which figures for the whole city or a district
read. Each catch-up pass then keeps it by difference (`Change`, called from facts.py): the same counting
functions over the workers the pass wrote, before and after its writes. The tests check that a kept rollup and a
rebuilt one are the same. The naive answers straight from the facts
live in statistics_raw.py: the tests reconcile the two exactly and the benchmark times both.

Definitions (docs/analytics.md):
- flows are counted in the month of their own date: registrations, transfers (received), training passed,
  contracts (start), evaluations (given; with the sum of marks), complaints (received; upheld, resolved with the
  sum of resolution days), revocations (the register's end), credentials issued;
- stocks at a month's last day E: an **active credential** was issued on or before E and is neither ended
  (revoked, suspended, returned, expired) on or before E nor past its valid_to; a **certified worker** holds at
  least one active credential. They are kept as flows in/out and summed up to the month.
- service type `*` is every type together: a worker with two types counts once there and once under each type;
  a worker's measures take the worker's types, a contract's, evaluation's or complaint's their own."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q

from centre.analytics.bulk_load import BulkTable
from centre.analytics.dimensions import month_of
from centre.analytics.models import FactCredential, FactMark, FactWorker, FactWorkerService
from centre.analytics.rollup_models import AgencyDayFigure, CityMonthlyFigure, MonthlyFigure

ALL = "*"
AGENCY_BATCH = 200
LOCK_KEY = 1_404_201  # pg_advisory_xact_lock: one rollup writer at a time

FLOWS = ("registrations", "transfers", "trainings_passed", "contracts", "evaluations", "complaints",
         "complaints_upheld", "complaints_resolved", "revocations", "credentials_issued")  # fmt: skip
STOCKS = ("active_credentials", "certified_workers")
MEASURES = FLOWS + STOCKS

# (measure, fact table, condition, how the service type is found, value summed)
_WORKER_TYPES = "worker"  # the worker's types, through analytics_worker_services
_OWN_TYPE = "own"  # the row's own service_type column
_SQL_FLOWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("registrations", "analytics_workers", "1=1", _WORKER_TYPES, "0"),
    ("transfers", "analytics_transfers", "1=1", _WORKER_TYPES, "0"),
    ("trainings_passed", "analytics_training", "t.passed", _WORKER_TYPES, "0"),
    ("contracts", "analytics_contracts", "1=1", _OWN_TYPE, "0"),
    ("evaluations", "analytics_evaluations", "1=1", _OWN_TYPE, "t.overall"),
    ("complaints", "analytics_complaints", "1=1", _OWN_TYPE, "0"),
    ("complaints_upheld", "analytics_complaints", "t.outcome = 'upheld'", _OWN_TYPE, "0"),
    ("complaints_resolved", "analytics_complaints", "t.resolution_days IS NOT NULL", _OWN_TYPE, "t.resolution_days"),
    ("credentials_issued", "analytics_credentials", "t.issued_on IS NOT NULL", _WORKER_TYPES, "0"),
)  # fmt: skip
# Revocations are counted in the month the register ended the credential (ended_month), not the issue month.
_REVOCATIONS = ("revocations", "analytics_credentials", "t.end_kind = 'revoked' AND t.ended_month IS NOT NULL",
                _WORKER_TYPES, "0")  # fmt: skip

Key = tuple[int, str, str, str]  # month, district, service type, agency


# --- keeping the rollup --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose fact rows a count covers: whole agencies (a recount), or some workers and, for some agencies, the
    rows that name no worker (what a catch-up pass changed). Every measure is a sum over workers (a certified
    worker's spans are the worker's own), so counts over disjoint scopes add up."""

    agencies: tuple[str, ...] = ()
    workers: tuple[str, ...] = ()
    unnamed_of: tuple[str, ...] = ()  # agencies whose rows without a worker are counted

    def sql(self) -> tuple[str, list[str]]:
        """A condition on the fact table `t`, and its parameters."""
        def among(column: str, values: tuple[str, ...]) -> str:
            return f"t.{column} IN ({', '.join(['%s'] * len(values))})"

        if self.agencies:
            return among("agency_id", self.agencies), list(self.agencies)
        parts: list[str] = []
        params: list[str] = []
        if self.workers:
            parts.append(among("worker_uid", self.workers))
            params.extend(self.workers)
        if self.unnamed_of:
            parts.append(f"(t.worker_uid = '' AND {among('agency_id', self.unnamed_of)})")
            params.extend(self.unnamed_of)
        return f"({' OR '.join(parts) or '1 = 0'})", params

    def workers_q(self) -> Q:
        """The workers themselves (a worker row always names its worker)."""
        return Q(agency_id__in=self.agencies) if self.agencies else Q(worker_uid__in=self.workers)

    def credentials(self) -> Q:
        if self.agencies:
            return Q(agency_id__in=self.agencies)
        return Q(worker_uid__in=self.workers) | Q(worker_uid="", agency_id__in=self.unnamed_of)


def _flow_queries(spec: tuple[str, str, str, str, str], within: str) -> list[str]:
    """The flow's cells under `*` and under each service type, each row led by the measure's name."""
    measure, table, condition, types, value = spec
    month = "t.ended_month" if measure == "revocations" else "t.month"
    where = f"WHERE {condition} AND {month} IS NOT NULL AND {within}"
    star = (f"SELECT '{measure}', {month}, t.district, '*', t.agency_id, COUNT(*), SUM({value}) FROM {table} t "
            f"{where} GROUP BY {month}, t.district, t.agency_id")  # fmt: skip
    if types == _OWN_TYPE:
        return [star, f"SELECT '{measure}', {month}, t.district, t.service_type, t.agency_id, COUNT(*), SUM({value}) "
                      f"FROM {table} t {where} GROUP BY {month}, t.district, t.service_type, t.agency_id"]  # fmt: skip
    return [star, f"SELECT '{measure}', {month}, t.district, s.service_type, t.agency_id, COUNT(*), SUM({value}) "
                  f"FROM {table} t JOIN analytics_worker_services s ON s.worker_uid = t.worker_uid {where} "
                  f"GROUP BY {month}, t.district, s.service_type, t.agency_id"]  # fmt: skip


def _flow_rows(scope: Scope) -> Iterator[dict[str, Any]]:
    """Every flow's cells in one statement (a catch-up pass counts a few workers twice: one round trip each)."""
    within, params = scope.sql()
    queries = [q for spec in (*_SQL_FLOWS, _REVOCATIONS) for q in _flow_queries(spec, within)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(queries), params * len(queries))
        for measure, m, district, service_type, agency, n, total in cursor.fetchall():
            yield {"month": int(m), "district": district, "service_type": service_type, "agency_id": agency,
                   "measure": measure, "n": int(n), "total": float(total or 0.0)}


def credential_end(valid_to: dt.date | None, ended_on: dt.date | None) -> dt.date | None:
    """The first day a credential is no longer active: the register's end, or the day after valid_to."""
    ends = [d for d in (ended_on, valid_to + dt.timedelta(days=1) if valid_to else None) if d is not None]
    return min(ends) if ends else None


def merge_spans(spans: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    """The union of [start, end) spans (None: open)."""
    merged: list[tuple[dt.date, dt.date | None]] = []
    for start, end in sorted(spans, key=lambda s: s[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
        else:
            merged.append((start, end))
    return merged


DayCell = tuple[str, str, dt.date]  # agency, measure, day
EARLIEST = dt.date(1, 1, 1)  # the day a worker registered on no known day came in


def _stock_rows(scope: Scope, days: defaultdict[DayCell, int]) -> Iterator[dict[str, Any]]:
    """Active credentials and certified workers as flows: +1 in the month a span starts, −1 in the month it ends.
    A worker's spans are merged per agency and district (the cell the worker is counted in). Certified workers go
    to `days` too, by the day (rollup_models.AgencyDayFigure)."""
    counts: dict[tuple[int, str, str, str, str], int] = defaultdict(int)
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    rows = FactCredential.objects.filter(scope.credentials(), issued_on__isnull=False).values_list(
        "worker_uid", "agency_id", "district", "issued_on", "valid_to", "ended_on")
    credential_spans: list[tuple[str, str, str, dt.date, dt.date | None]] = []
    for worker, agency, district, issued, valid_to, ended in rows.iterator(chunk_size=5000):
        end = credential_end(valid_to, ended)
        if issued is None or (end is not None and end <= issued):
            continue  # never active at any day's end
        credential_spans.append((worker, agency, district, issued, end))
        spans[(worker, agency, district)].append((issued, end))
    types = _types_of(sorted({worker for worker, _, _ in spans}))

    def add(measure: str, worker: str, agency: str, district: str, start: dt.date, end: dt.date | None) -> None:
        for service_type in (ALL, *types.get(worker, ())):
            counts[(month_of(start) or 0, district, service_type, agency, f"{measure}_in")] += 1
            if end is not None:
                counts[(month_of(end) or 0, district, service_type, agency, f"{measure}_out")] += 1

    for worker, agency, district, start, end in credential_spans:
        add("active_credentials", worker, agency, district, start, end)
    for (worker, agency, district), worker_spans in spans.items():
        for start, end in merge_spans(worker_spans):
            add("certified_workers", worker, agency, district, start, end)
            days[(agency, "certified_in", start)] += 1
            if end is not None:
                days[(agency, "certified_out", end)] += 1
    for (month, district, service_type, agency, measure), n in counts.items():
        yield {"month": month, "district": district, "service_type": service_type, "agency_id": agency,
               "measure": measure, "n": n, "total": 0.0}


def _types_of(workers: Sequence[str]) -> dict[str, list[str]]:
    types: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(workers), 5000):
        chunk = workers[start : start + 5000]
        for uid, service_type in FactWorkerService.objects.filter(worker_uid__in=chunk).values_list(
            "worker_uid", "service_type"
        ):
            types[uid].append(service_type)
    return types


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _worker_days(scope: Scope, days: defaultdict[DayCell, int]) -> None:
    """Workers as flows by the day: in when registered, out when released."""
    for agency, registered, released in FactWorker.objects.filter(scope.workers_q()).values_list(
            "agency_id", "registered_on", "released_on").iterator(chunk_size=5000):  # fmt: skip
        days[(agency, "workers_in", registered or EARLIEST)] += 1
        if released is not None:
            days[(agency, "workers_out", released)] += 1


def _rows(scope: Scope, days: defaultdict[DayCell, int]) -> Iterator[dict[str, Any]]:
    """Every monthly rollup row the facts in `scope` make (one per cell; flows and stocks); the day rows go to
    `days` as the rows are read."""
    _worker_days(scope, days)
    return itertools.chain(_flow_rows(scope), _stock_rows(scope, days))


def recompute(agencies: Iterable[str]) -> int:
    """Count these agencies' cells again from the facts; returns the rows written."""
    ids = sorted({a for a in agencies if a is not None})
    written = 0
    for start in range(0, len(ids), AGENCY_BATCH):
        chunk = ids[start : start + AGENCY_BATCH]
        with transaction.atomic():
            _lock()
            change = _city_cells(MonthlyFigure.objects.filter(agency_id__in=chunk), sign=-1)
            MonthlyFigure.objects.filter(agency_id__in=chunk).delete()
            AgencyDayFigure.objects.filter(agency_id__in=chunk).delete()
            table = BulkTable(MonthlyFigure)  # COPY on PostgreSQL, executemany on SQLite
            days: defaultdict[DayCell, int] = defaultdict(int)
            for row in _rows(Scope(agencies=tuple(chunk)), days):
                table.add(row)
                cell = change[(row["month"], row["district"], row["service_type"], row["measure"])]
                cell[0] += row["n"]
                cell[1] += row["total"]
            table.flush()
            _add_to_city(change)
            day_table = BulkTable(AgencyDayFigure)
            for (agency, measure, day), n in days.items():
                if n:
                    day_table.add({"agency_id": agency, "measure": measure, "day": day, "n": n})
            day_table.flush()
            written += table.count
    return written


Cell = tuple[int, str, str, str, str]  # month, district, service type, agency, measure
WORKER_CHUNK = 2000


def _counted(scope: Scope) -> tuple[defaultdict[Cell, list[float]], defaultdict[DayCell, int]]:
    found: defaultdict[Cell, list[float]] = defaultdict(lambda: [0, 0.0])
    days: defaultdict[DayCell, int] = defaultdict(int)
    parts = [Scope(workers=scope.workers[i : i + WORKER_CHUNK]) for i in range(0, len(scope.workers), WORKER_CHUNK)]
    if scope.unnamed_of:
        parts.append(Scope(unnamed_of=scope.unnamed_of))
    for part in parts:  # workers are disjoint, so their counts add up
        for row in _rows(part, days):
            cell = found[(row["month"], row["district"], row["service_type"], row["agency_id"], row["measure"])]
            cell[0] += row["n"]
            cell[1] += row["total"]
    return found, days


class Change:
    """What a catch-up pass does to the rollup, kept by difference: the cells of the workers whose facts the pass
    writes are counted before the writes and after them, and the difference is added to the agency rows, the
    city layer and the agencies' days. A pass's work so grows with what it wrote, not with the size of the
    agencies it touched (at 1,000,000 workers, recounting the largest agency took 7–17 s). Made inside the pass's
    transaction; the advisory lock (PostgreSQL) keeps two passes from counting the same cells at once."""

    def __init__(self, scope: Scope) -> None:
        _lock()
        self.scope = scope
        self.before, self.days_before = _counted(scope)

    def add(self) -> int:
        """Count again after the writes and add the difference; returns the cells that moved."""
        after, days_after = _counted(self.scope)
        moved = {cell: (int(after[cell][0] - self.before[cell][0]), after[cell][1] - self.before[cell][1])
                 for cell in set(self.before) | set(after)}  # fmt: skip
        moved = {cell: nt for cell, nt in moved.items() if nt[0] or abs(nt[1]) > 1e-9}
        if moved:
            _add_to_rows(MonthlyFigure, ("month", "district", "service_type", "agency_id", "measure"), moved,
                         total=True)  # fmt: skip
            city: defaultdict[CityCell, list[float]] = defaultdict(lambda: [0, 0.0])
            for (month, district, service_type, _, measure), (n, total) in moved.items():
                city[(month, district, service_type, measure)][0] += n
                city[(month, district, service_type, measure)][1] += total
            _add_to_city(city)
        moved_days = {cell: days_after[cell] - self.days_before[cell] for cell in set(self.days_before) | set(days_after)}
        _add_to_rows(AgencyDayFigure, ("agency_id", "measure", "day"),
                     {cell: (n, 0.0) for cell, n in moved_days.items() if n}, total=False)  # fmt: skip
        return len(moved) + len(moved_days)


def _add_to_rows(model: type[models.Model], keys: tuple[str, ...], moved: dict[tuple[Any, ...], tuple[int, float]],
                 total: bool) -> None:
    """The rows of `model` at these keys (its fields `keys`, in order) with the differences (n, total) added; a row
    that comes to no count goes (a recount writes no row for it). Rows are read through each key field's values
    together, then matched whole."""
    if not moved:
        return
    found = model._default_manager.filter(**{f"{k}__in": sorted({cell[i] for cell in moved}) for i, k in enumerate(keys)})
    values = ("n", "total") if total else ("n",)
    current: dict[tuple[Any, ...], tuple[int, int, float]] = {}
    for pk, *row in found.values_list("pk", *keys, *values):
        cell = tuple(row[: len(keys)])
        if cell in moved:
            current[cell] = (pk, row[len(keys)], row[len(keys) + 1] if total else 0.0)
    model._default_manager.filter(pk__in=[pk for pk, _, _ in current.values()]).delete()
    rows = []
    for cell, (n, add) in moved.items():
        _, was_n, was_total = current.get(cell, (0, 0, 0.0))
        if was_n + n:
            fields = dict(zip(keys, cell, strict=True)) | {"n": was_n + n}
            rows.append(model(**fields, **({"total": round(was_total + add, 9)} if total else {})))
    model._default_manager.bulk_create(rows, batch_size=1000)


CityCell = tuple[int, str, str, str]  # month, district, service type, measure


def _city_cells(rows: Any, sign: int) -> defaultdict[CityCell, list[float]]:
    """Agency rows summed per city cell (times `sign`): what a recount takes away before it counts again."""
    from django.db.models import Sum

    found: defaultdict[CityCell, list[float]] = defaultdict(lambda: [0, 0.0])
    for r in rows.values("month", "district", "service_type", "measure").annotate(n_=Sum("n"), total_=Sum("total")):
        found[(r["month"], r["district"], r["service_type"], r["measure"])] = [sign * int(r["n_"]),
                                                                               sign * float(r["total_"] or 0.0)]
    return found


def _add_to_city(change: dict[CityCell, list[float]]) -> None:
    """Add each cell's change to the city layer; a cell that comes to nothing goes (as no agency row has it)."""
    moved = [(month, district, service_type, measure, int(n), total)
             for (month, district, service_type, measure), (n, total) in change.items() if n or total]  # fmt: skip
    if not moved:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO analytics_monthly_city (month, district, service_type, measure, n, total) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (measure, service_type, month, district) "
            "DO UPDATE SET n = analytics_monthly_city.n + excluded.n, "
            "total = analytics_monthly_city.total + excluded.total", moved)  # fmt: skip
        # A cell with no count left has no rows under it (a sum kept by difference may keep a float's residue).
        gone = "DELETE FROM analytics_monthly_city WHERE n = 0 AND ABS(total) < 1e-6"
        if len(moved) > 500:  # a recount: one pass over the table
            cursor.execute(gone)
        else:  # a catch-up pass: its own cells, through the unique index
            cursor.executemany(gone + " AND measure = %s AND service_type = %s AND month = %s AND district = %s",
                               [(measure, service_type, month, district)
                                for month, district, service_type, measure, _, _ in moved])  # fmt: skip


def all_agencies() -> list[str]:
    """Every agency that has a fact (a worker, a contract, a complaint …)."""
    from centre.analytics.facts import FACT_MODELS

    found: set[str] = set()
    for model in FACT_MODELS:
        found.update(model._default_manager.values_list("agency_id", flat=True).distinct())
    return sorted(found)


ROLLUP_MARK = "rollup"  # a FactMark row: the rollup stands for the facts and every pass keeps it
BUILT, BUILDING = "built", "building"


def rebuild() -> int:
    """The whole rollup again from the facts (after a demo city or a fact rebuild). The mark says "building" from
    the start, so passes that run meanwhile add their changes (an agency not yet recounted gets the change and
    then its recount, which replaces it); a rebuild cut short leaves "building", and the next read builds again."""
    with transaction.atomic():
        _lock()
        MonthlyFigure.objects.all().delete()
        CityMonthlyFigure.objects.all().delete()
        AgencyDayFigure.objects.all().delete()
        FactMark.objects.update_or_create(source=ROLLUP_MARK, defaults={"key": BUILDING})
    written = recompute(all_agencies())
    FactMark.objects.filter(source=ROLLUP_MARK).update(key=BUILT)
    return written


def kept() -> bool:
    """Whether a pass should add its change to the rollup: it has been built (or is being built), or there is
    nothing to build yet (a new centre: the mark is set now, and the rollup grows pass by pass)."""
    if FactMark.objects.filter(source=ROLLUP_MARK).exists():
        return True
    from centre.analytics.facts import FACT_MODELS

    if MonthlyFigure.objects.exists() or any(m._default_manager.exists() for m in FACT_MODELS):
        return False
    FactMark.objects.get_or_create(source=ROLLUP_MARK, defaults={"key": BUILT})
    return True


def ensure_built() -> None:
    """A database whose facts were loaded directly (demo-city), rebuilt, or kept by an older centre, gets its
    rollup on first read; so does one whose rebuild was cut short (the mark still says "building")."""
    mark = FactMark.objects.filter(source=ROLLUP_MARK).values_list("key", flat=True).first()
    if mark == BUILT or (mark is None and kept()):
        return
    rebuild()


# --- reading it ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slice:
    """Which part of the cube: None is every value of that dimension."""

    district: str | None = None
    service_type: str | None = None
    agency_id: str | None = None

    def filters(self) -> dict[str, str]:
        found = {"service_type": self.service_type or ALL}
        if self.district is not None:
            found["district"] = self.district
        if self.agency_id is not None:
            found["agency_id"] = self.agency_id
        return found


@dataclass(frozen=True)
class Figure:
    n: int
    total: float = 0.0

    @property
    def mean(self) -> float | None:
        return round(self.total / self.n, 4) if self.n else None


def _grouped(measure: str, where: Slice, months: tuple[int, int], by: str | None) -> dict[tuple[int, str], Figure]:
    from django.db.models import Sum

    fields = ["month"] + ([by] if by else [])
    # The whole city or a district: the city layer, one row per cell; an agency or split by agency: its rows.
    kept = MonthlyFigure if where.agency_id is not None or by == "agency_id" else CityMonthlyFigure
    rows = (kept.objects.filter(measure=measure, month__gte=months[0], month__lte=months[1], **where.filters())
            .values(*fields).annotate(n_=Sum("n"), total_=Sum("total")))  # fmt: skip
    return {(r["month"], r[by] if by else ""): Figure(int(r["n_"] or 0), float(r["total_"] or 0.0)) for r in rows}


def series(measure: str, where: Slice, months: Sequence[int], by: str | None = None) -> dict[str, list[Figure]]:
    """The measure for each month in `months` (sorted yyyymm), split by `by` (district, service_type, agency_id)
    or one series under ''. Stocks are summed from the first month on."""
    if not months:
        return {}
    if measure in STOCKS:
        ins = _grouped(f"{measure}_in", where, (0, months[-1]), by)
        outs = _grouped(f"{measure}_out", where, (0, months[-1]), by)
        keys = {k for _, k in ins} | {k for _, k in outs}
        result: dict[str, list[Figure]] = {}
        for key in keys:
            level, step = 0, 0
            flows = sorted({m for m, k in ins if k == key} | {m for m, k in outs if k == key})
            values = []
            for month in months:
                while step < len(flows) and flows[step] <= month:
                    f = flows[step]
                    level += ins.get((f, key), Figure(0)).n - outs.get((f, key), Figure(0)).n
                    step += 1
                values.append(Figure(level))
            result[key] = values
        return result
    found = _grouped(measure, where, (months[0], months[-1]), by)
    keys = {k for _, k in found} or ({""} if by is None else set())
    return {key: [found.get((m, key), Figure(0)) for m in months] for key in keys}


def figure(measure: str, where: Slice, month: int) -> Figure:
    return series(measure, where, [month]).get("", [Figure(0)])[0]


def shift_month(month: int, by: int) -> int:
    """yyyymm moved by `by` months (202501, -1 → 202412)."""
    index = (month // 100) * 12 + (month % 100 - 1) + by
    return (index // 12) * 100 + index % 12 + 1


def months_between(first: int, last: int) -> list[int]:
    out, year, month = [], first // 100, first % 100
    while year * 100 + month <= last:
        out.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_range() -> tuple[int, int] | None:
    """The first and last month with a flow (contracts, registrations)."""
    from django.db.models import Max, Min

    span = CityMonthlyFigure.objects.filter(measure__in=("contracts", "registrations")).aggregate(Min("month"), Max("month"))
    if span["month__min"] is None:
        return None
    return int(span["month__min"]), int(span["month__max"])


def table(month: int, by: str, where: Slice) -> dict[str, dict[str, Figure]]:
    """Every measure for one month, one row per value of `by`: {row key: {measure: Figure}}."""
    rows: dict[str, dict[str, Figure]] = defaultdict(dict)
    for measure in MEASURES:
        for key, values in series(measure, where, [month], by).items():
            rows[key][measure] = values[0]
    return {key: {m: figures.get(m, Figure(0)) for m in MEASURES} for key, figures in rows.items()}
