"""The expiry step in the running app: at start-up and then every hour, credentials whose validity ended become
expired (terminal/usecases/credential_batches.py expire_due). Hourly rather than daily: a terminal left running
over midnight expires the day's credentials within the hour, and a run with nothing due costs one indexed query."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from terminal.core.errors import TerminalError
from terminal.store.db import Database
from terminal.ui.session import Session
from terminal.usecases.credential_batches import expire_due

log = logging.getLogger("terminal.ui.expiry")

INTERVAL_MS = 60 * 60 * 1000


class ExpiryStep(QObject):
    def __init__(self, session: Session, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__()
        self._session = session
        self.runs = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        self.run()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def run(self) -> None:
        today = self._session.today()

        def op(db: Database) -> list[str]:
            return expire_due(db, today)

        self._session.run(op, self._done, self._failed)

    def _done(self, expired: list[str]) -> None:
        self.runs += 1
        if expired:
            log.info("expiry step: %d credential(s) expired", len(expired))
            self._session.signals.data_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.runs += 1
        if not isinstance(error, TerminalError):
            raise error  # a bug: the crash handler
        # A refused write (full disk, read-only store) is shown elsewhere; the next run tries again.
        log.warning("expiry step not run: %s", error.code)
