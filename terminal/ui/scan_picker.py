"""A signed letter or certificate scan taken from a file (a scanner's or camera's saved image or PDF)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from terminal.ui.retranslate import Retranslating
from terminal.usecases.registration import Scan

MAX_SCAN_BYTES = 20 * 1024 * 1024


class ScanPicker(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scan: Scan | None = None
        self.file_label = QLabel()
        self.choose = QPushButton()
        self.choose.clicked.connect(self._ask)
        self.remove = QPushButton()
        self.remove.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_label, 1)
        layout.addWidget(self.choose)
        layout.addWidget(self.remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.choose.setText(self.tr("选择扫描件…"))
        self.remove.setText(self.tr("移除"))
        self.file_label.setText(self.scan.filename or "" if self.scan else self.tr("（未添加扫描件）"))


    def _ask(self) -> None:
        dialog = QFileDialog(self, self.tr("选择扫描件"))
        dialog.setNameFilter(self.tr("图片或PDF (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pdf)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.set_file(Path(path)))
        dialog.open()

    def set_file(self, path: Path) -> bool:
        """Take the scan from `path`. Returns False (and keeps the previous one) if it is unusable."""
        try:
            if path.stat().st_size > MAX_SCAN_BYTES:
                return False
            data = path.read_bytes()
        except OSError:
            return False
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.scan = Scan(data, mime, path.name)
        self.retranslate()
        self.changed.emit()
        return True

    def clear(self) -> None:
        self.scan = None
        self.retranslate()
        self.changed.emit()
