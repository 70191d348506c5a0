"""Taking a photo or a letter's picture with a camera (Qt Multimedia): a live preview, one capture, JPEG
bytes out. Without Qt Multimedia or without a camera the button that opens it says so; a photo or scan then
comes from a file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLoggingCategory, Signal
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal.ui.retranslate import Retranslating

log = logging.getLogger("terminal.ui.camera")

# Optional acceleration libraries (VA-API, PipeWire) are looked up and reported missing at start; that
# is not a fault of the terminal's, so those lines stay out of the log.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg.info=false")

JPEG_QUALITY = 90


def _multimedia() -> Any | None:
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


def cameras() -> list[Any]:
    """The cameras Qt can see (QCameraDevice), or none when Qt Multimedia is not installed."""
    multimedia = _multimedia()
    return list(multimedia.QMediaDevices.videoInputs()) if multimedia is not None else []


def jpeg_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(JPEG_QUALITY)
    if not writer.write(image):
        raise ValueError(writer.errorString())
    buffer.close()
    return bytes(data.data())


class CameraDialog(Retranslating, QDialog):
    """Preview, choose a camera, capture. `captured(bytes)` carries a JPEG; the dialog then closes."""

    captured = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self._devices = cameras()
        self.choice = QComboBox()
        for device in self._devices:
            self.choice.addItem(device.description())
        self.preview = QVideoWidget()
        self.preview.setMinimumSize(480, 360)
        self.status = QLabel()
        self.take = QPushButton()
        self.take.setObjectName("takePicture")
        self.cancel = QPushButton()
        self.session = QMediaCaptureSession()
        self.capture = QImageCapture()
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.preview)
        self.camera: QCamera | None = None
        self.capture.imageCaptured.connect(self.image_captured)
        self.capture.errorOccurred.connect(lambda _id, _error, text: self.status.setText(text))
        self.choice.currentIndexChanged.connect(self._use_camera)
        self.take.clicked.connect(lambda: self.capture.capture())
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choice, 1)
        buttons.addWidget(self.take)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()
        self._use_camera(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("拍照"))
        self.take.setText(self.tr("拍照(&P)"))
        self.cancel.setText(self.tr("取消"))
        if not self._devices:
            self.status.setText(self.tr("未发现摄像头，请从文件选择。"))

    def _use_camera(self, index: int) -> None:
        from PySide6.QtMultimedia import QCamera

        if self.camera is not None:
            self.camera.stop()
        if not 0 <= index < len(self._devices):
            self.take.setEnabled(False)
            return
        self.camera = QCamera(self._devices[index])
        self.session.setCamera(self.camera)
        self.camera.start()
        self.take.setEnabled(True)

    def image_captured(self, _request_id: int, image: QImage) -> None:
        if image.isNull():
            self.status.setText(self.tr("拍照失败，请重试。"))
            return
        self.captured.emit(jpeg_bytes(image))
        self.accept()

    def done(self, result: int) -> None:
        if self.camera is not None:
            self.camera.stop()
        super().done(result)


def open_camera(parent: QWidget, on_captured: Callable[[bytes], None]) -> bool:
    """Open the camera dialog; False (and nothing opened) when there is no camera to use. Qt Multimedia
    is loaded only here, on first use, so it costs nothing at start."""
    if not cameras():
        return False
    dialog = CameraDialog(parent)
    dialog.captured.connect(on_captured)
    dialog.open()
    return True
