"""Where the lead connects the background sync worker (terminal/sync/worker.py) to the UI.

    bridge = SyncBridge(session)
    worker = SyncWorker(..., on_event=bridge.event_from_worker)   # called on the sync thread
    bridge.attach(worker.nudge, worker.stop)

`event_from_worker` may be called from any thread: it re-emits the event as session.signals.sync_changed,
which Qt delivers in the UI thread (the home page then re-reads the sync state from the store)."""

from __future__ import annotations

from collections.abc import Callable

from terminal.ui.session import Session


class SyncBridge:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._nudge: Callable[[], None] | None = None
        self._stop: Callable[[], object] | None = None

    def event_from_worker(self, event: object) -> None:
        self._session.signals.sync_changed.emit(event)

    def bug_from_worker(self, bug: BaseException) -> None:
        """From the sync thread: the bug that stopped the worker goes to the crash report in the UI thread."""
        self._session.signals.sync_crashed.emit(bug)

    def attach(self, nudge: Callable[[], None], stop: Callable[[], object]) -> None:
        self._nudge, self._stop = nudge, stop
        self._session.signals.data_changed.connect(nudge)  # a new local write: try to send it now

    def sync_now(self) -> bool:
        if self._nudge is None:
            return False
        self._nudge()
        return True

    def close(self) -> None:
        if self._stop is not None:
            self._stop()
