"""What one source row amounts to as a fact: Django-free functions from the source's fields to the fact's, shared
by the incremental upkeep and the batch rebuild (so the two cannot differ)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from centre.analytics.dimensions import month_of, parse_day

SEVERITIES = ("minor", "general", "serious")
OPEN_STATUSES = ("registered", "with_agency", "escalated")


@dataclass(frozen=True)
class Outcome:
    severity: str
    outcome: str  # open | upheld | dismissed
    resolved_on: dt.date | None
    resolution_days: float | None


def complaint_outcome(status: str, received_at: dt.datetime | None, resolved_at: dt.datetime | None,
                      closed_at: dt.datetime | None, escalated: bool,
                      finding: tuple[str, bool] | None) -> Outcome:  # fmt: skip
    """A centre complaint's outcome. The centre's finding (severity, upheld) decides where staff recorded one;
    otherwise the workflow implies it: still open while registered, with the agency or escalated; upheld once the
    agency answered it (it accepted and acted); dismissed when closed without an answer (not a matter for the
    agencies). Severity without a finding: serious when it was escalated, else general."""
    finished = resolved_at or closed_at
    if status in OPEN_STATUSES:
        outcome = "open"
    elif resolved_at is not None:
        outcome = "upheld"
    else:
        outcome = "dismissed"
    severity = "serious" if escalated else "general"
    if finding is not None:
        severity = finding[0] if finding[0] in SEVERITIES else severity
        if outcome != "open":
            outcome = "upheld" if finding[1] else "dismissed"
    days = None
    if finished is not None and received_at is not None and outcome != "open":
        days = round((finished - received_at).total_seconds() / 86400, 3)
    return Outcome(severity, outcome, parse_day(finished) if outcome != "open" else None, days)


def agency_complaint_outcome(data: dict[str, Any]) -> Outcome:
    """A complaint an agency registered on its terminal: open until its terminal resolves it (upheld: the agency
    took it up), severity general (the centre made no finding)."""
    received = _moment(data.get("received_at"))
    resolved = _moment(data.get("at")) if data.get("status") == "resolved" else None
    if resolved is None:
        return Outcome("general", "open", None, None)
    days = round((resolved - received).total_seconds() / 86400, 3) if received else None
    return Outcome("general", "upheld", parse_day(resolved), days)


def worker_fields(data: dict[str, Any]) -> dict[str, Any]:
    identity = data.get("identity") if isinstance(data.get("identity"), dict) else {}
    assert isinstance(identity, dict)
    registered = parse_day(data.get("registered_at"))
    birth = str(identity.get("birth_date") or identity.get("birth") or "")
    types = data.get("service_types") if isinstance(data.get("service_types"), list) else []
    assert isinstance(types, list)
    return {
        "registered_on": registered,
        "month": month_of(registered),
        "released_on": parse_day(data.get("released_at")),
        "sex": str(identity.get("sex") or "")[:8],
        "birth_year": int(birth[:4]) if birth[:4].isdigit() else None,
        "service_types": ",".join(sorted({str(t)[:16] for t in types}))[:200],
    }


def service_types_of(data: dict[str, Any]) -> list[str]:
    types = data.get("service_types")
    return sorted({str(t)[:16] for t in types}) if isinstance(types, list) else []


def first_type(data: dict[str, Any] | None) -> str:
    types = service_types_of(data or {})
    return types[0] if types else ""


def as_float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _moment(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    text = str(value or "")
    if len(text) < 10:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def end_of_credential(state: str, hold: str) -> str:
    """The end a credential came to, as counted (a hold of the centre's outranks the agency's state)."""
    if hold in ("revoked", "suspended", "returned"):
        return hold
    return state if state in ("revoked", "suspended", "expired") else ""
