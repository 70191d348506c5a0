"""The facts the verification page shows beside the credential, gathered from the centre's records: the holder's
standing (background check, training, open complaints), the agency's card (name, phone, address, credit grade)
and the worker's evaluation summary. Nothing else of the person: no ID number, address, health details or
complaint texts.

Each rule is written once, as a query over a worker (and an ID number, an agency) that is either a value or a
column of an outer query. The page reads everything in one statement (`door_record`: the credential row with its
holder's standing and, for the HTML page, the agency's card, the photo and the evaluation summary as subqueries;
`door_record_and_signer` adds the terminal that signed the scanned QR);
`standing_of`, `agency_card` and the others ask the same rules for one worker or agency on their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BinaryField,
    BooleanField,
    CharField,
    DateTimeField,
    Exists,
    F,
    Field,
    FloatField,
    Func,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils.dateparse import parse_datetime

from centre.complaints.models import Complaint
from centre.complaints.rules import Status
from centre.credentials.door import Standing
from centre.credentials.models import Credential
from centre.credentials.qr_trust import Signer, range_of, signer_of
from centre.credentials.worker_photos import ShownPhoto, photo_of, shown_photo
from centre.evaluations.actions import Summary, counted_evaluations, summary_of
from centre.subqueries import CompiledRead, Ref, count_of, deeper, json_value
from centre.sync.models import BackgroundCheck, IdentityRegistration, Record
from centre.terminals.models import Agency, Terminal
from wirecontract.qrpayload import DecodedCredential


@dataclass(frozen=True)
class AgencyCard:
    name: str
    phone: str
    address: str
    credit_grade: str | None  # None: not yet graded


@dataclass(frozen=True)
class PageFacts:
    """What the HTML page shows of a held credential beside its light (the JSON form shows none of it)."""

    agency: AgencyCard | None
    summary: Summary
    photo: ShownPhoto | None


@dataclass(frozen=True)
class DoorRecord:
    row: Credential
    standing: Standing
    page: PageFacts | None  # None unless asked for


def _registrations(worker: Ref) -> QuerySet[IdentityRegistration]:
    return IdentityRegistration.objects.filter(worker_uid=worker)


def _latest_id_number(worker: Ref) -> QuerySet[IdentityRegistration, Any]:
    return _registrations(worker).order_by("-registered_at").values("id_number")[:1]


def _background_check(id_number: Ref) -> QuerySet[BackgroundCheck, Any]:
    return BackgroundCheck.objects.filter(id_number=id_number).order_by("-checked_at", "-id").values("result")[:1]


def _one(rows: QuerySet[Any, Any]) -> Any:
    """The first row of a query already cut to one (`first()` would order it again)."""
    return next(iter(rows), None)


def id_number_of(worker_uid: str) -> str | None:
    found = _one(_latest_id_number(worker_uid))
    return str(found["id_number"]) if found else None


# The complaint workflow's states the door counts (centre/complaints/rules.py): only complaints staff looked at and
# sent to the agency, or took over (escalated). A just-registered complaint is not counted: anyone who saw a card
# can file one from its QR, and the light of a worker must not turn yellow on one stranger's word. The agency's
# answer (resolved) or the centre's closing ends it; an escalation counts it again.
OPEN_STATES = (Status.WITH_AGENCY.value, Status.ESCALATED.value)


def _open_complaints(worker: Ref, id_number: Ref | None) -> QuerySet[Complaint]:
    """Complaints about the person staff have taken up and that are still being handled: named by the person's ID
    number (hotline, terminal) or by one of the person's credentials (the consumer page names the credential it
    was opened from). Registered, not yet sent ones do not count (see OPEN_STATES). A missing ID number names no
    one (in SQL, a comparison with NULL holds for no row; a blank one is excluded by hand)."""
    about = Q(credential_no__in=Credential.objects.filter(worker_uid=deeper(worker)).values("credential_no"))
    if isinstance(id_number, OuterRef) or id_number:
        about |= Q(id_number=id_number) & ~Q(id_number="")
    return Complaint.objects.filter(about, status__in=OPEN_STATES)


def open_complaints(worker_uid: str, id_number: str | None) -> int:
    return _open_complaints(worker_uid, id_number).count()


def _training(worker: Ref) -> QuerySet[Record]:
    """Training as the person's own agency recorded it: a record another agency pushed naming this worker before
    the worker reached the centre (so the push could not refuse it) does not count. The uid is compared as text
    (->>, cast so that Django compares it as text and not as JSON), so the same filter works against a value and
    against an outer query's column."""
    return Record.objects.filter(entity="training", data__passed=True,
                                 agency_id__in=_registrations(deeper(worker)).values("agency_id")).alias(
        trained_worker=Cast(KeyTextTransform("worker_uid", "data"), CharField())).filter(trained_worker=worker)  # fmt: skip


