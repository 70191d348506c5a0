"""The card reader on its own thread: waits for a card, reads it, hands the CardRead to the UI thread.

A tap reads without a click. Faults while waiting (reader unplugged, not answering) and faults during a
read (card lifted) arrive as `fault`; the thread keeps going, so the next placement reads again."""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QThread, Signal

from terminal.core.errors import ReaderFault
from terminal.reader.errors import NoCard, ReadCancelled
from terminal.reader.service import ReaderService
from wirecontract.identity import CardRead

log = logging.getLogger("terminal.ui.reader")


class ReaderStatus(enum.StrEnum):
    WAITING = "waiting"  # answering, no new card
    READING = "reading"
    FAULT = "fault"
    STOPPED = "stopped"


class ReaderThread(QThread):
    card_read = Signal(object)  # CardRead
    fault = Signal(object)  # ReaderFault
    status_changed = Signal(str)  # ReaderStatus value

    def __init__(self, service: ReaderService, poll_window: float = 1.0) -> None:
        super().__init__()
        self.setObjectName("reader")
        self.service = service
        self._poll_window = poll_window  # how soon a reader that comes back is shown as ready again
        self.status = ReaderStatus.STOPPED
        self.last_fault: ReaderFault | None = None

    @property
    def reader_name(self) -> str:
        return self.service.name

    def _set_status(self, status: ReaderStatus) -> None:
        if status is not self.status:
            self.status = status
            self.status_changed.emit(status.value)

    def _report(self, fault: ReaderFault, during_read: bool) -> None:
        if during_read or self.status is not ReaderStatus.FAULT:
            log.warning("reader fault (%s): %s", "read" if during_read else "waiting", fault.code)
            self.last_fault = fault
            self.fault.emit(fault)

    def run(self) -> None:
        self.service.resume()
        self._set_status(ReaderStatus.WAITING)
        while True:
            try:
                self.service.wait_for_card(self._poll_window)
            except ReadCancelled:
                self._set_status(ReaderStatus.STOPPED)
                return
            except NoCard:
                self._set_status(ReaderStatus.WAITING)
                continue
            except ReaderFault as fault:
                self._report(fault, during_read=False)
                self._set_status(ReaderStatus.FAULT)
                continue
            self._set_status(ReaderStatus.READING)
            try:
                card = self.service.read_present_card()
            except ReaderFault as fault:
                self._report(fault, during_read=True)
                self._set_status(ReaderStatus.WAITING)
                continue
            self._set_status(ReaderStatus.WAITING)
            self.card_read.emit(card)

    def stop(self, timeout_ms: int = 5000) -> None:
        self.service.stop()
        if self.isRunning():
            self.wait(timeout_ms)
        self.service.close()


__all__ = ["CardRead", "ReaderStatus", "ReaderThread"]
