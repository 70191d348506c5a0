"""Idle lock: no keyboard or mouse input for IDLE_LOCK_MINUTES locks the window back to the sign-in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from terminal.usecases.operators import IDLE_LOCK_MINUTES

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})  # fmt: skip


class IdleWatcher(QObject):
    """Watches the whole application's input; `idle` fires once per idle period while armed."""

    idle = Signal()

    def __init__(self, app: QApplication, timeout_ms: int = IDLE_LOCK_MINUTES * 60_000) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        self._app = app
        app.installEventFilter(self)

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def arm(self) -> None:
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()

    def close(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
