"""The complaint workflow's rules, free of Django: the states, who moves a complaint between them, the deadline,
the reference number a complainant is given, and what the public may learn by that reference.

registered ──send──▶ with_agency ──agency resolves (from its terminal)──▶ resolved ──close──▶ closed
     │                   │   ▲                                              │
     │                   └─escalate──▶ escalated ──send again──┘            └─escalate──▶ escalated
     └──────────────close (not a complaint for the agencies)──▶ closed ◀──close── escalated
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from dataclasses import dataclass

from wirecontract.errors import Text

DEFAULT_DEADLINE_DAYS = 7


class Status(enum.StrEnum):
    REGISTERED = "registered"
    WITH_AGENCY = "with_agency"
    RESOLVED = "resolved"
    ESCALATED = "escalated"
    CLOSED = "closed"

    @property
    def text(self) -> Text:
        return _STATUS_TEXT[self]


_STATUS_TEXT = {
    Status.REGISTERED: Text("已登记", "registered"),
    Status.WITH_AGENCY: Text("机构处理中", "with the agency"),
    Status.RESOLVED: Text("机构已答复", "resolved by the agency"),
    Status.ESCALATED: Text("中心督办", "escalated"),
    Status.CLOSED: Text("已办结", "closed"),
}


class Source(enum.StrEnum):
    HOTLINE = "hotline"  # registered by centre staff from a telephone call
    CONSUMER = "consumer"  # filed by the consumer on the public page
    COMMAND = "command"  # `terminal-server complaint` (scripts, IT)

    @property
    def text(self) -> Text:
        return {Source.HOTLINE: Text("热线", "hotline"), Source.CONSUMER: Text("消费者自助", "consumer page"),
                Source.COMMAND: Text("命令行", "command line")}[self]  # fmt: skip


class Move(enum.StrEnum):
    SEND = "send"  # to the agency (again)
    RESOLVE = "resolve"  # the agency's answer, pushed from its terminal
    ESCALATE = "escalate"
    CLOSE = "close"


# Which moves staff and the agency make, from which states, to which state.
MOVES: dict[Move, tuple[frozenset[Status], Status]] = {
    Move.SEND: (frozenset({Status.REGISTERED, Status.ESCALATED}), Status.WITH_AGENCY),
    Move.RESOLVE: (frozenset({Status.WITH_AGENCY}), Status.RESOLVED),
    Move.ESCALATE: (frozenset({Status.WITH_AGENCY, Status.RESOLVED}), Status.ESCALATED),
    Move.CLOSE: (frozenset({Status.REGISTERED, Status.RESOLVED, Status.ESCALATED}), Status.CLOSED),
}
STAFF_MOVES = (Move.SEND, Move.ESCALATE, Move.CLOSE)


def next_status(current: Status, move: Move) -> Status | None:
    """The state `move` leads to from `current`, or None when the workflow does not allow it."""
    sources, target = MOVES[move]
    return target if current in sources else None


def allowed_moves(current: Status) -> list[Move]:
    return [move for move in STAFF_MOVES if current in MOVES[move][0]]


def deadline(sent_at: dt.datetime, days: int = DEFAULT_DEADLINE_DAYS) -> dt.datetime:
    """When the agency's answer is due: `days` calendar days after the complaint was sent to it."""
    return sent_at + dt.timedelta(days=days)


def is_overdue(status: Status, due_at: dt.datetime | None, now: dt.datetime) -> bool:
    return status is Status.WITH_AGENCY and due_at is not None and due_at < now


# No 0/O, 1/I/L: read out on the telephone and typed on a phone.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 14  # "TS" + yymmdd + 6 random characters


def new_reference(today: dt.date) -> str:
    """A complainant's reference, e.g. TS261129-7KQ4XM: the date helps the hotline, the random part (31⁶ ≈ 9×10⁸
    a day) keeps references from being walked on the public look-up."""
    return f"TS{today:%y%m%d}-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def normalise_reference(text: str) -> str:
    cleaned = "".join(text.split()).upper().replace("－", "-").replace("—", "-")
    if "-" not in cleaned and len(cleaned) == REFERENCE_LENGTH:
        cleaned = f"{cleaned[:8]}-{cleaned[8:]}"
    return cleaned


@dataclass(frozen=True)
class PublicState:
    """What anyone holding the reference may learn: no names, numbers, texts or agency."""

    reference: str
    status: Status
    received_on: dt.date
    due_on: dt.date | None
    finished_on: dt.date | None
