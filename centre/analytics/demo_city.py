"""`terminal-server demo-city [--db URL] [--workers N] [--years Y] [--seed S] [--until DATE]`: fill a centre
database with the synthetic city of city_model.py, in bulk (COPY on PostgreSQL, executemany on SQLite): the
centre's own tables the console reads (agencies and their admission, records, the identity registry, background
checks, credentials, complaints, integrity records, consumer evaluations, the look-up index and the trace's
links) and the analytics fact tables, then grades everyone. The same seed and end date give the same city.

The facts are written from the generated rows with the same rules facts.py applies (fact_rules.py); the tests
rebuild them from the raw tables and compare, row for row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.db import connection, models, transaction

from centre.analytics import city_sql
from centre.analytics import fact_rules as rules
from centre.analytics.bulk_load import BulkTable, analyse, indexes_built_after, reset_sequences, vacuum
from centre.analytics.city_model import City, CityParams, Person, city_until
from centre.analytics.dimensions import district_of, month_of, parse_day, week_of
from centre.analytics.errors import CreditRefused
from centre.analytics.models import (
    ComplaintFinding,
    FactComplaint,
    FactContract,
    FactCredential,
    FactEvaluation,
    FactHealthCheck,
    FactInsurance,
    FactIntegrity,
    FactTraining,
    FactTransfer,
    FactWorker,
    FactWorkerService,
)
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

DEMO_CENTRE_CITY = CityParams(workers=150, years=2, seed=2026)  # about 2 s on SQLite at start


class CityLoader:
    """Takes the generator's (table, row) pairs and writes raw rows, facts and the console's index."""

    def __init__(self) -> None:
        from centre.complaints.models import Complaint
        from centre.console.models import AgencyAdmission, WorkerIndex
        from centre.credentials.models import Credential
        from centre.evaluations.models import Evaluation
        from centre.integrity.models import IntegrityRecord
        from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
        from centre.terminals.models import Agency

        self.tables: dict[type[models.Model], BulkTable] = {}
        self.raw = {"agency": Agency, "admission": AgencyAdmission, "agency_record": Record, "worker": Record,
                    "record": Record, "registration": IdentityRegistration, "background": BackgroundCheck,
                    "credential": Credential, "evaluation": Evaluation, "complaint": Complaint,
                    "finding": ComplaintFinding, "integrity": IntegrityRecord}  # fmt: skip
        self.index = WorkerIndex
        self.districts: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.pinyin: dict[str, tuple[str, str]] = {}
        self.worker_types: dict[str, str] = {}  # worker uid → first service type (sorted), as facts.py takes it
        self.uid_at: dict[tuple[str, str], str] = {}  # (id number, agency) → the worker uid registered there
        self.last_registration: dict[str, tuple[str, str]] = {}  # id number → (worker uid, agency) before
        self.findings: dict[str, tuple[str, bool]] = {}
        self.pending_complaints: list[dict[str, Any]] = []
        self.spans = city_sql.Spans()  # PostgreSQL: what each registration's contracts are drawn from

    def big_tables(self) -> list[type[models.Model]]:
        """The tables that grow with the city (a row or more per worker)."""
        from centre.console.models import WorkerLink
        from centre.sync.models import Record

        return [Record, WorkerLink, self.index, FactWorker, FactWorkerService, FactContract, FactTraining,
                FactHealthCheck, FactInsurance, FactEvaluation, FactCredential, *self.raw_of("registration",
                "background", "credential", "evaluation")]  # fmt: skip

    def raw_of(self, *kinds: str) -> list[type[models.Model]]:
        return [self.raw[k] for k in kinds]

    def table(self, model: type[models.Model]) -> BulkTable:
        if model not in self.tables:
            self.tables[model] = BulkTable(model)
        return self.tables[model]

    def take(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        for kind, row in rows:
            if kind == "span":
                self.spans.add(row)
                continue
            self.table(self.raw[kind]).add(row)
            getattr(self, f"_{kind}", _nothing)(row)

    def finish(self) -> None:
        for row in self.pending_complaints:  # after every finding is known
            self._complaint_fact(row)
        for table in self.tables.values():
            table.flush()

    # --- facts and index, kind by kind ----------------------------------------------------------------------

    def _agency(self, row: dict[str, Any]) -> None:
        self.districts[row["id"]] = district_of(row["district"])

    def _worker(self, row: dict[str, Any]) -> None:
        data, uid, agency = row["data"], row["entity_uid"], row["agency_id"]
        fields = rules.worker_fields(data)
        district = self.districts[agency]
        self.table(FactWorker).add({"worker_uid": uid, "agency_id": agency, "district": district,
                                    "simulated": True, **fields})  # fmt: skip
        for code in rules.service_types_of(data):
            self.table(FactWorkerService).add({"worker_uid": uid, "service_type": code, "agency_id": agency,
                                               "district": district, "month": fields["month"]})  # fmt: skip
        self.worker_types[uid] = rules.first_type(data)
        person: Person = row["_person"]
        from centre.console.search_rules import pinyin_forms, reversed_id

        if person.name not in self.pinyin:  # the city's names repeat (a few dozen characters): each read once
            self.pinyin[person.name] = pinyin_forms(person.name)
        full, initials = self.pinyin[person.name]
        self.table(self.index).add({"worker_uid": uid, "agency_id": agency, "name": person.name, "pinyin": full,
                                    "initials": initials, "id_number": person.id_number,
                                    "id_reversed": reversed_id(person.id_number), "phone": person.phone,
                                    "registered_at": dt.datetime.fromisoformat(data["registered_at"]),
                                    "released": bool(data.get("released_at")), "simulated": True,
                                    "record_version": row["version"]})  # fmt: skip

    def _registration(self, row: dict[str, Any]) -> None:
        number, agency, uid = row["id_number"], row["agency_id"], row["worker_uid"]
        before = self.last_registration.get(number)
        if before is not None and before[1] != agency:
            on = parse_day(row["registered_at"])
            self.table(FactTransfer).add({"registration_id": row["id"], "worker_uid": uid,
                                          "previous_worker_uid": before[0], "from_agency_id": before[1],
                                          "agency_id": agency, "district": self.districts[agency], "on": on,
                                          "month": month_of(on)})  # fmt: skip
        self.last_registration[number] = (uid, agency)
        self.uid_at[(number, agency)] = uid

    def _record(self, row: dict[str, Any]) -> None:
        data, uid, agency = row["data"], row["entity_uid"], row["agency_id"]
        worker, district, entity = data["worker_uid"], self.districts[agency], row["entity"]
        base = {"agency_id": agency, "district": district, "worker_uid": worker}
        if entity == "contract":
            start = parse_day(data["period_from"])
            place = self.places.get(data["district"]) or self._place(data["district"])
            self.table(FactContract).add({**base, "contract_uid": uid, "district": place or district,
                                          "service_type": data["service_type"], "signed_on": parse_day(data["signed_on"]),
                                          "start_on": start, "end_on": parse_day(data["period_to"]),
                                          "month": month_of(start), "start_week": week_of(start) if start else None})  # fmt: skip
        elif entity == "training":
            on = parse_day(row["updated_at"])
            self.table(FactTraining).add({**base, "uid": uid, "on": on, "month": month_of(on),
                                          "score": rules.as_float(data["score"]), "passed": bool(data["passed"])})  # fmt: skip
        elif entity == "health_check":
            checked = parse_day(data["checked_on"])
            self.table(FactHealthCheck).add({**base, "uid": uid, "checked_on": checked, "month": month_of(checked),
                                             "expires_on": parse_day(data["expires_on"]), "passed": bool(data["passed"])})  # fmt: skip
        elif entity == "insurance":
            starts = parse_day(data["starts_on"])
            self.table(FactInsurance).add({**base, "uid": uid, "starts_on": starts, "month": month_of(starts),
                                           "expires_on": parse_day(data["expires_on"])})  # fmt: skip

    def _place(self, text: str) -> str:
        self.places[text] = district_of(text)  # a contract's district text, read once (the city uses a few dozen)
        return self.places[text]

    def _credential(self, row: dict[str, Any]) -> None:
        from centre.sync.models import Record

        agency, state, hold = row["agency_id"], row["state"], row["hold"]
        issued = parse_day(row["valid_from"]) if state not in ("applied", "approved") else None
        end = rules.end_of_credential(state, hold)
        ended = parse_day(row["updated_at"]) if end else None
        self.table(FactCredential).add({"credential_no": row["credential_no"], "worker_uid": row["worker_uid"],
                                        "agency_id": agency, "district": self.districts[agency], "state": state,
                                        "hold": hold, "issued_on": issued, "month": month_of(issued),
                                        "valid_to": parse_day(row["valid_to"]), "ended_on": ended,
                                        "ended_month": month_of(ended), "end_kind": end})  # fmt: skip
        # The terminal's own record of the credential, as its events would have left it (the trace shows it).
        data = {"credential_no": row["credential_no"], "worker_uid": row["worker_uid"], "version": 1,
                "state": state, "valid_from": row["valid_from"], "valid_to": row["valid_to"],
                "health_valid_to": row["health_valid_to"], "insurance_valid_to": row["insurance_valid_to"]}  # fmt: skip
        self.table(Record).add({"entity": "credential", "entity_uid": row["entity_uid"], "version": 1,
                                "agency_id": agency, "data": data, "simulated": True, "updated_at": row["updated_at"]})  # fmt: skip

    def _evaluation(self, row: dict[str, Any]) -> None:
        on = parse_day(row["created_at"])
        agency = row["agency_id"]
        self.table(FactEvaluation).add({"uid": row["uid"], "source": "consumer", "worker_uid": row["worker_uid"],
                                        "agency_id": agency, "district": self.districts[agency],
                                        "service_type": row["service_type"], "contract_uid": row["contract_uid"],
                                        "on": on, "month": month_of(on), "overall": row["overall"]})  # fmt: skip

    def _finding(self, row: dict[str, Any]) -> None:
        self.findings[row["complaint_uid"]] = (row["severity"], row["upheld"])

    def _complaint(self, row: dict[str, Any]) -> None:
        self.pending_complaints.append(row)

    def _complaint_fact(self, row: dict[str, Any]) -> None:
        agency = row["agency_id"]
        worker = self.uid_at.get((row["id_number"], agency), "")
        outcome = rules.complaint_outcome(row["status"], row["received_at"], row.get("resolved_at"),
                                          row.get("closed_at"), bool(row.get("escalation_reason")),
                                          self.findings.get(row["uid"]))  # fmt: skip
        received = parse_day(row["received_at"])
        self.table(FactComplaint).add({"uid": row["uid"], "source": row["source"], "worker_uid": worker,
                                       "agency_id": agency, "district": self.districts[agency],
                                       "service_type": self.worker_types.get(worker, ""), "received_on": received,
                                       "month": month_of(received), "severity": outcome.severity,
                                       "outcome": outcome.outcome, "resolved_on": outcome.resolved_on,
                                       "resolution_days": outcome.resolution_days})  # fmt: skip

    def _integrity(self, row: dict[str, Any]) -> None:
        agency = row["agency_id"]
        worker = self.uid_at.get((row["id_number"], agency), "") if row["subject"] == "worker" else ""
        self.table(FactIntegrity).add({"uid": row["uid"], "source": "centre", "subject": row["subject"],
                                       "worker_uid": worker, "agency_id": agency, "district": self.districts[agency],
                                       "polarity": row["polarity"], "category": row["category"],
                                       "valid_from": row["valid_from"], "valid_to": row["valid_to"],
                                       "month": month_of(row["valid_from"])})  # fmt: skip


def _nothing(row: dict[str, Any]) -> None:
    return None


BUILD_INDEXES_AFTER = 20_000  # workers: from this size (PostgreSQL) the plain indexes are built after the load


def load_city(params: CityParams, grade: bool = True, indexes_after: bool | None = None) -> dict[str, Any]:
    """Generate and write the city; returns counts and timings. `indexes_after` (default: from
    BUILD_INDEXES_AFTER workers) builds the big tables' plain indexes once the rows are in (bulk_load.py)."""
    from centre.sync.models import IdentityRegistration, Record
    from centre.terminals.models import Agency

    if Agency.objects.filter(id__startswith="9131", id__endswith="DC").exists():
        raise CreditRefused(why=Text("此数据库已载入演示城市", "a demo city is already loaded in this database"))
    started = time.monotonic()
    in_database = connection.vendor == "postgresql"
    city = City(params, contracts_in_database=in_database)
    loader = CityLoader()
    city.registration_id = IdentityRegistration.objects.order_by("-id").values_list("id", flat=True).first() or 0
    records_before = Record.objects.order_by("-id").values_list("id", flat=True).first() or 0
    after = params.workers >= BUILD_INDEXES_AFTER if indexes_after is None else indexes_after
    drawn: dict[str, int] = {}
    with transaction.atomic(), (indexes_built_after(*loader.big_tables()) if after else nullcontext()):
        if in_database:
            city_sql.create_tables(params.seed)
        loader.take(city.make_agencies())
        loader.take(city.people())
        if in_database:
            drawn = draw_contracts(city, loader)
        loader.finish()
        links = link_records(records_before)
        analyse(*loader.big_tables())
        reset_sequences(IdentityRegistration)
        mark_everything_read()
    vacuum(*[m for m in loader.big_tables() if m._meta.db_table.startswith("analytics_")])
    generated = time.monotonic() - started
    counts = {t.model._meta.db_table: t.count for t in loader.tables.values()} | {"console_worker_links": links}
    for table, n in drawn.items():
        counts[table] = counts.get(table, 0) + n
    changed = 0
    if grade:
        from centre.analytics.credit import grade_city

        changed = grade_city(today=params.until)
        list_examples(params.until)
    return {"counts": counts, "generation_seconds": round(generated, 2),
            "grading_seconds": round(time.monotonic() - started - generated, 2), "grades": changed}  # fmt: skip


