"""A worker's whole trace (追溯与追踪): one person across every agency they were registered by, built from what
the centre holds (identity registry, records and their events, credentials, checks, complaints). Viewing it is a
view of full personal data, so it is role-checked and audited here, in the use case.

Other console apps add what they keep about a person with `register_trace_source` (e.g. integrity records)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction

from centre import audit
from centre.console import roles as r
from centre.console.errors import NotFound
from centre.console.models import WorkerIndex, WorkerLink
from centre.console.search_index import catch_up_briefly
from centre.console.times import parse_time
from centre.console.trace_words import HIDDEN_FIELDS, kind_text, state_text
from centre.credentials.models import Credential
from centre.sync.models import BackgroundCheck, Complaint, Event, IdentityRegistration, Record
from centre.terminals.models import Agency
from wirecontract.errors import Text


@dataclass(frozen=True)
class Moment:
    """One line of the timeline."""

    at: dt.datetime | None
    what: Text
    agency_id: str = ""
    details: tuple[tuple[str, Any], ...] = ()
    received_at: dt.datetime | None = None
    source: str = ""  # where it came from: a terminal id, "centre"


@dataclass(frozen=True)
class Subject:
    """Whom the trace is about: the ID number and every worker record (one per agency stint)."""

    id_number: str
    worker_uids: tuple[str, ...]


@dataclass
class Trace:
    subject: Subject
    name: str
    identity: dict[str, Any]
    identity_reads: list[dict[str, Any]]
    registrations: list[IdentityRegistration]
    credentials: list[dict[str, Any]]
    records: dict[str, list[Record]]
    checks: list[BackgroundCheck]
    complaints: list[Any]
    integrity: list[Any] = field(default_factory=list)  # the centre's own integrity records (centre/integrity)
    timeline: list[Moment] = field(default_factory=list)
    agency_names: dict[str, str] = field(default_factory=dict)


TraceSource = Callable[[Subject], list[Moment]]
_SOURCES: list[TraceSource] = []


def register_trace_source(source: TraceSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def subject_of(worker_uid: str) -> Subject:
    catch_up_briefly()
    number = (WorkerIndex.objects.filter(worker_uid=worker_uid).values_list("id_number", flat=True).first()
              or IdentityRegistration.objects.filter(worker_uid=worker_uid).values_list("id_number", flat=True).first())  # fmt: skip
    if not number and not Record.objects.filter(entity="worker", entity_uid=worker_uid).exists():
        raise NotFound(what=Text(f"人员 {worker_uid}", f"worker {worker_uid}"))
    uids = {worker_uid}
    if number:
        uids |= set(IdentityRegistration.objects.filter(id_number=number).values_list("worker_uid", flat=True))
        uids |= set(WorkerIndex.objects.filter(id_number=number).values_list("worker_uid", flat=True))
    return Subject(number or "", tuple(sorted(uids)))


def view_trace(user: Any, worker_uid: str) -> Trace:
    """The whole trace, audited as a view of the person's full data."""
    r.check_role(user, *r.READ)
    subject = subject_of(worker_uid)
    with transaction.atomic():
        trace = _build(subject)
        audit.record(user, "worker.trace.view", f"worker:{worker_uid}",
                     {"records": len(subject.worker_uids), "agencies": sorted({g.agency_id for g in trace.registrations})})  # fmt: skip
    return trace


def _build(subject: Subject) -> Trace:
    uids = list(subject.worker_uids)
    workers = list(Record.objects.filter(entity="worker", entity_uid__in=uids).order_by("updated_at"))
    latest = workers[-1].data if workers and isinstance(workers[-1].data, dict) else {}
    raw_identity = latest.get("identity")
    identity: dict[str, Any] = raw_identity if isinstance(raw_identity, dict) else {}
    links = list(WorkerLink.objects.filter(worker_uid__in=uids))
    linked_keys = {(link.entity, link.entity_uid) for link in links}
    records: dict[str, list[Record]] = {}
    for entity in sorted({e for e, _ in linked_keys}):
        found = Record.objects.filter(entity=entity, entity_uid__in=[u for e, u in linked_keys if e == entity])
        records[entity] = sorted(found, key=lambda rec: rec.updated_at, reverse=True)
    events = _events([("worker", u) for u in uids] + sorted(linked_keys))
    registrations = list(IdentityRegistration.objects.filter(id_number=subject.id_number).order_by("id")) \
        if subject.id_number else list(IdentityRegistration.objects.filter(worker_uid__in=uids))
    checks = list(BackgroundCheck.objects.filter(id_number=subject.id_number).order_by("checked_at")) \
        if subject.id_number else []
    complaints = list(Complaint.objects.filter(id_number=subject.id_number).order_by("received_at")) \
        if subject.id_number else []
    credentials = _credentials(records.get("credential", []), events)
    trace = Trace(subject, str(identity.get("name") or ""), dict(identity), _identity_reads(events), registrations,
                  credentials, records, checks, complaints, centre_integrity(id_number=subject.id_number)
                  if subject.id_number else [])  # fmt: skip
    trace.timeline = _timeline(trace, events, subject)
    agency_ids = {g.agency_id for g in registrations} | {w.agency_id for w in workers}
    trace.agency_names = dict(Agency.objects.filter(id__in=agency_ids).values_list("id", "name"))
    return trace


