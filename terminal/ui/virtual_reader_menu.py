"""Demo mode: a menu that places a sample card on the in-process virtual reader or takes it away."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from terminal.reader.virtual import VirtualSamReader


def add_virtual_reader_menu(window: QMainWindow, device: VirtualSamReader) -> None:
    menu = window.menuBar().addMenu(window.tr("虚拟读卡器（演示）"))
    menu.setObjectName("virtualReaderMenu")
    for label in device.labels:
        action = QAction(label, window)
        action.setObjectName(f"place_{label}")
        action.triggered.connect(lambda _checked=False, lab=label: device.insert(lab))
        menu.addAction(action)
    menu.addSeparator()
    remove = QAction(window.tr("拿开证件"), window)
    remove.triggered.connect(lambda _checked=False: device.remove())
    menu.addAction(remove)