def draw_contracts(city: City, loader: CityLoader) -> dict[str, int]:
    """PostgreSQL: the contracts and evaluations drawn by the database from the spans (city_sql.py), then the
    complaints they drew made here; counts by table."""
    loader.spans.flush()
    city_sql.tabulate(city.p.start - dt.timedelta(days=400), city.p.until)
    city_sql.draw(city.p.seed, city.p.until)
    counts = city_sql.write(city.p.seed)
    agencies = {a.id: a for a in city.agencies}
    for id_number, bad, agency, first, last in city_sql.complained():
        loader.take(city.complaint(id_number, bad, agencies[agency], first, last))
    city_sql.drop_tables()
    return counts


LINKED = ("contract", "training", "health_check", "insurance", "credential")


def link_records(after_id: int) -> int:
    """The trace's links (console_worker_links: record → worker) of the records loaded after `after_id`, made by
    the database from the records' own JSON in one statement rather than one Python row each."""
    from django.db import connection

    worker = "data->>'worker_uid'" if connection.vendor == "postgresql" else "json_extract(data, '$.worker_uid')"
    entities = ", ".join(f"'{e}'" for e in LINKED)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO console_worker_links (entity, entity_uid, worker_uid) SELECT entity, entity_uid, "
                       f"{worker} FROM records WHERE id > %s AND entity IN ({entities})", [after_id])  # fmt: skip
        return int(cursor.rowcount)


