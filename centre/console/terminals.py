"""Terminals and enrolment codes for administrators: the list with last contact and clock drift, codes for
admitted agencies, and revoking a terminal with the key policy (retired: its cards stay valid until they expire;
compromised: every card it signed is void)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from centre import audit
from centre.console import roles as r
from centre.console.errors import ActionRefused
from centre.console.models import TerminalContact
from centre.terminals.enrolment import DEFAULT_CODE_HOURS, new_enrolment_code, revoke_terminal
from centre.terminals.models import EnrolmentCode, Terminal
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

DRIFT_WARNING_SECONDS = 60
TERMINAL_PRODUCT = "shanghai-terminal"  # terminal/sync/transport.py USER_AGENT_PRODUCT (the centre never imports it)


@dataclass(frozen=True)
class TerminalRow:
    terminal: Terminal
    state: str  # active | retired | compromised
    last_seen_at: dt.datetime | None
    clock_drift_seconds: int | None
    client: str

    @property
    def version(self) -> str:
        """The terminal program's version from its User-Agent (shanghai-terminal/0.1.0), or ''."""
        product, _, version = self.client.partition("/")
        return version.split()[0] if product == TERMINAL_PRODUCT and version else ""

    @property
    def drift_warning(self) -> bool:
        return self.clock_drift_seconds is not None and abs(self.clock_drift_seconds) > DRIFT_WARNING_SECONDS


def state_of(terminal: Terminal) -> str:
    return "compromised" if terminal.compromised else ("retired" if terminal.revoked else "active")


def terminal_rows(terminals: Iterable[Terminal]) -> list[TerminalRow]:
    found = list(terminals)
    contacts = {c.terminal_id: c for c in TerminalContact.objects.filter(terminal_id__in=[t.id for t in found])}
    rows = []
    for t in found:
        contact = contacts.get(t.id)
        rows.append(TerminalRow(t, state_of(t), contact.last_seen_at if contact else None,
                                contact.clock_drift_seconds if contact else None, contact.client if contact else ""))  # fmt: skip
    return rows


def issue_code(user: Any, agency_id: str, hours: int = DEFAULT_CODE_HOURS) -> str:
    r.check_role(user, *r.MANAGE_TERMINALS)
    if not 1 <= hours <= 24 * 14:
        raise ActionRefused(why=Text("有效期应在 1 小时到 14 天之间", "validity must be between 1 hour and 14 days"))
    with transaction.atomic():
        code = new_enrolment_code(agency_id, hours=hours)  # refuses an agency that is not admitted
        audit.record(user, "terminal.enrolment_code", f"agency:{agency_id}", {"hours": hours, "code_end": code[-4:]})
    return code


def open_codes(agency_id: str | None = None) -> list[EnrolmentCode]:
    codes = EnrolmentCode.objects.filter(used_at__isnull=True, expires_at__gt=utc_now()).select_related("agency")
    if agency_id:
        codes = codes.filter(agency_id=agency_id)
    return list(codes.order_by("-created_at")[:200])


def revoke(user: Any, terminal_id: str, reason: str, compromised: bool) -> Terminal:
    r.check_role(user, *r.MANAGE_TERMINALS)
    cleaned = " ".join(reason.split())
    if len(cleaned) < 2:
        raise ActionRefused(why=Text("请写明吊销终端的理由", "give the reason for revoking the terminal"))
    with transaction.atomic():
        terminal = revoke_terminal(terminal_id, cleaned, compromised)
        audit.record(user, "terminal.compromised" if compromised else "terminal.retired", f"terminal:{terminal_id}",
                     {"reason": cleaned, "agency": terminal.agency_id})  # fmt: skip
    return terminal


def note_contact(terminal_id: str, request_time: int, client: str, now: dt.datetime | None = None) -> None:
    """A terminal's signed request was answered: keep when, and its clock against the centre's."""
    moment = now or utc_now()
    TerminalContact.objects.update_or_create(terminal_id=terminal_id, defaults={
        "last_seen_at": moment, "clock_drift_seconds": int(request_time - moment.timestamp()), "client": client[:120],
    })  # fmt: skip
