"""The card photo decoded by the reader's decoder is kept with the worker, and the worker page says it is the
card's (not the camera's or a file)."""

from __future__ import annotations

import io

from PIL import Image

from terminal.reader.virtual import VirtualSamReader
from tests.ui.conftest import Running
from tests.ui.helpers import fill_profile, tap


def test_the_decoded_card_photo_is_kept_and_marked_as_the_cards(signed_in: Running, device: VirtualSamReader) -> None:
    bmp = io.BytesIO()
    Image.new("RGB", (102, 126), (90, 60, 30)).save(bmp, "BMP")
    page = signed_in.window.register
    page.panel._decode_photo = lambda wlt: bmp.getvalue()  # the vendor decoder, as the helper would answer
    tap(signed_in, device, "resident")
    assert page.panel.decoded_photo == bmp.getvalue()
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    assert page.worker_id is not None
    signed_in.window.open_worker(page.worker_id)
    photo = signed_in.window.worker.profile_values["photo"]
    signed_in.qtbot.waitUntil(lambda: photo.text() == "证件照片（读卡器解码）", timeout=10_000)
