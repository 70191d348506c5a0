"""An agency's page (机构档案) and the decisions about it: what the centre holds of the agency, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from centre.console import roles as r
from centre.console.admission import current_status
from centre.console.admission_rules import NEXT, Admission
from centre.console.errors import NotFound
from centre.console.models import AgencyAdmission, WorkerIndex
from centre.console.search_index import catch_up_briefly
from centre.console.terminals import TerminalRow, terminal_rows
from centre.console.trace import centre_integrity
from centre.credentials.models import Credential
from centre.sync.models import Complaint, Record
from centre.terminals.models import Agency, Terminal
from wirecontract.errors import Text


@dataclass
class AgencyPage:
    agency: Agency
    admission: Admission
    next_decisions: list[Admission]
    history: list[AgencyAdmission]
    registration: dict[str, Any]
    scans: list[tuple[str, str]]
    terminals: list[TerminalRow]
    workers: int
    credentials_by_state: list[tuple[str, int]]
    complaints: list[Any]
    integrity: list[Record]
    centre_integrity: list[Any]


def agency_page(user: Any, agency_id: str) -> AgencyPage:
    r.check_role(user, *r.READ)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(what=Text(f"机构 {agency_id}", f"agency {agency_id}"))
    catch_up_briefly()
    status = current_status(agency.id)
    profile = Record.objects.filter(entity="agency", agency_id=agency.id).order_by("-updated_at").first()
    data: dict[str, Any] = dict(profile.data) if profile and isinstance(profile.data, dict) else {}
    scans = _scans(data)
    registration = {k: v for k, v in data.items() if k not in SCAN_KEYS}
    by_state = (Credential.objects.filter(agency_id=agency.id).values_list("state").annotate(n=Count("credential_no"))
                .order_by("state"))  # fmt: skip
    return AgencyPage(
        agency=agency, admission=status, next_decisions=sorted(NEXT[status]),
        history=list(AgencyAdmission.objects.filter(agency=agency).order_by("-decided_at", "-id")),
        registration=registration, scans=scans,
        terminals=terminal_rows(Terminal.objects.filter(agency=agency).order_by("enrolled_at")),
        workers=WorkerIndex.objects.filter(agency_id=agency.id).count(),
        credentials_by_state=[(str(s), int(n)) for s, n in by_state],
        complaints=list(Complaint.objects.filter(agency_id=agency.id).order_by("-received_at")[:50]),
        integrity=list(Record.objects.filter(entity="credit", agency_id=agency.id).order_by("-updated_at")[:50]),
        centre_integrity=centre_integrity(subject="agency", agency_id=agency.id),
    )  # fmt: skip


SCAN_KEYS = ("scans_sha256", "scans", "attachments")  # how terminals name the scans (agency_profile._payload)


def _scans(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The scans the agency's registration data names (licence, lease, commitment letter…) and what the centre
    holds of each: its SHA-256 as the terminal sent it (the image stays at the agency), or that it is missing."""
    found = []
    for key in SCAN_KEYS:
        value = data.get(key)
        if isinstance(value, dict):
            found += [(str(kind), _describe(what)) for kind, what in value.items()]
    return found


def _describe(value: object) -> str:
    if value in (None, "", False):
        return ""
    if isinstance(value, dict):
        for key in ("sha256", "file_name", "name", "digest"):
            if value.get(key):
                return _describe(value[key])
        return ", ".join(sorted(str(k) for k in value))[:80]
    text = str(value)
    return f"SHA-256 {text[:16]}…" if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else text[:80]
