"""Keeping the fact tables (models.py) from their sources.

Each source is followed in its own (time, key) order from a mark (FactMark), like the console's look-up index
(centre/console/search_index.py): `catch_up()` reads what changed since the mark, maps each row with the same
functions the batch uses and upserts the facts, so incremental upkeep and `rebuild()` agree by construction.
A row's time is when its transaction started, and it commits a moment later: each pass re-reads a short overlap
before the mark (re-reading is idempotent).

The installation's one follower process runs `refresh()` when pushes have brought rows (upkeep.py); the pages and
the API catch up before they read. What changed reaches credit evaluation too (centre/analytics/credit.py)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import Q

from centre.analytics import fact_rules as rules
from centre.analytics.dimensions import district_of, month_of, parse_day, week_of
from centre.analytics.models import (
    ComplaintFinding,
    FactComplaint,
    FactContract,
    FactCredential,
    FactEvaluation,
    FactHealthCheck,
    FactInsurance,
    FactIntegrity,
    FactMark,
    FactTraining,
    FactTransfer,
    FactWorker,
    FactWorkerService,
)  # fmt: skip
from centre.complaints.models import Complaint
from centre.credentials.models import Credential
from centre.evaluations.models import Evaluation
from centre.integrity.models import IntegrityRecord
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from centre.terminals.models import Agency

if TYPE_CHECKING:
    from centre.analytics.statistics import Scope

log = logging.getLogger(__name__)

BATCH = 2000
OVERLAP = dt.timedelta(seconds=10)  # a push commits within seconds of its start (its rows carry the start)
FACT_MODELS: tuple[type[models.Model], ...] = (
    FactWorker, FactWorkerService, FactCredential, FactContract, FactTraining, FactHealthCheck, FactInsurance,
    FactEvaluation, FactComplaint, FactIntegrity, FactTransfer,
)  # fmt: skip
RECORD_ENTITIES = ("worker", "contract", "training", "health_check", "insurance", "evaluation", "complaint", "credit")


@dataclass
class Touched:
    """What a pass changed: the workers and agencies whose credit may have moved."""

    workers: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)

    def add(self, worker_uid: str | None, agency_id: str | None) -> None:
        if worker_uid:
            self.workers.add(worker_uid)
        if agency_id:
            self.agencies.add(agency_id)


class _Context:
    """Look-ups one batch needs, fetched once: agencies' districts, workers' service types and agencies."""

    def __init__(self) -> None:
        self.districts: dict[str, str] = {}  # agency → district, read as a batch names them (a city has 4,000)
        self.workers: dict[str, tuple[str, str]] = {}  # worker uid → (agency, first service type)
        self.writes = _Writes()

    def district(self, agency_id: str) -> str:
        if agency_id not in self.districts:
            found = Agency.objects.filter(pk=agency_id).values_list("district", flat=True).first()
            self.districts[agency_id] = district_of(found) if found is not None else ""
        return self.districts[agency_id]

    def load_workers(self, uids: Iterable[str]) -> None:
        wanted = sorted({u for u in uids if u and u not in self.workers})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for uid, agency, data in Record.objects.filter(entity="worker", entity_uid__in=chunk).values_list(
                    "entity_uid", "agency_id", "data"):  # fmt: skip
                self.workers[uid] = (agency, rules.first_type(data if isinstance(data, dict) else {}))

    def worker_type(self, uid: str) -> str:
        return self.workers.get(uid, ("", ""))[1]


# --- mapping source rows to facts -------------------------------------------------------------------------------


def _record_facts(records: Sequence[Record], ctx: _Context, touched: Touched) -> None:
    ctx.load_workers(str(r.data.get("worker_uid") or "") for r in records if isinstance(r.data, dict))
    centre_complaints = set(Complaint.objects.filter(
        uid__in=[r.entity_uid for r in records if r.entity == "complaint"]).values_list("uid", flat=True))  # fmt: skip
    rows: dict[type[models.Model], list[models.Model]] = {}
    services: dict[str, list[FactWorkerService]] = {}
    for record in records:
        data = record.data if isinstance(record.data, dict) else {}
        agency, district = record.agency_id, ctx.district(record.agency_id)
        worker_uid = str(data.get("worker_uid") or "")
        fact: models.Model | None = None
        if record.entity == "worker":
            fields = rules.worker_fields(data)
            fact = FactWorker(worker_uid=record.entity_uid, agency_id=agency, district=district,
                              simulated=record.simulated, **fields)  # fmt: skip
            services[record.entity_uid] = [
                FactWorkerService(worker_uid=record.entity_uid, service_type=code, agency_id=agency,
                                  district=district, month=fields["month"])
                for code in rules.service_types_of(data)
            ]  # fmt: skip
            worker_uid = record.entity_uid
        elif record.entity == "contract":
            start = parse_day(data.get("period_from"))
            fact = FactContract(contract_uid=record.entity_uid, worker_uid=worker_uid, agency_id=agency,
                                district=district_of(data.get("district")) or district,
                                service_type=str(data.get("service_type") or "")[:16],
                                signed_on=parse_day(data.get("signed_on")), start_on=start,
                                end_on=parse_day(data.get("period_to")), month=month_of(start),
                                start_week=week_of(start) if start else None)  # fmt: skip
        elif record.entity == "training" and "score" in data:
            on = parse_day(record.updated_at)
            fact = FactTraining(uid=record.entity_uid, worker_uid=worker_uid, agency_id=agency, district=district,
                                on=on, month=month_of(on), score=rules.as_float(data.get("score")),
                                passed=bool(data.get("passed")))  # fmt: skip
        elif record.entity == "health_check":
            checked = parse_day(data.get("checked_on"))
            fact = FactHealthCheck(uid=record.entity_uid, worker_uid=worker_uid, agency_id=agency, district=district,
                                   checked_on=checked, expires_on=parse_day(data.get("expires_on")),
                                   month=month_of(checked), passed=bool(data.get("passed")))  # fmt: skip
        elif record.entity == "insurance":
            starts = parse_day(data.get("starts_on"))
            fact = FactInsurance(uid=record.entity_uid, worker_uid=worker_uid, agency_id=agency, district=district,
                                 starts_on=starts, expires_on=parse_day(data.get("expires_on")),
                                 month=month_of(starts))  # fmt: skip
        elif record.entity == "evaluation" and rules.as_float(data.get("overall")) is not None:
            on = parse_day(data.get("at"))
            fact = FactEvaluation(uid=record.entity_uid, source="agency", worker_uid=worker_uid, agency_id=agency,
                                  district=district, service_type=ctx.worker_type(worker_uid), on=on,
                                  month=month_of(on), overall=rules.as_float(data.get("overall")) or 0.0)  # fmt: skip
        elif record.entity == "complaint" and record.entity_uid not in centre_complaints:
            outcome = rules.agency_complaint_outcome(data)
            received = parse_day(data.get("received_at"))
            fact = FactComplaint(uid=record.entity_uid, source="agency", worker_uid=worker_uid, agency_id=agency,
                                 district=district, service_type=ctx.worker_type(worker_uid), received_on=received,
                                 month=month_of(received), severity=outcome.severity, outcome=outcome.outcome,
                                 resolved_on=outcome.resolved_on, resolution_days=outcome.resolution_days)  # fmt: skip
        elif record.entity == "credit":
            on = parse_day(data.get("recorded_at"))
            fact = FactIntegrity(uid=record.entity_uid, source="agency", subject="worker", worker_uid=worker_uid,
                                 agency_id=agency, district=district, polarity=str(data.get("kind") or "notice")[:8],
                                 category="agency_record", valid_from=on, valid_to=None, month=month_of(on))  # fmt: skip
        if fact is not None:
            rows.setdefault(type(fact), []).append(fact)
            touched.add(worker_uid, agency)
    for model, facts in rows.items():
        ctx.writes.upsert(model, facts)
    ctx.writes.services.update(services)


def _credential_facts(rows: Sequence[Credential], ctx: _Context, touched: Touched) -> None:
    facts = []
    for c in rows:
        agency = c.agency_id or ""
        issued = parse_day(c.valid_from) if c.state not in ("applied", "approved") else None
        end = rules.end_of_credential(c.state, c.hold)
        ended = parse_day(c.updated_at) if end else None
        facts.append(FactCredential(credential_no=c.credential_no, worker_uid=c.worker_uid or "", agency_id=agency,
                                    district=ctx.district(agency), state=c.state, hold=c.hold, issued_on=issued,
                                    month=month_of(issued), valid_to=parse_day(c.valid_to), ended_on=ended,
                                    ended_month=month_of(ended), end_kind=end))  # fmt: skip
        touched.add(c.worker_uid, agency)
    ctx.writes.upsert(FactCredential, facts)


class _Registrations:
    """The identity registry's rows for a batch's ID numbers, read once: which worker uid an agency registered a
    person under (its latest), and which registration came before another."""

    def __init__(self, numbers: Iterable[str]) -> None:
        wanted = sorted({n for n in numbers if n})
        self.rows: dict[str, list[tuple[int, str, str, bool]]] = {}  # number → (id, agency, worker uid, released)
        for start in range(0, len(wanted), 500):
            for pk, number, agency, uid, released in IdentityRegistration.objects.filter(
                    id_number__in=wanted[start : start + 500]).order_by("id").values_list(
                    "id", "id_number", "agency_id", "worker_uid", "released_at"):  # fmt: skip
                self.rows.setdefault(number, []).append((pk, agency, uid, released is not None))

    def worker_of(self, number: str, agency_id: str | None) -> str:
        found = [uid for _, agency, uid, _ in self.rows.get(number, []) if not agency_id or agency == agency_id]
        return found[-1] if found else ""

    def released_before(self, number: str, pk: int, agency_id: str) -> tuple[str, str] | None:
        """(worker uid, agency) of the latest released registration before `pk` by another agency."""
        found = [(uid, agency) for other, agency, uid, released in self.rows.get(number, [])
                 if other < pk and released and agency != agency_id]  # fmt: skip
        return found[-1] if found else None


def _complaint_facts(rows: Sequence[Complaint], ctx: _Context, touched: Touched) -> None:
    registry = _Registrations(c.id_number for c in rows)
    workers = {c.uid: registry.worker_of(c.id_number, c.agency_id) if c.id_number else "" for c in rows}
    ctx.load_workers(workers.values())
    findings = {f.complaint_uid: (f.severity, f.upheld)
                for f in ComplaintFinding.objects.filter(complaint_uid__in=[c.uid for c in rows])}  # fmt: skip
    facts = []
    for c in rows:
        agency = c.agency_id or ""
        outcome = rules.complaint_outcome(c.status, c.received_at, c.resolved_at, c.closed_at,
                                          bool(c.escalation_reason), findings.get(c.uid))  # fmt: skip
        received = parse_day(c.received_at)
        worker = workers[c.uid]
        facts.append(FactComplaint(uid=c.uid, source=c.source[:16], worker_uid=worker, agency_id=agency,
                                   district=ctx.district(agency), service_type=ctx.worker_type(worker),
                                   received_on=received, month=month_of(received), severity=outcome.severity,
                                   outcome=outcome.outcome, resolved_on=outcome.resolved_on,
                                   resolution_days=outcome.resolution_days))  # fmt: skip
        touched.add(worker, agency)
    ctx.writes.upsert(FactComplaint, facts)


def _evaluation_facts(rows: Sequence[Evaluation], ctx: _Context, touched: Touched) -> None:
    facts = []
    for e in rows:
        on = parse_day(e.created_at)
        facts.append(FactEvaluation(uid=e.uid, source="consumer", worker_uid=e.worker_uid, agency_id=e.agency_id,
                                    district=ctx.district(e.agency_id), service_type=e.service_type[:16],
                                    contract_uid=e.contract_uid, on=on, month=month_of(on), overall=e.overall))  # fmt: skip
        touched.add(e.worker_uid, e.agency_id)
    ctx.writes.upsert(FactEvaluation, facts)


def _integrity_facts(rows: Sequence[IntegrityRecord], ctx: _Context, touched: Touched) -> None:
    facts = []
    registry = _Registrations(r.id_number for r in rows if r.subject == "worker")
    for r in rows:
        worker = registry.worker_of(r.id_number, r.agency_id) if r.subject == "worker" and r.id_number else ""
        facts.append(FactIntegrity(uid=r.uid, source="centre", subject=r.subject, worker_uid=worker,
                                   agency_id=r.agency_id, district=ctx.district(r.agency_id), polarity=r.polarity,
                                   category=r.category, valid_from=r.valid_from, valid_to=r.valid_to,
                                   month=month_of(r.valid_from)))  # fmt: skip
        touched.add(worker, r.agency_id)
    ctx.writes.upsert(FactIntegrity, facts)


def _registration_facts(rows: Sequence[IdentityRegistration], ctx: _Context, touched: Touched) -> None:
    """Transfers (a registration after another agency's released one) and releases the centre made."""
    registry = _Registrations(reg.id_number for reg in rows)
    released: dict[dt.date | None, list[str]] = {}
    transfers = []
    for reg in rows:
        touched.add(reg.worker_uid, reg.agency_id)
        if reg.released_at is not None:
            released.setdefault(parse_day(reg.released_at), []).append(reg.worker_uid)
        before = registry.released_before(reg.id_number, reg.id, reg.agency_id)
        if before is None:
            continue
        on = parse_day(reg.registered_at)
        transfers.append(FactTransfer(registration_id=reg.id, worker_uid=reg.worker_uid,
                                      previous_worker_uid=before[0], from_agency_id=before[1],
                                      agency_id=reg.agency_id, district=ctx.district(reg.agency_id), on=on,
                                      month=month_of(on)))  # fmt: skip
        touched.add(*before)
    for day, uids in released.items():
        ctx.writes.releases.setdefault(day, []).extend(uids)
    ctx.writes.upsert(FactTransfer, transfers)


# The facts the rollup counts (statistics.py): a pass that writes only others leaves it as it is.
ROLLUP_FACTS = (FactWorker, FactWorkerService, FactCredential, FactContract, FactTraining, FactEvaluation,
                FactComplaint, FactTransfer)  # fmt: skip


class _Writes:
    """A batch's fact writes, held until the rollup has counted the rows they replace (statistics.Change)."""

    def __init__(self) -> None:
        self.upserts: list[tuple[type[models.Model], list[Any]]] = []
        self.services: dict[str, list[FactWorkerService]] = {}  # a worker's service types, all replaced
        self.releases: dict[dt.date | None, list[str]] = {}  # the day → workers released that day

    def upsert(self, model: type[models.Model], facts: list[Any]) -> None:
        if facts:
            self.upserts.append((model, facts))

    def scope(self) -> Scope:
        """The workers whose rollup cells the writes may move (the rows' old and new workers), and the agencies
        whose rows without a worker they may move."""
        from centre.analytics.statistics import Scope

        named: set[tuple[str, str]] = set()
        for model, facts in self.upserts:
            if model in ROLLUP_FACTS:
                named.update((f.worker_uid, f.agency_id) for f in facts)
                keys = [f.pk for f in facts]
                for start in range(0, len(keys), BATCH):
                    named.update(model._default_manager.filter(pk__in=keys[start : start + BATCH]).values_list(
                        "worker_uid", "agency_id"))  # fmt: skip
        workers = {w for w, _ in named if w} | set(self.services) | {w for uids in self.releases.values() for w in uids}
        return Scope(workers=tuple(sorted(workers)), unnamed_of=tuple(sorted({a for w, a in named if not w})))

    def moves_rollup(self) -> bool:
        return bool(self.services or self.releases) or any(model in ROLLUP_FACTS for model, _ in self.upserts)

    def apply(self) -> None:
        for model, facts in self.upserts:
            _upsert(model, facts)
        if self.services:
            FactWorkerService.objects.filter(worker_uid__in=list(self.services)).delete()
            FactWorkerService.objects.bulk_create([s for rows in self.services.values() for s in rows],
                                                  batch_size=BATCH)  # fmt: skip
        for day, uids in self.releases.items():  # one update a day, not one a person
            FactWorker.objects.filter(worker_uid__in=uids, released_on__isnull=True).update(released_on=day)


def _write(writes: _Writes, keep_rollup: bool) -> None:
    """The batch's writes; with the rollup's change when the rollup is kept (statistics.kept)."""
    from centre.analytics.statistics import Change

    change = Change(writes.scope()) if keep_rollup and writes.moves_rollup() else None
    writes.apply()
    if change is not None:
        change.add()


def _upsert(model: type[models.Model], facts: list[Any]) -> None:
    if not facts:
        return
    pk = model._meta.pk
    assert pk is not None
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    unique = {}
    for fact in facts:  # the last of a key wins (a batch may hold the same row twice)
        unique[getattr(fact, pk.attname)] = fact
    model.objects.bulk_create(list(unique.values()), batch_size=BATCH, update_conflicts=True,  # type: ignore[attr-defined]
                              unique_fields=[pk.name], update_fields=fields)  # fmt: skip


# --- sources ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    name: str
    rows: Callable[[], models.QuerySet[Any]]
    time_field: str  # the row's last change ('' when the key alone orders new rows)
    key_field: str
    apply: Callable[[Sequence[Any], _Context, Touched], None]


def _complaint_rows_of_findings(rows: Sequence[ComplaintFinding], ctx: _Context, touched: Touched) -> None:
    _complaint_facts(list(Complaint.objects.filter(uid__in=[f.complaint_uid for f in rows])), ctx, touched)


def _checked_people(rows: Sequence[BackgroundCheck], ctx: _Context, touched: Touched) -> None:
    """A background check is no fact (it stays with the police-check tables), but it moves the person's grade."""
    numbers = {r.id_number for r in rows}
    for uid, agency in IdentityRegistration.objects.filter(id_number__in=numbers).values_list("worker_uid", "agency_id"):
        touched.add(uid, agency)


def _admissions(rows: Sequence[Any], ctx: _Context, touched: Touched) -> None:
    for row in rows:
        touched.add(None, row.agency_id)


SOURCES: tuple[Source, ...] = (
    Source("records", lambda: Record.objects.filter(entity__in=RECORD_ENTITIES), "updated_at", "id", _record_facts),
    Source("credentials", lambda: Credential.objects.all(), "updated_at", "credential_no", _credential_facts),
    Source("complaints", lambda: Complaint.objects.filter(updated_at__isnull=False), "updated_at", "uid",
           _complaint_facts),
    Source("findings", lambda: ComplaintFinding.objects.all(), "decided_at", "complaint_uid",
           _complaint_rows_of_findings),
    Source("evaluations", lambda: Evaluation.objects.all(), "updated_at", "uid", _evaluation_facts),
    Source("integrity", lambda: IntegrityRecord.objects.all(), "recorded_at", "uid", _integrity_facts),
    Source("registrations", lambda: IdentityRegistration.objects.all(), "", "id", _registration_facts),
    Source("releases", lambda: IdentityRegistration.objects.filter(released_at__isnull=False), "released_at", "id",
           _registration_facts),
    Source("background", lambda: BackgroundCheck.objects.all(), "checked_at", "id", _checked_people),
    Source("admissions", lambda: _admission_rows(), "decided_at", "id", _admissions),
)  # fmt: skip


def _admission_rows() -> models.QuerySet[Any]:
    from centre.console.models import AgencyAdmission

    return AgencyAdmission.objects.all()


def _after(source: Source, mark: FactMark) -> models.QuerySet[Any]:
    rows = source.rows()
    if not source.time_field:
        if mark.key:
            rows = rows.filter(**{f"{source.key_field}__gt": int(mark.key)})
        return rows.order_by(source.key_field)
    if mark.at is not None:
        since = mark.at - OVERLAP
        rows = rows.filter(**{f"{source.time_field}__gte": since})
    return rows.order_by(source.time_field, source.key_field)


def catch_up(max_rows: int = 50_000) -> Touched:
    """Read what changed in every source since its mark (at most `max_rows` a source) into the facts."""
    from centre.analytics.statistics import kept

    touched = Touched()
    ctx = _Context()
    keep_rollup = kept()
    for source in SOURCES:
        with transaction.atomic():
            mark, _ = FactMark.objects.select_for_update().get_or_create(source=source.name)
            read = 0
            seen_at, seen_key = mark.at, mark.key
            last: tuple[Any, Any] | None = None
            for batch in _batches(_after(source, mark), last_key=source.key_field, time_field=source.time_field):
                source.apply(batch, ctx, touched)
                writes, ctx.writes = ctx.writes, _Writes()
                _write(writes, keep_rollup)
                tail = batch[-1]
                last = (getattr(tail, source.time_field) if source.time_field else None, getattr(tail, source.key_field))
                read += len(batch)
                if read >= max_rows:
                    break
            if last is not None:
                seen_at, seen_key = (last[0] or seen_at), str(last[1])
                FactMark.objects.filter(source=source.name).update(at=seen_at, key=seen_key)
    return touched


def _batches(rows: models.QuerySet[Any], last_key: str, time_field: str) -> Iterator[list[Any]]:
    """Keyset pages over (time, key): a page never re-reads the one before and never skips a row."""
    after: tuple[Any, Any] | None = None
    while True:
        page = rows
        if after is not None:
            if time_field:
                page = page.filter(Q(**{f"{time_field}__gt": after[0]}) |
                                   Q(**{time_field: after[0], f"{last_key}__gt": after[1]}))  # fmt: skip
            else:
                page = page.filter(**{f"{last_key}__gt": after[1]})
        batch = list(page[:BATCH])
        if not batch:
            return
        yield batch
        tail = batch[-1]
        after = (getattr(tail, time_field) if time_field else None, getattr(tail, last_key))
        if len(batch) < BATCH:
            return


def rebuild() -> Touched:
    """Every fact table again from its sources, then marks at the end of each source (the next catch-up re-reads
    only the overlap)."""
    with transaction.atomic():
        for model in FACT_MODELS:
            model._default_manager.all().delete()
        FactMark.objects.all().delete()
    touched = catch_up(max_rows=10**12)
    from centre.analytics.statistics import rebuild as rebuild_rollup

    rebuild_rollup()
    return touched


def refresh(now: dt.datetime | None = None) -> Touched:
    """Facts from what changed (and with them the monthly rollup, statistics.py), then the grades of whom it
    touched (credit.py)."""
    from centre.analytics.credit import recompute

    touched = catch_up()
    recompute(touched, now)
    return touched