def mark_everything_read() -> None:
    """The console's look-up index and the analytics marks start after the loaded rows (they were written
    directly; the catch-ups read only what comes after). A catch-up re-reads OVERLAP before its mark for pushes
    that committed late; the load committed at once, and its rows pile up at a few moments (everything clamped to
    the last day), so the marks are put past the overlap: otherwise every catch-up (each page read, each follower
    pass) would re-read those rows and regrade and recount whom they name."""
    from centre.analytics.facts import OVERLAP, SOURCES
    from centre.analytics.models import FactMark
    from centre.console.models import IndexMark
    from centre.sync.models import Record

    last = Record.objects.order_by("-updated_at", "-id").first()
    if last is not None:
        IndexMark.objects.update_or_create(id=1, defaults={"updated_at": last.updated_at, "record_id": last.id})
    for source in SOURCES:
        rows = source.rows()
        order = [f"-{source.time_field}", f"-{source.key_field}"] if source.time_field else [f"-{source.key_field}"]
        tail = rows.order_by(*order).first()
        if tail is None:
            continue
        at = getattr(tail, source.time_field) + OVERLAP + dt.timedelta(microseconds=1) if source.time_field else None
        FactMark.objects.update_or_create(source=source.name, defaults={"at": at, "key": str(getattr(tail, source.key_field))})


