"""One event per outbox sequence number and terminal.

A terminal numbers its events 1, 2, 3, … in its outbox. A terminal whose database was rolled back (its `-wal`
file deleted after a crash, an old copy put back) would number new events with sequence numbers the centre
already holds for older, different events, and the two histories would silently interleave. So a different
event (another event_id) under a sequence number this terminal already used is refused `seq_reused`; the
terminal recovers its own accepted events first (`GET /v1/events/mine`, docs/sync-protocol.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from centre.sync.models import Event

_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit


def held_sequence_numbers(terminal_id: str, seqs: Iterable[int]) -> dict[int, str]:
    """seq → the event_id this terminal's stored events hold it with (accepted or rejected: both used it)."""
    wanted = sorted(set(seqs))
    held: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = Event.objects.filter(terminal_id=terminal_id, seq__in=wanted[start : start + _CHUNK])
        for seq, event_id in rows.order_by("received_at").values_list("seq", "event_id"):
            held.setdefault(int(seq), str(event_id))
    return held


def reuse_refusal(held: dict[int, str], seq: int, event_id: str) -> str | None:
    """The reason to refuse `event_id` under `seq`, or None (then `seq` counts as held by it from now on)."""
    holder = held.setdefault(seq, event_id)
    if holder == event_id:
        return None
    return (f"sequence number {seq} of this terminal already belongs to another event: the terminal's database "
            "may have been rolled back; recover its accepted events first")  # fmt: skip
