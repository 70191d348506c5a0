"""A signed letter or certificate scan: from a file (what a scanner saved, an image or a PDF) or taken with
the camera."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from terminal.ui.camera import open_camera
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
        self.camera = QPushButton()
        self.camera.setObjectName("scanFromCamera")
        self.camera.clicked.connect(self._take)
        self.remove = QPushButton()
        self.remove.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_label, 1)
        layout.addWidget(self.choose)
        layout.addWidget(self.camera)
        layout.addWidget(self.remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.choose.setText(self.tr("选择扫描件…"))
        self.camera.setText(self.tr("拍照…"))
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

    def _take(self) -> None:
        if not open_camera(self, self.set_camera_picture):
            self.camera.setEnabled(False)
            self.camera.setToolTip(self.tr("未发现摄像头，请选择扫描件文件。"))

    def set_camera_picture(self, jpeg: bytes) -> None:
        self.scan = Scan(jpeg, "image/jpeg", "camera.jpg")
        self.retranslate()
        self.changed.emit()

    def clear(self) -> None:
        self.scan = None
        self.retranslate()
        self.changed.emit()