def standing_of(worker_uid: str) -> Standing:
    if not worker_uid:
        return Standing(None, False, 0)
    id_number = id_number_of(worker_uid)
    check = _one(_background_check(id_number)) if id_number else None
    complaints = open_complaints(worker_uid, id_number)
    return Standing(check["result"] if check else None, _training(worker_uid).exists(), complaints)


def _agency_profile(agency: Ref) -> QuerySet[Record, Any]:
    """The agency's own profile record, when its terminal sent one (entity `agency`)."""
    return Record.objects.filter(entity="agency", agency_id=agency).order_by("-updated_at").values("data")[:1]


def _credit_grade(agency: Ref) -> QuerySet[Any, Any]:
    """The agency's credit grade (5A…A) as credit evaluation last gave it (centre/analytics/credit.py): one row
    per subject at most. This is the one place the page asks."""
    from centre.analytics.models import CreditGrade

    return CreditGrade.objects.filter(subject="agency", subject_id=agency).values("grade")[:1]


def credit_grade(agency_id: str) -> str | None:
    graded = _one(_credit_grade(agency_id))
    return str(graded["grade"]) if graded else None


def _card_of(name: str | None, profile: Any, grade: str | None) -> AgencyCard | None:
    """Phone and address from the profile, else left blank: the page says the agency has not given them."""
    if name is None:
        return None
    profile = profile if isinstance(profile, dict) else {}
    phone, address = str(profile.get("phone") or ""), str(profile.get("address") or "")
    return AgencyCard(name, phone[:40], address[:200], grade)


def agency_card(agency_id: str | None) -> AgencyCard | None:
    """The agency's public card (None for an agency the centre does not know)."""
    if not agency_id:
        return None
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return None
    profile = _one(_agency_profile(agency_id))
    return _card_of(agency.name, profile["data"] if profile else None, credit_grade(agency_id))


def _standing_columns() -> dict[str, Any]:
    worker, id_number = OuterRef("worker_uid"), OuterRef("door_id_number")
    return {
        "door_id_number": Subquery(_latest_id_number(worker), output_field=CharField()),
        "door_check": Subquery(_background_check(id_number), output_field=CharField()),
        "door_complaints": count_of(_open_complaints(worker, id_number)),
        "door_trained": Exists(_training(worker)),
    }


def _page_columns() -> dict[str, Any]:
    worker, agency = OuterRef("worker_uid"), OuterRef("agency_id")
    photo = photo_of(worker, agency)
    evaluations = counted_evaluations(worker).order_by()
    return {
        "door_agency_name": Subquery(Agency.objects.filter(pk=agency).values("name")[:1], output_field=CharField()),
        "door_agency_profile": Subquery(_agency_profile(agency), output_field=JSONField()),
        "door_grade": Subquery(_credit_grade(agency), output_field=CharField()),
        "door_photo_mime": Subquery(photo.values("mime"), output_field=CharField()),
        "door_photo_data": Subquery(photo.values("data"), output_field=BinaryField()),
        "door_photo_source": Subquery(photo.values("source"), output_field=CharField()),
        "door_rating_mean": Subquery(
            evaluations.annotate(mean=Func(F("overall"), function="AVG")).values("mean"), output_field=FloatField()
        ),
        "door_rating_count": count_of(evaluations, "uid"),
    }


