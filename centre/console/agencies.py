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
from centre.console.search_index import catch_up
from centre.console.terminals import TerminalRow, terminal_rows
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


def agency_page(user: Any, agency_id: str) -> AgencyPage:
    r.check_role(user, *r.READ)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(what=Text(f"机构 {agency_id}", f"agency {agency_id}"))
    catch_up()
    status = current_status(agency.id)
    profile = Record.objects.filter(entity="agency", agency_id=agency.id).order_by("-updated_at").first()
    data: dict[str, Any] = dict(profile.data) if profile and isinstance(profile.data, dict) else {}
    scans = _scans(data)
    registration = {k: v for k, v in data.items() if not isinstance(v, dict | list) and k not in {"scans"}}
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
    )  # fmt: skip


def _scans(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The scans the agency's registration data names (licence, lease, …): what each is and what the centre holds
    of it (a file name or digest; the image itself stays at the agency unless it was sent)."""
    found = []
    for key in ("scans", "attachments", "letters"):
        value = data.get(key)
        if isinstance(value, dict):
            found += [(str(k), _describe(v)) for k, v in value.items()]
        elif isinstance(value, list):
            found += [(str(item.get("kind", key)) if isinstance(item, dict) else key, _describe(item)) for item in value]
    return found


def _describe(value: object) -> str:
    if isinstance(value, dict):
        for key in ("name", "file_name", "sha256", "digest"):
            if value.get(key):
                return str(value[key])[:80]
        return ", ".join(sorted(str(k) for k in value))[:80]
    return str(value)[:80]