def list_examples(today: dt.date) -> None:
    """A black-listed bad actor and a red-listed model agency, approved, so the list pages show something."""
    from centre.analytics import credit
    from centre.analytics.models import CreditGrade, CreditListEntry
    from centre.audit import record

    now = utc_now()
    worst = CreditGrade.objects.filter(subject="worker").order_by("score", "subject_id").first()
    best = CreditGrade.objects.filter(subject="agency").order_by("-score", "subject_id").first()
    rules = credit.active_rules()
    for graded, kind, reason in ((worst, "black", "多次属实投诉并私自收费（演示） / repeated upheld complaints (demo)"),
                                 (best, "red", "市级示范机构（演示） / a model agency (demo)")):  # fmt: skip
        if graded is None:
            continue
        entry = CreditListEntry.objects.create(subject=graded.subject, subject_id=graded.subject_id,
                                               agency_id=graded.agency_id, kind=kind, status="listed", reason=reason,
                                               proposed_by="demo-staff", proposed_at=now, decided_by="demo-admin",
                                               decided_at=now, decision_note="演示 / demo")  # fmt: skip
        record("demo-city", f"credit.{kind}_list.listed", f"{graded.subject}:{graded.subject_id}", {"entry": entry.pk})
        if graded.subject == "worker":
            credit.grade_workers([graded.subject_id], today, rules, now)
        else:
            credit.grade_agencies([graded.subject_id], today, rules, now)


def seed_demo_centre() -> None:
    """The demo centre (`serve --demo`) gets a small city once."""
    from centre.analytics.credit import today_in_shanghai
    from centre.terminals.models import Agency

    if not Agency.objects.filter(id__startswith="9131", id__endswith="DC").exists():
        load_city(dataclasses.replace(DEMO_CENTRE_CITY, until=city_until(today_in_shanghai())))
