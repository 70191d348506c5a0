"""A photo chosen from a file is kept with the registration and printed on the card."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from tests.ui.conftest import Running
from tests.ui.helpers import fill_profile, tap


def test_photo_from_file_is_stored(signed_in: Running, device: VirtualSamReader, tmp_path: Path) -> None:
    picture = tmp_path / "face.png"
    Image.new("RGB", (102, 126), (200, 180, 160)).save(picture)
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    page.panel.set_photo_file(picture)
    assert page.panel.photo.pixmap() is not None and not page.panel.photo.pixmap().isNull()
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    worker_id = page.worker_id

    def stored(db: Database) -> tuple[bytes, str]:
        row = db.query_one("SELECT a.data, a.mime FROM workers w JOIN attachments a ON a.id = w.photo_attachment_id"
                           " WHERE w.id = ?", (worker_id,))  # fmt: skip
        assert row is not None
        return bytes(row[0]), str(row[1])

    data, mime = signed_in.terminal.db.call(stored)
    assert mime == "image/png" and data == picture.read_bytes()
