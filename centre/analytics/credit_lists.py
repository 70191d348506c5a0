"""Red and black lists (红黑名单): staff propose a listing or a removal with a reason; a centre administrator
other than the proposer approves or refuses it. Only an approved entry is in force; every step is audited, and
the subject is graded again at once (a black-listed subject has the lowest grade, a red-listed one a bonus)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from centre.analytics import credit
from centre.analytics.errors import CreditRefused
from centre.analytics.models import CreditListEntry, FactWorker
from centre.audit import record
from centre.console.roles import Role, check_role
from centre.terminals.models import Agency
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

PROPOSE = (Role.ADMIN, Role.STAFF)
APPROVE = (Role.ADMIN,)
KINDS = ("red", "black")
MAX_REASON = 1000


def _name(actor: Any) -> str:
    return str(getattr(actor, "get_username", lambda: "centre")())


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise CreditRefused(why=Text(f"请写明理由（不超过 {MAX_REASON} 字）", f"give a reason (at most {MAX_REASON} characters)"))
    return reason


def _agency_of(subject: str, subject_id: str) -> str:
    if subject == "agency":
        if not Agency.objects.filter(pk=subject_id).exists():
            raise CreditRefused(why=Text("没有这个机构", "no such agency"))
        return subject_id
    if subject == "worker":
        agency = FactWorker.objects.filter(worker_uid=subject_id).values_list("agency_id", flat=True).first()
        if agency is None:
            raise CreditRefused(why=Text("没有这名从业人员", "no such worker"))
        return str(agency)
    raise CreditRefused(why=Text("名单对象须为从业人员或机构", "a list names a worker or an agency"))


def propose(actor: Any, subject: str, subject_id: str, kind: str, reason: str,
            now: dt.datetime | None = None) -> CreditListEntry:  # fmt: skip
    check_role(actor, *PROPOSE)
    if kind not in KINDS:
        raise CreditRefused(why=Text("名单须为红名单或黑名单", "the list is red or black"))
    reason = _reason(reason)
    agency = _agency_of(subject, subject_id)
    now = now or utc_now()
    with transaction.atomic():
        open_entry = CreditListEntry.objects.select_for_update().filter(
            subject=subject, subject_id=subject_id, status__in=("proposed", "listed", "delisting")).first()  # fmt: skip
        if open_entry is not None:
            raise CreditRefused(why=Text("该对象已在名单上或有待审批的申请", "already listed, or a proposal is waiting"))
        entry = CreditListEntry.objects.create(subject=subject, subject_id=subject_id, agency_id=agency, kind=kind,
                                               status="proposed", reason=reason, proposed_by=_name(actor),
                                               proposed_at=now)  # fmt: skip
        record(actor, f"credit.{kind}_list.proposed", f"{subject}:{subject_id}", {"entry": entry.pk, "reason": reason})
    return entry


def _waiting(entry_id: int, status: str) -> CreditListEntry:
    entry = CreditListEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None or entry.status != status:
        raise CreditRefused(why=Text("没有待审批的这项申请", "no such proposal is waiting"))
    return entry


def decide(actor: Any, entry_id: int, approve: bool, note: str, now: dt.datetime | None = None) -> CreditListEntry:
    """An administrator approves or refuses a proposed listing (not their own proposal)."""
    check_role(actor, *APPROVE)
    now = now or utc_now()
    with transaction.atomic():
        entry = _waiting(entry_id, "proposed")
        if entry.proposed_by == _name(actor):
            raise CreditRefused(why=Text("须由提议人以外的管理员审批", "another administrator than the proposer decides"))
        entry.status = "listed" if approve else "refused"
        entry.decided_by, entry.decided_at, entry.decision_note = _name(actor), now, (note or "").strip()[:MAX_REASON]
        entry.save()
        verb = "listed" if approve else "refused"
        record(actor, f"credit.{entry.kind}_list.{verb}", f"{entry.subject}:{entry.subject_id}",
               {"entry": entry.pk, "note": entry.decision_note})  # fmt: skip
        _regrade(entry, now)
    return entry


def propose_removal(actor: Any, entry_id: int, reason: str, now: dt.datetime | None = None) -> CreditListEntry:
    check_role(actor, *PROPOSE)
    reason = _reason(reason)
    with transaction.atomic():
        entry = _waiting(entry_id, "listed")
        entry.status, entry.delist_reason, entry.delist_proposed_by = "delisting", reason, _name(actor)
        entry.save()
        record(actor, f"credit.{entry.kind}_list.removal_proposed", f"{entry.subject}:{entry.subject_id}",
               {"entry": entry.pk, "reason": reason})  # fmt: skip
    return entry


def decide_removal(actor: Any, entry_id: int, approve: bool, now: dt.datetime | None = None) -> CreditListEntry:
    check_role(actor, *APPROVE)
    now = now or utc_now()
    with transaction.atomic():
        entry = _waiting(entry_id, "delisting")
        if entry.delist_proposed_by == _name(actor):
            raise CreditRefused(why=Text("须由提议人以外的管理员审批", "another administrator than the proposer decides"))
        if approve:
            entry.status, entry.delisted_by, entry.delisted_at = "delisted", _name(actor), now
        else:
            entry.status = "listed"
        entry.save()
        record(actor, f"credit.{entry.kind}_list.{'delisted' if approve else 'removal_refused'}",
               f"{entry.subject}:{entry.subject_id}", {"entry": entry.pk})  # fmt: skip
        _regrade(entry, now)
    return entry


def _regrade(entry: CreditListEntry, now: dt.datetime) -> None:
    today, rules = credit.today_in_shanghai(now), credit.active_rules()
    if entry.subject == "worker":
        credit.grade_workers([entry.subject_id], today, rules, now)
    else:
        credit.grade_agencies([entry.subject_id], today, rules, now)


def entries(status: str | None = None, kind: str | None = None) -> list[CreditListEntry]:
    rows = CreditListEntry.objects.order_by("-proposed_at")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows[:500])
