"""Complaint use cases. Each checks the actor's role, runs in one transaction and writes its audit entry; the
public page (H6's consumer page) calls `register_complaint(None, source=Source.CONSUMER, …)` and
`public_state(reference)`.

    reference = register_complaint(request.user, source=Source.HOTLINE, summary="…", credential_no="SH…")
    send_to_agency(request.user, uid)          # → with_agency, due in CENTRE_COMPLAINT_DEADLINE_DAYS (7)
    escalate(request.user, uid, reason) · close(request.user, uid, note)

The agency's answer arrives from its terminal as a pushed complaint event (`resolution_from_agency`, called by
the push for the owning agency only)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from centre.audit import record
from centre.audit.chain import actor_name
from centre.complaints.errors import ComplaintMoveRefused, ComplaintRefused
from centre.complaints.models import Complaint
from centre.complaints.rules import Move, PublicState, Source, Status, deadline, next_status, normalise_reference
from centre.complaints.rules import new_reference as make_reference
from centre.console.roles import Role, check_role
from centre.credentials.models import Credential
from centre.policecheck.idnumbers import checked_id_number
from centre.sync import feed
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import iso, utc_now

CASEWORK = (Role.STAFF,)  # register, send, escalate, close
VIEW = (Role.STAFF, Role.ADMIN, Role.REGULATOR)  # the lists and a complaint's page
MAX_SUMMARY = 2000
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,19}$")


def deadline_days() -> int:
    return int(getattr(settings, "CENTRE_COMPLAINT_DEADLINE_DAYS", 7))


def register_complaint(
    actor: Any,
    *,
    source: Source | str,
    summary: str,
    id_number: str = "",
    credential_no: str = "",
    agency_id: str = "",
    complainant_name: str = "",
    complainant_phone: str = "",
    send: bool = False,
    now: dt.datetime | None = None,
) -> str:
    """Register a complaint and return its reference. Staff register hotline calls; the consumer page passes
    `actor=None` with source consumer; the command line passes source command. Who is complained about comes from
    the credential number, the ID number or the agency named, in that order. With `send`, it goes to the agency
    at once (the command line does)."""
    source = Source(source)
    if source is Source.HOTLINE:
        check_role(actor, *CASEWORK)
    now = now or utc_now()
    summary = _required(summary, Text("投诉内容", "what the complaint is about"))
    if len(summary) > MAX_SUMMARY:
        raise ComplaintRefused(why=Text(f"投诉内容不能超过 {MAX_SUMMARY} 字", f"the text is over {MAX_SUMMARY} characters"))
    number = checked_id_number(id_number) if id_number.strip() else ""
    phone = complainant_phone.strip()
    if phone and not _PHONE.match(phone):
        raise ComplaintRefused(why=Text("联系电话格式不正确", "the contact phone number is not a phone number"))
    credential_no = credential_no.strip().upper()
    agency = _agency_of(number, credential_no, agency_id.strip().upper())
    with transaction.atomic():
        complaint = _create(source, summary, number, credential_no, agency, complainant_name.strip()[:100], phone,
                            ("" if actor is None else actor_name(actor)), now)  # fmt: skip
        record(_audit_actor(actor, source), "complaint.registered", f"complaint:{complaint.reference}",
               {"source": source.value, "agency": agency or ""})  # fmt: skip
        if send:
            _send(actor, complaint, now)
    return str(complaint.reference)


def _create(source: Source, summary: str, number: str, credential_no: str, agency: str | None, name: str,
            phone: str, username: str, now: dt.datetime) -> Complaint:  # fmt: skip
    for _ in range(5):  # a reference drawn twice on one day (1 in 10⁸): draw again
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    uid=uuid.uuid4().hex, reference=make_reference(now.date()), source=source.value, id_number=number,
                    agency_id=agency, credential_no=credential_no, summary=summary, complainant_name=name,
                    complainant_phone=phone, received_at=now, registered_by=username,
                    status=Status.REGISTERED.value, updated_at=now)  # fmt: skip
        except IntegrityError:
            continue
    raise ComplaintRefused(why=Text("编号冲突，请重试", "reference clash, try again"))


def _agency_of(number: str, credential_no: str, agency_id: str) -> str | None:
    if credential_no:
        credential = Credential.objects.filter(pk=credential_no).first()
        if credential is None:
            raise ComplaintRefused(why=Text(f"找不到证件 {credential_no}", f"no credential {credential_no}"))
        return credential.agency_id
    if number:
        found = feed.agency_of(number)
        if found:
            return found
    if agency_id:
        if not Agency.objects.filter(pk=agency_id).exists():
            raise ComplaintRefused(why=Text(f"找不到机构 {agency_id}", f"no agency {agency_id}"))
        return agency_id
    return None


def send_to_agency(actor: Any, uid: str, now: dt.datetime | None = None) -> Complaint:
    """Send (or, after an escalation, send again) to the agency: it has `deadline_days()` to answer."""
    check_role(actor, *CASEWORK)
    with transaction.atomic():
        complaint = _locked(uid)
        _send(actor, complaint, now or utc_now())
        return complaint


def _send(actor: Any, complaint: Complaint, now: dt.datetime) -> None:
    target = _move(complaint, Move.SEND)
    if not complaint.agency_id:
        raise ComplaintRefused(why=Text("不知道该由哪家机构处理：请登记证件号或机构", "no agency answers for it: name the "
                                        "credential or the agency"))  # fmt: skip
    complaint.status, complaint.sent_at = target.value, now
    complaint.due_at = deadline(now, deadline_days())
    complaint.updated_at = now
    complaint.save()
    data: dict[str, Any] = {"uid": complaint.uid, "reference": complaint.reference, "summary": complaint.summary,
                            "received_at": iso(complaint.received_at), "due_at": iso(complaint.due_at),
                            "status": Status.WITH_AGENCY.value}  # fmt: skip
    if complaint.id_number:
        data["id_number"] = complaint.id_number
    if complaint.credential_no:
        data["credential_no"] = complaint.credential_no
    feed.post("complaint", data, complaint.agency_id, now)
    record(actor, "complaint.sent", f"complaint:{complaint.reference}",
           {"agency": complaint.agency_id, "due_at": iso(complaint.due_at)})  # fmt: skip


def escalate(actor: Any, uid: str, reason: str, now: dt.datetime | None = None) -> Complaint:
    """The centre takes the complaint over (overdue, or the answer does not satisfy): 中心督办."""
    check_role(actor, *CASEWORK)
    reason = _required(reason, Text("督办原因", "the reason"))
    now = now or utc_now()
    with transaction.atomic():
        complaint = _locked(uid)
        complaint.status = _move(complaint, Move.ESCALATE).value
        complaint.escalation_reason, complaint.updated_at = reason, now
        complaint.save()
        record(actor, "complaint.escalated", f"complaint:{complaint.reference}", {"reason": reason[:200]})
        return complaint


def close(actor: Any, uid: str, note: str, now: dt.datetime | None = None) -> Complaint:
    check_role(actor, *CASEWORK)
    note = _required(note, Text("办结说明", "the closing note"))
    now = now or utc_now()
    with transaction.atomic():
        complaint = _locked(uid)
        complaint.status = _move(complaint, Move.CLOSE).value
        complaint.closing_note, complaint.closed_at, complaint.updated_at = note, now, now
        complaint.save()
        record(actor, "complaint.closed", f"complaint:{complaint.reference}", {})
        return complaint


def resolution_from_agency(uid: str, agency_id: str, payload: dict[str, Any], now: dt.datetime) -> Complaint | None:
    """The agency's answer, pushed from its terminal (a complaint event with status resolved). Only the owning
    agency's push calls this (the push refuses another agency's complaint event `not_owner`); an answer to a
    complaint the centre is not waiting on (escalated, closed) is kept as the event and changes nothing."""
    complaint = Complaint.objects.select_for_update().filter(pk=uid, agency_id=agency_id).first()
    if complaint is None or next_status(Status(complaint.status), Move.RESOLVE) is None:
        return None
    complaint.status = Status.RESOLVED.value
    complaint.resolved_at, complaint.updated_at = now, now
    complaint.resolution = str(payload.get("response") or "")[:MAX_SUMMARY]
    complaint.save()
    record(f"agency:{agency_id}", "complaint.resolved", f"complaint:{complaint.reference}", {})
    return complaint


def complaint_for(actor: Any, uid: str) -> Complaint:
    """One complaint with the complainant's details, for staff: the view is audited."""
    check_role(actor, *VIEW)
    complaint = Complaint.objects.filter(pk=uid).first()
    if complaint is None:
        raise ComplaintRefused(why=Text("找不到该投诉", "no such complaint"))
    record(actor, "complaint.view", f"complaint:{complaint.reference}", {})
    return complaint


