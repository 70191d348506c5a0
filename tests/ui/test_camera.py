"""Photos and letter pictures from a camera: without one the buttons say so; a captured frame is kept as a
JPEG with the registration (the camera itself needs hardware this machine does not have)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.ui.camera import CameraDialog, cameras
from terminal.ui.scan_picker import ScanPicker
from tests.ui.conftest import Running
from tests.ui.helpers import fill_profile, tap


def test_without_a_camera_the_buttons_say_so(signed_in: Running, device: VirtualSamReader) -> None:
    assert cameras() == []  # a CI machine has none
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    assert page.panel.camera_button.isEnabled()
    page.panel.camera_button.click()
    assert not page.panel.camera_button.isEnabled() and "摄像头" in page.panel.camera_button.toolTip()
    picker = ScanPicker()
    picker.camera.click()
    assert not picker.camera.isEnabled() and picker.scan is None


def test_a_captured_frame_becomes_the_photo(signed_in: Running, device: VirtualSamReader) -> None:
    dialog = CameraDialog()
    assert not dialog.take.isEnabled()  # no device to capture from
    frames: list[bytes] = []
    dialog.captured.connect(frames.append)
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor(180, 150, 120))
    dialog.image_captured(1, image)
    assert frames and frames[0][:2] == b"\xff\xd8"  # a JPEG
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    page.panel.set_camera_photo(frames[0])
    assert not page.panel.photo.pixmap().isNull()
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    worker_id = page.worker_id

    def mime(db: Database) -> str:
        return str(db.scalar("SELECT a.mime FROM workers w JOIN attachments a ON a.id = w.photo_attachment_id"
                             " WHERE w.id = ?", (worker_id,)))  # fmt: skip

    assert signed_in.terminal.db.call(mime) == "image/jpeg"
    picker = ScanPicker()
    picker.set_camera_picture(frames[0])
    assert picker.scan is not None and picker.scan.mime == "image/jpeg"
