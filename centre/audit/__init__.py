"""The centre's audit log: who saw or changed what, when. Hash-chained (each entry holds the hash of the one
before it), so `terminal-server audit verify` finds an entry edited, removed or inserted after the fact.

    from centre.audit import record
    record(request.user, "worker.trace.view", f"worker:{uid}", {"agency": agency_id})

Details must not carry personal data beyond what identifies the subject (no ID numbers in clear, no health data).
"""

from __future__ import annotations

from typing import Any


def record(actor: Any, action: str, subject: str, detail: dict[str, Any] | None = None) -> Any:
    """Append one entry to the chain (in the caller's transaction if there is one) and return it."""
    from centre.audit.chain import append

    return append(actor, action, subject, detail or {})