def centre_integrity(**where: str) -> list[Any]:
    """The integrity records centre staff entered (centre/integrity), newest first; none where that app is absent."""
    if not apps.is_installed("centre.integrity"):
        return []
    model = apps.get_model("integrity", "IntegrityRecord")
    return list(model.objects.filter(**where).defer("evidence_data").order_by("-recorded_at")[:200])


def _events(keys: list[tuple[str, str]]) -> list[Event]:
    """Every accepted version of these records, through the (entity, entity_uid, version) index."""
    found: list[Event] = []
    by_entity: dict[str, list[str]] = {}
    for entity, uid in keys:
        by_entity.setdefault(entity, []).append(uid)
    for entity, entity_uids in by_entity.items():
        for start in range(0, len(entity_uids), 500):
            found += Event.objects.filter(entity=entity, entity_uid__in=entity_uids[start:start + 500],
                                          status="accepted").select_related("terminal")  # fmt: skip
    return sorted(found, key=lambda e: (e.entity, e.entity_uid, e.record_version))


def _identity_reads(events: list[Event]) -> list[dict[str, Any]]:
    reads = []
    for event in events:
        if event.entity == "worker" and event.provenance:
            reads.append({"at": parse_time(event.created_at), "terminal": event.terminal_id,
                          "agency_id": event.terminal.agency_id, "simulated": event.simulated,
                          "provenance": sorted((str(k), str(v)) for k, v in dict(event.provenance).items())})  # fmt: skip
    return reads


def _credentials(records: list[Record], events: list[Event]) -> list[dict[str, Any]]:
    numbers = [str(rec.data.get("credential_no")) for rec in records if isinstance(rec.data, dict)]
    register = {c.credential_no: c for c in Credential.objects.filter(credential_no__in=numbers)}
    shown = []
    for rec in records:
        number = str(rec.data.get("credential_no") or "")
        steps = [e for e in events if e.entity == "credential" and e.entity_uid == rec.entity_uid]
        shown.append({
            "number": number, "record": rec, "register": register.get(number),
            "steps": [{"at": parse_time(e.created_at), "state": state_text(str(e.payload.get("state", ""))),
                       "version": e.payload.get("version"), "record_version": e.record_version} for e in steps],
        })  # fmt: skip
    return shown


def _details(payload: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    shown = []
    for key, value in payload.items():
        if key in HIDDEN_FIELDS or value in (None, "", [], {}):
            continue
        shown.append((str(key), value))
    return tuple(shown[:8])


def _timeline(trace: Trace, events: list[Event], subject: Subject) -> list[Moment]:
    moments = [Moment(parse_time(e.created_at) or e.received_at, kind_text(e.kind), e.terminal.agency_id,
                      _details(dict(e.payload)), e.received_at, e.terminal_id) for e in events]  # fmt: skip
    for g in trace.registrations:
        if g.released_at:
            moments.append(Moment(g.released_at, Text("中心解除登记", "released at the centre"), g.agency_id,
                                  (("reason", g.release_reason),), source="centre"))  # fmt: skip
    for c in trace.checks:
        moments.append(Moment(c.checked_at, Text("公安核查结果", "police check result"), "",
                              (("result", c.result),), source="centre"))  # fmt: skip
    for complaint in trace.complaints:
        moments.append(Moment(complaint.received_at, Text("中心登记投诉", "complaint registered at the centre"),
                              complaint.agency_id or "", (("status", complaint.status),),
                              source="centre"))  # fmt: skip
    for item in trace.integrity:
        moments.append(Moment(item.recorded_at, Text("中心诚信记录", "integrity record (centre)"), item.agency_id,
                              (("kind", item.polarity), ("category", item.category), ("summary", item.description),
                               ("valid_to", item.valid_to.isoformat())), source="centre"))  # fmt: skip
    for source in _SOURCES:
        moments += source(subject)
    far_past = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(moments, key=lambda m: m.at or far_past, reverse=True)
