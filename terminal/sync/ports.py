"""What sync needs from the store, as structural types (terminal/store/outbox.py implements them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from wirecontract.protocol import WireEvent

# An outbox row is sent as it is: its fields are the wire event's.
OutboxEventLike = WireEvent


class OutboxPort(Protocol):
    def pending(self, limit: int = 500, after_seq: int = 0) -> Sequence[OutboxEventLike]: ...
    def mark_attempt(self, event_ids: Sequence[str]) -> None: ...
    def record_results(self, results: Sequence[tuple[str, str, str | None, str | None]]) -> None: ...
    def delivered_event_ids(self) -> list[str]: ...
    def counts(self) -> dict[str, int]: ...


class StatePort(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str | None) -> None: ...


# apply_pulled(changes, cursor): applies the centre's changes and stores the cursor in one transaction.
ApplyPulled = Callable[[list[dict[str, Any]], str], object]


def wire_event(event: OutboxEventLike) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "seq": event.seq,
        "entity": event.entity,
        "entity_uid": event.entity_uid,
        "record_version": event.record_version,
        "kind": event.kind,
        "payload": event.payload,
        "provenance": event.provenance,
        "simulated": event.simulated,
        "created_at": event.created_at,
    }