def _signer_columns(key_id: str, number: str) -> dict[str, Any]:
    """The terminal whose key signed a scanned QR (centre/credentials/qr_trust.py's Signer) as columns of the
    credential's read, so that the verification page asks the database once. The credential's own agency is the
    record's owner."""
    signer = Terminal.objects.filter(key_id=key_id)

    def column(name: str, field: Field[Any, Any]) -> Subquery:
        return Subquery(signer.values(name)[:1], output_field=field)

    in_range = Terminal.objects.filter(agency_id=Subquery(signer.values("agency_id")[:1]), terminal_number=number)
    return {
        "signer_key_id": column("key_id", CharField()),
        "signer_public_key": column("public_key", CharField()),
        "signer_agency_id": column("agency_id", CharField()),
        "signer_compromised": column("compromised", BooleanField()),
        "signer_revoked_at": column("revoked_at", DateTimeField()),
        "signer_holds_range": Exists(in_range),
    }


def _door_query(with_page: bool, with_signer: bool) -> Callable[..., QuerySet[Credential]]:
    def build(credential_no: str, key_id: str = "", number: str = "") -> QuerySet[Credential]:
        columns = {**_standing_columns(), **(_page_columns() if with_page else {}),
                   **(_signer_columns(key_id, number) if with_signer else {})}  # fmt: skip
        return Credential.objects.filter(pk=credential_no).annotate(**columns)

    return build


_DOOR_READS = {(with_page, with_signer): CompiledRead(Credential, _door_query(with_page, with_signer), "credential_no",
                                                      *(("key_id", "number") if with_signer else ()))
               for with_page in (False, True) for with_signer in (False, True)}  # fmt: skip


def door_record(credential_no: str, with_page: bool) -> DoorRecord | None:
    """The credential as the door page needs it, in one statement: the row, its holder's standing and (`with_page`)
    the facts the HTML page shows. None: the centre holds no such credential."""
    row: Any = _DOOR_READS[(with_page, False)].first(credential_no=credential_no)
    return _door_of(row, with_page) if row is not None else None


def door_record_and_signer(decoded: DecodedCredential, with_page: bool) -> tuple[DoorRecord | None, Signer | None]:
    """The scanned card's credential as `door_record` reads it and the terminal that signed the QR (qr_trust), in
    one statement. Only when the centre holds no such credential is the signer read on its own."""
    claims = decoded.claims
    row: Any = _DOOR_READS[(with_page, True)].first(credential_no=claims.credential_no[:64],
                                                    key_id=decoded.terminal_key_id, number=range_of(claims))  # fmt: skip
    if row is None:
        return None, signer_of(decoded)
    signer = None
    if row.signer_key_id is not None:
        signer = Signer(row.signer_key_id, row.signer_public_key, row.signer_agency_id, bool(row.signer_compromised),
                        _moment(row.signer_revoked_at), bool(row.signer_holds_range), row.agency_id)  # fmt: skip
    return _door_of(row, with_page), signer


def _moment(raw: Any) -> dt.datetime | None:
    """A timestamp read as the database gives it: a datetime from PostgreSQL, text in UTC from SQLite."""
    if raw is None or isinstance(raw, dt.datetime):
        return raw
    parsed = parse_datetime(str(raw))
    if parsed is None:
        raise ValueError("not a timestamp")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _door_of(row: Any, with_page: bool) -> DoorRecord:
    if not row.worker_uid:  # a credential naming no worker: no one's standing, photo or ratings
        return DoorRecord(row, Standing(None, False, 0), _page_facts(row, False) if with_page else None)
    standing = Standing(row.door_check, bool(row.door_trained), int(row.door_complaints or 0))
    return DoorRecord(row, standing, _page_facts(row, True) if with_page else None)


def _page_facts(row: Any, has_worker: bool) -> PageFacts:
    agency = _card_of(row.door_agency_name, json_value(row.door_agency_profile), row.door_grade) if row.agency_id else None
    if not has_worker:
        return PageFacts(agency, Summary(None, 0), None)
    photo = shown_photo(row.door_photo_mime, row.door_photo_data, row.door_photo_source)
    return PageFacts(agency, summary_of(row.door_rating_mean, row.door_rating_count), photo)
