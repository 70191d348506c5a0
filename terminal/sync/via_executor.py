"""Sync whose database work runs on someone else's thread.

In the app all database work belongs to one thread; the sync worker runs on the network thread. It reaches
the store only through an `Executor` whose `call(op)` runs `op(db)` on the database thread and returns the
result (or raises its error) to the caller. The network wait itself never holds the database thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from terminal.store.db import Database
from terminal.store.outbox import OutboxEvent, OutboxRepo, SyncStateRepo
from terminal.sync import errors
from terminal.sync import state as keys
from terminal.sync.client import SyncClient
from terminal.sync.engine import SyncEngine
from terminal.sync.state import SyncState
from terminal.sync.transport import Transport
from terminal.usecases import central
from terminal.usecases.setup import terminal_key
from wirecontract.signing import b64url, b64url_decode

T = TypeVar("T")


class Executor(Protocol):
    def call(self, op: Callable[[Database], T]) -> T: ...


class DirectExecutor:
    """For the command line and tests: the caller's thread is the database thread."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def call(self, op: Callable[[Database], T]) -> T:
        return op(self._db)


class ExecutorOutbox:
    def __init__(self, executor: Executor) -> None:
        self._x = executor

    def pending(self, limit: int = 500, after_seq: int = 0) -> list[OutboxEvent]:
        return self._x.call(lambda db: OutboxRepo(db).pending(limit, after_seq))

    def mark_attempt(self, event_ids: Sequence[str]) -> None:
        ids = list(event_ids)
        self._x.call(lambda db: OutboxRepo(db).mark_attempt(ids))

    def record_results(self, results: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        rows = list(results)
        self._x.call(lambda db: OutboxRepo(db).record_results(rows))

    def delivered_event_ids(self) -> list[str]:
        return self._x.call(lambda db: OutboxRepo(db).delivered_event_ids())

    def counts(self) -> dict[str, int]:
        return self._x.call(lambda db: OutboxRepo(db).counts())


class ExecutorState:
    def __init__(self, executor: Executor) -> None:
        self._x = executor

    def get(self, key: str) -> str | None:
        return self._x.call(lambda db: SyncStateRepo(db).get(key))

    def set(self, key: str, value: str | None) -> None:
        self._x.call(lambda db: SyncStateRepo(db).set(key, value))


def client_via(executor: Executor, transport: Transport | None = None, timeout: float = 30.0) -> SyncClient:
    current = SyncState.read(ExecutorState(executor))
    if not current.enrolled or current.server_url is None:
        raise errors.NotEnrolled()
    pinned = ExecutorState(executor).get(keys.CENTRE_KEY)

    def pin(successor: bytes) -> None:  # the centre rotated its key and the pinned one handed over to it
        ExecutorState(executor).set(keys.CENTRE_KEY, b64url(successor))

    return SyncClient(current.server_url, executor.call(terminal_key), current.terminal_id, transport, timeout,
                      centre_key=b64url_decode(pinned) if pinned else None, on_centre_key_handover=pin)  # fmt: skip


def registered_elsewhere(executor: Executor, id_number: str, transport: Transport | None = None,
                         timeout: float = 5.0) -> bool | None:  # fmt: skip
    """Ask the centre whether another agency registered this person. None: not enrolled, so unknown."""
    try:
        client = client_via(executor, transport, timeout)
    except errors.NotEnrolled:
        return None
    return client.registered_elsewhere(id_number)


def engine_via(executor: Executor, transport: Transport | None = None, timeout: float = 30.0) -> SyncEngine:
    state = ExecutorState(executor)
    client = client_via(executor, transport, timeout)

    def apply(changes: list[dict[str, Any]], cursor: str) -> object:
        return executor.call(lambda db: central.apply_pulled(db, changes, cursor))

    return SyncEngine(ExecutorOutbox(executor), state, client, apply)
