"""The network side of the running app: the background sync worker on its own thread and, for a demo, the
demo centre on loopback. The worker reaches the store only through the database thread (TaskThread.call)."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import sys
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Slot

from terminal.core.errors import SyncFault
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync.engine import SyncEngine
from terminal.sync.errors import DemoCentreUnavailable
from terminal.sync.state import SyncState
from terminal.sync.via_executor import engine_via, registered_elsewhere
from terminal.sync.worker import SyncWorker, WorkerEvent
from terminal.ui.i18n import ui_lang
from terminal.ui.session import Session
from terminal.ui.sync_hook import SyncBridge
from terminal.ui.tasks import TaskThread

log = logging.getLogger("terminal.ui.sync")


def is_loopback_address(url: str) -> bool:
    """Whether a centre address is on this machine (where the demo centre listens, on whatever port was free)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _CrashRelay(QObject):
    @Slot(object)
    def report(self, bug: BaseException) -> None:
        # sys.excepthook is the app's CrashHandler while it runs: it writes the report and shows the dialog.
        sys.excepthook(type(bug), bug, bug.__traceback__)


class SyncRunner:
    def __init__(self, session: Session, demo: bool, interval: float = 60.0) -> None:
        self.session = session
        self.demo = demo
        self.bridge = SyncBridge(session)
        self.worker = SyncWorker(self._open_engine, interval=interval, on_event=self.bridge.event_from_worker,
                                 on_bug=self.bridge.bug_from_worker)  # fmt: skip
        self._attached = False
        # Created here, in the UI thread, so the queued signal runs the crash handler there.
        self._crash_relay = _CrashRelay()
        session.signals.sync_crashed.connect(self._crash_relay.report)
        self._stopped = False
        self.demo_centre = False  # decided in start(): whether this home syncs with its own demo centre
        self.lang = ui_lang()  # read here, on the UI thread: the demo centre's banner speaks the app's language
        # Requests a person waits for (the registration check) get their own network thread: they must not
        # queue behind a long sync round.
        self.network: TaskThread[None] = TaskThread("network", default_failure=self._lookup_failed)

    def start(self) -> None:
        """A real home syncs once it is enrolled. A demo home syncs with its own demo centre (started here on
        loopback), unless someone enrolled it with another centre: then it syncs there like a real home, and its
        server address is left alone (starting the demo used to switch it to the built-in centre)."""

        demo = self.demo

        def decide(db: Database) -> tuple[bool, bool]:
            """(whether to sync, whether with the home's own demo centre)"""
            state = SyncState.read(SyncStateRepo(db))
            if demo:
                return True, state.server_url is None or is_loopback_address(state.server_url)
            return state.enrolled, False

        self.session.run(decide, lambda plan: self._start_worker(*plan),
                         lambda error: log.warning("sync not started: %s", error))  # fmt: skip

    def _start_worker(self, enrolled: bool, demo_centre: bool = False) -> None:
        if self._stopped:  # the app closed before the enrolment check came back
            return
        self.demo_centre = demo_centre
        if not enrolled:
            log.info("not enrolled with a central server: working offline")
            return
        self.bridge.attach(self.worker.nudge, self.worker.stop)
        self._attached = True
        self.worker.start()

    def status(self) -> WorkerEvent | None:
        return self.worker.last_event

    def restart(self) -> bool:
        if not self._attached or self._stopped:
            return False
        self.worker.start()
        return True

    @contextlib.contextmanager
    def _open_engine(self) -> Iterator[SyncEngine]:
        """Entered on the worker's thread: start the demo centre there (never on the UI thread)."""
        stack = None
        if self.demo_centre:
            from terminal.demo_stack import start_demo_server

            stack = start_demo_server(self.session.home, executor=self.session.db, lang=self.lang)
            if stack.offline_reason:
                # The packaged terminal ships without the centre: the sync screen and home page say so.
                raise DemoCentreUnavailable(stack.offline_reason)
        try:
            yield engine_via(self.session.db)
        finally:
            if stack is not None:
                stack.stop()

    def registered_elsewhere(self, id_number: str, answer: Callable[[bool | None], None]) -> None:
        """Ask the centre (on the network thread); `answer` gets True/False, or None when offline or not enrolled."""
        database = self.session.db

        def ask(_none: None) -> bool | None:
            try:
                return registered_elsewhere(database, id_number)
            except SyncFault as fault:
                log.info("centre lookup unavailable (%s)", fault.kind.value)
                return None

        self.network.submit(ask, answer)

    def reconcile(self, answer: Callable[[object], None]) -> None:
        """Ask the centre for its receipt (on the network thread); `answer` gets a Reconciliation or the
        SyncFault that prevented it."""
        database = self.session.db

        def ask(_none: None) -> object:
            try:
                return engine_via(database).reconcile()
            except SyncFault as fault:
                return fault

        self.network.submit(ask, answer)

    def _lookup_failed(self, error: BaseException) -> None:
        raise error

    def sync_now(self) -> bool:
        return self.bridge.sync_now()

    def stop(self) -> None:
        self._stopped = True
        if not self.worker.stop():
            # Still in a round (a demo centre slow to start): it calls no listener again, and its next database
            # call is refused with DatabaseClosed once the database thread shuts down, which ends it.
            log.info("sync round still running at shutdown; it ends at its next step")
        self.network.shutdown()
