"""The credential lifecycle as the centre keeps it, and the rule that the centre's decisions stand.

The states and moves are the terminal's (terminal/core/lifecycle.py; a test keeps the two the same):
applied → approved → printed → issued; reprint (printed/issued → approved, new version); issued ⇄ suspended;
any live state → revoked; issued/suspended → expired; expired/issued → applied again (renewal, new version).

A terminal's event proposes a move from the centre's current state. The centre applies it only where the
lifecycle allows it, and never where one of its own decisions (a hold) or a person's adverse background check
stands in the way. Pure rules: no Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from wirecontract.protocol import RejectCode

STATES = ("applied", "approved", "printed", "issued", "suspended", "revoked", "expired")
LIVE = frozenset({"applied", "approved", "printed", "issued", "suspended", "expired"})
NOT_YET_ISSUED = frozenset({"applied", "approved", "printed"})

# (from, to) → does the move start a new card version?
MOVES: dict[tuple[str, str], bool] = {
    ("applied", "approved"): False,
    ("approved", "printed"): False,
    ("printed", "issued"): False,
    ("printed", "approved"): True,  # reprint
    ("issued", "approved"): True,  # reprint
    ("issued", "suspended"): False,
    ("suspended", "issued"): False,  # resume
    ("issued", "expired"): False,
    ("suspended", "expired"): False,
    ("expired", "applied"): True,  # renewal
    ("issued", "applied"): True,  # renewal
    **{(state, "revoked"): False for state in LIVE},
}


class Hold(enum.StrEnum):
    """A centre decision on one credential that no terminal event can undo."""

    NONE = ""
    SUSPENDED = "suspended"  # lifted only by the centre (resume)
    REVOKED = "revoked"  # final
    RETURNED = "returned"  # returned for correction: lifted when the agency corrects the worker's record


@dataclass(frozen=True)
class Refusal:
    code: RejectCode
    reason: str


def check_move(current: str | None, current_version: int, proposed: str, proposed_version: int, hold: str,
               adverse_check: bool) -> Refusal | None:  # fmt: skip
    """None when the centre accepts the terminal's proposed state and version; else why not."""
    if proposed not in STATES:
        return Refusal(RejectCode.INVALID_PAYLOAD, f"unknown credential state {proposed!r}")
    if hold in (Hold.REVOKED, Hold.SUSPENDED) and proposed == hold:
        return None  # the terminal applied the centre's decision: whatever version it reached offline, they agree
    if hold == Hold.REVOKED:
        return Refusal(RejectCode.CENTRE_DECISION, "the centre revoked this credential; its decision stands")
    if hold == Hold.SUSPENDED and proposed not in ("suspended", "revoked", "expired"):
        return Refusal(RejectCode.CENTRE_DECISION, "the centre suspended this credential; only the centre can lift it")
    if hold == Hold.RETURNED and proposed not in ("applied", "revoked"):
        return Refusal(RejectCode.CENTRE_DECISION, "the centre returned this application for correction")
    if adverse_check and proposed in ("approved", "printed", "issued"):
        return Refusal(RejectCode.CENTRE_DECISION, "the person's background check is adverse: no credential may go on")
    if current is None:
        if proposed != "applied" or proposed_version != 1:
            return Refusal(RejectCode.INVALID_TRANSITION, "a credential the centre does not know must start as applied")
        return None
    if proposed == current:
        if proposed_version != current_version:
            return Refusal(RejectCode.INVALID_TRANSITION, f"version {proposed_version} without a new-version move")
        return None  # the same state again: data only (dates, health check, insurance)
    new_version = MOVES.get((current, proposed))
    if new_version is None:
        return Refusal(RejectCode.INVALID_TRANSITION, f"a credential cannot go from {current} to {proposed}")
    expected = current_version + 1 if new_version else current_version
    if proposed_version != expected:
        return Refusal(RejectCode.INVALID_TRANSITION, f"{current} → {proposed} makes version {expected}, "
                                                      f"not {proposed_version}")  # fmt: skip
    return None
