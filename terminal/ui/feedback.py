"""How messages and errors reach the operator: the message sink, the error dialog, field errors.

Typed errors (TerminalError) become a clear message in the operator's language and a log line through
terminal.core.messages; anything else is a bug and goes to the crash handler (sys.excepthook)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QWidget

from terminal.core import messages
from terminal.core.errors import TerminalError
from terminal.ui.i18n import ui_lang


class MessageBridge(QObject):
    """A messages sink that may be called from any thread; `shown` fires in the UI thread."""

    shown = Signal(object)  # messages.Message

    def __init__(self) -> None:
        super().__init__()
        messages.add_sink(self._sink)

    def _sink(self, message: messages.Message) -> None:
        self.shown.emit(message)

    def close(self) -> None:
        messages.remove_sink(self._sink)


def announce(zh: str, en: str) -> None:
    """Say that something succeeded, where the operator is looking (the banner above the page) and in the
    log, in the UI's language: the one channel, messages.tell()."""
    messages.info(zh, en)


_open_dialogs: set[QMessageBox] = set()


def show_dialog(box: QMessageBox) -> None:
    """Open a non-modal message box; a parentless one is kept referenced until it is closed."""
    _open_dialogs.add(box)
    box.finished.connect(lambda _result: _open_dialogs.discard(box))
    box.open()


def report_error(parent: QWidget | None, error: BaseException) -> None:
    """The default failure handler of background work."""
    if not isinstance(error, TerminalError):
        sys.excepthook(type(error), error, error.__traceback__)
        return
    messages.tell_error(error)
    title = QCoreApplication.translate("feedback", "出错了")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message(ui_lang()), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    show_dialog(box)


class FieldError(QLabel):
    """A red message shown beside the field it is about; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, error: TerminalError | str) -> None:
        self.setText(error.message(ui_lang()) if isinstance(error, TerminalError) else error)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()

    @Slot()
    def clear_on_edit(self) -> None:
        self.clear_error()


BANNER_STYLES = {
    messages.Level.INFO: "background: #e8f5e9; color: #1b5e20; border: 1px solid #66bb6a;",
    messages.Level.WARNING: "background: #fff8e1; color: #7a4f01; border: 1px solid #ffb300;",
    messages.Level.ERROR: "background: #ffebee; color: #b00020; border: 1px solid #e57373;",
}


IDLE_STYLE = "QFrame#banner { background: #eceff1; border-radius: 4px; }"


class Banner(QFrame):
    """Success, warnings and work in progress at the top of the page, where the operator is looking: a message
    stays for `hold_ms`, and a spinner appears only when work takes longer than `busy_after_ms` (quick saves
    do not flicker)."""

    def __init__(self, parent: QWidget | None = None, hold_ms: int = 8_000, busy_after_ms: int = 300) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 12pt; font-weight: bold; border: none; background: transparent;")
        self.busy_text = QLabel()
        self.busy_text.setObjectName("bannerBusy")
        self.busy_text.setStyleSheet("border: none; background: transparent;")
        self.spinner = QProgressBar()
        self.spinner.setObjectName("bannerSpinner")
        self.spinner.setRange(0, 0)
        self.spinner.setMaximumWidth(160)
        self.spinner.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.spinner)
        self._hold = QTimer(self, singleShot=True, interval=hold_ms)
        self._hold.timeout.connect(self._message_done)
        self._busy_delay = QTimer(self, singleShot=True, interval=busy_after_ms)
        self._busy_delay.timeout.connect(self._show_busy)
        self._busy = False
        self.message: messages.Message | None = None
        self._update()

    def show_message(self, message: messages.Message, lang: str) -> None:
        self.message = message
        self.text.setText(message.text(lang))
        self.setStyleSheet(f"QFrame#banner {{ {BANNER_STYLES[message.level]} border-radius: 4px; }}")
        self._hold.start()
        self._update()

    def set_busy(self, busy: bool) -> None:
        if busy and not self._busy:
            self._busy_delay.start()
        elif not busy:
            self._busy_delay.stop()
            self._busy = False
            self._update()

    def retranslate(self, lang: str) -> None:
        self.busy_text.setText(QCoreApplication.translate("feedback", "正在处理，请稍候…"))
        if self.message is not None:
            self.text.setText(self.message.text(lang))

    @property
    def busy(self) -> bool:
        return self._busy

    def _show_busy(self) -> None:
        self._busy = True
        self._update()

    def _message_done(self) -> None:
        self.message = None
        self.text.clear()
        self._update()

    def _update(self) -> None:
        self.text.setVisible(self.message is not None)
        self.busy_text.setVisible(self._busy)
        self.spinner.setVisible(self._busy)
        if self.message is None and self.styleSheet() != IDLE_STYLE:
            self.setStyleSheet(IDLE_STYLE)
        self.setVisible(self.message is not None or self._busy)
