"""What the screens share while the app runs, passed to them through their constructors (no global app
object): the home, the database thread, the reader thread, the language switcher and who is signed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from terminal.core.roles import Action, may
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.search_connection import SearchConnection
from terminal.sync.worker import WorkerEvent
from terminal.ui.i18n import LanguageSwitcher
from terminal.ui.reader_thread import ReaderThread
from terminal.ui.tasks import Failure, TaskThread, run_in_background
from terminal.usecases.context import Actor

T = TypeVar("T")


class SessionSignals(QObject):
    signed_in = Signal(object)  # Actor
    data_changed = Signal()  # a write happened: screens showing counts refresh
    sync_changed = Signal(object)  # the sync worker's latest event (see sync_hook)
    sync_crashed = Signal(object)  # the bug that stopped the sync worker, for the crash report


class SyncControl(Protocol):
    """What screens may ask of the network side (terminal/ui/sync_runner.py)."""

    def sync_now(self) -> bool: ...

    def status(self) -> WorkerEvent | None:
        """The worker's latest event: why it is waiting, or that a bug stopped it; None before the first round."""
        ...

    def restart(self) -> bool:
        """Start the worker again after a bug stopped it; False when there is no worker (not enrolled)."""
        ...

    def reconcile(self, answer: Callable[[object], None]) -> None: ...


@dataclass
class Session:
    home: Home
    db: TaskThread[Database]
    languages: LanguageSwitcher
    reader: ReaderThread | None = None
    actor: Actor | None = None
    # Asks the centre whether another agency registered a person: (id_number, answer) → answer(True/False/None).
    centre_lookup: Callable[[str, Callable[[bool | None], None]], None] | None = None
    sync_control: SyncControl | None = None
    today: Callable[[], dt.date] = dt.date.today
    signals: SessionSignals = field(default_factory=SessionSignals)
    # The front-desk search's own read-only connection on its own thread (None: searches use `db`).
    search: TaskThread[SearchConnection] | None = None

    def run(self, op: Callable[[Database], T], on_success: Callable[[T], None] | None = None,
            on_failure: Failure | None = None) -> None:  # fmt: skip
        run_in_background(self.db, op, on_success, on_failure)

    def run_search(self, op: Callable[[Database], T], on_success: Callable[[T], None] | None = None,
                   on_failure: Failure | None = None) -> None:  # fmt: skip
        """A read-only query on the search's own thread: it never waits behind the database thread's work."""
        if self.search is None:
            self.run(op, on_success, on_failure)
        else:
            run_in_background(self.search, lambda connection: op(connection.database()), on_success, on_failure)

    def suspend_search(self) -> None:
        """Locked or signed out: the search connection closes (its cache holds decrypted personal data)."""
        if self.search is not None:
            self.search.submit(SearchConnection.suspend)

    def resume_search(self) -> None:
        if self.search is not None:
            self.search.submit(SearchConnection.resume)

    def may(self, action: Action) -> bool:
        return self.actor is not None and may(self.actor.role, action)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("no operator is signed in")
        return self.actor
