"""The copy of the worker's photo that goes to the centre with `worker.registered`: fitted to the wire contract's
box and bound whatever camera or file it came from, upright, without the original's metadata; the terminal keeps
the original for the card."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os

import pytest
from PIL import Image

from terminal.core.errors import InvalidInput
from terminal.core.roles import Role
from terminal.store import attachments
from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from terminal.usecases import registration
from terminal.usecases.registration import PhotoSource, Scan
from terminal.usecases.worker_photo import for_centre
from tests.builders import actor, card_read, profile
from wirecontract.photo import MAX_PHOTO_BYTES, PHOTO_BOX, parse_photo


def _registered_payload(db: Database) -> dict[str, object]:
    [event] = [e for e in OutboxRepo(db).pending() if e.kind == "worker.registered"]
    return event.payload


def _noise_jpeg(size: tuple[int, int], exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, "JPEG", quality=95, exif=exif or b"")
    return out.getvalue()


def test_a_camera_photo_goes_to_the_centre_fitted_and_the_original_stays(db: Database) -> None:
    original = _noise_jpeg((1600, 1200))
    assert len(original) > 10 * MAX_PHOTO_BYTES
    prof = dataclasses.replace(profile(), photo=Scan(original, "image/jpeg"), photo_source=PhotoSource.CAMERA)
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), prof, dt.date.today())
    sent = parse_photo(_registered_payload(db)["photo"])  # the centre's own check
    assert sent.mime == "image/jpeg" and sent.source == "camera" and len(sent.data) <= MAX_PHOTO_BYTES
    with Image.open(io.BytesIO(sent.data)) as image:
        assert image.width <= PHOTO_BOX[0] and image.height <= PHOTO_BOX[1]
    kept = db.scalar("SELECT photo_attachment_id FROM workers WHERE id = ?", (worker_id,))
    assert attachments.get(db, int(kept))[0] == original  # the card prints the original


def test_the_card_photo_keeps_its_size_and_says_it_came_from_the_card(db: Database) -> None:
    bmp = io.BytesIO()
    Image.new("RGB", (102, 126), (90, 120, 200)).save(bmp, "BMP")
    prof = dataclasses.replace(profile(), photo=Scan(bmp.getvalue(), "image/bmp"), photo_source=PhotoSource.CARD)
    registration.register_worker(db, actor(Role.CLERK), card_read(), prof, dt.date.today())
    sent = parse_photo(_registered_payload(db)["photo"])
    assert sent.source == "card"
    with Image.open(io.BytesIO(sent.data)) as image:
        assert image.size == (102, 126)  # never enlarged


def test_no_photo_no_photo_field(db: Database) -> None:
    registration.register_worker(db, actor(Role.CLERK), card_read(), profile(), dt.date.today())
    assert "photo" not in _registered_payload(db)


def test_a_photo_that_is_not_a_picture_is_refused_before_anything_is_saved(db: Database) -> None:
    prof = dataclasses.replace(profile(), photo=Scan(b"\xff\xd8\xff not really a jpeg", "image/jpeg"))
    with pytest.raises(InvalidInput, match="cannot be read"):
        registration.register_worker(db, actor(Role.CLERK), card_read(), prof, dt.date.today())
    assert db.scalar("SELECT count(*) FROM workers") == 0 and OutboxRepo(db).pending() == []


def test_a_sideways_phone_photo_is_sent_upright_without_its_metadata() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; shown rotated 90°
    exif[0x010F] = "PhoneMaker"
    sent = for_centre(_noise_jpeg((400, 300), exif), "file")
    with Image.open(io.BytesIO(sent.data)) as image:
        assert image.height > image.width  # upright: portrait
        assert not image.getexif()


def test_even_noise_fits_the_bound() -> None:
    sent = for_centre(_noise_jpeg((3000, 4000)), "camera")
    assert len(sent.data) <= MAX_PHOTO_BYTES and parse_photo(sent.to_json()) == sent