def listing(actor: Any, status: Status | None = None) -> QuerySet[Complaint]:
    check_role(actor, *VIEW)
    rows = Complaint.objects.order_by("-received_at")
    return rows.filter(status=status.value) if status else rows


def overdue(actor: Any, now: dt.datetime | None = None) -> QuerySet[Complaint]:
    """With the agency past their deadline, oldest deadline first."""
    check_role(actor, *VIEW)
    return Complaint.objects.filter(status=Status.WITH_AGENCY.value, due_at__lt=now or utc_now()).order_by("due_at")


def public_state(reference: str) -> PublicState | None:
    """What the reference's holder may learn (no names, numbers, texts or agency); None for an unknown one."""
    complaint = Complaint.objects.filter(reference=normalise_reference(reference)).first()
    if complaint is None:
        return None
    status = Status(complaint.status)
    finished = complaint.closed_at or (complaint.resolved_at if status is Status.RESOLVED else None)
    return PublicState(str(complaint.reference), status, _local_date(complaint.received_at),
                       _local_date(complaint.due_at) if complaint.due_at else None,
                       _local_date(finished) if finished else None)  # fmt: skip


def _local_date(at: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(at).date()


def _locked(uid: str) -> Complaint:
    complaint = Complaint.objects.select_for_update().filter(pk=uid).first()
    if complaint is None:
        raise ComplaintRefused(why=Text("找不到该投诉", "no such complaint"))
    return complaint


_MOVE_TEXT = {Move.SEND: Text("转交机构", "sent to the agency"), Move.ESCALATE: Text("督办", "escalated"),
              Move.CLOSE: Text("办结", "closed"), Move.RESOLVE: Text("答复", "resolved")}  # fmt: skip


def _move(complaint: Complaint, move: Move) -> Status:
    target = next_status(Status(complaint.status), move)
    if target is None:
        raise ComplaintMoveRefused(reference=complaint.reference, status=Status(complaint.status).text,
                                   move=_MOVE_TEXT[move])  # fmt: skip
    return target


def _required(text: str, what: Text) -> str:
    value = (text or "").strip()
    if not value:
        raise ComplaintRefused(why=Text(f"请填写{what.zh}", f"{what.en} is required"))
    return value


def _audit_actor(actor: Any, source: Source) -> Any:
    return actor if actor is not None else source.value
