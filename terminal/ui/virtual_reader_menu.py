"""Demo mode: a menu that places a sample card on the in-process virtual reader or takes it away."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from terminal.reader.virtual import VirtualSamReader


class VirtualReaderMenu(QMenu):
    """Its title and "take the card away" follow the UI's language; the sample cards' labels are their names."""

    def __init__(self, window: QMainWindow, device: VirtualSamReader) -> None:
        super().__init__(window)
        self.setObjectName("virtualReaderMenu")
        for label in device.labels:
            action = QAction(label, self)
            action.setObjectName(f"place_{label}")
            action.triggered.connect(lambda _checked=False, lab=label: device.insert(lab))
            self.addAction(action)
        self.addSeparator()
        self.remove = QAction(self)
        self.remove.setObjectName("removeCard")
        self.remove.triggered.connect(lambda _checked=False: device.remove())
        self.addAction(self.remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("virtual_reader_menu", "虚拟读卡器（演示）"))
        self.remove.setText(QCoreApplication.translate("virtual_reader_menu", "拿开证件"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def add_virtual_reader_menu(window: QMainWindow, device: VirtualSamReader) -> None:
    window.menuBar().addMenu(VirtualReaderMenu(window, device))
