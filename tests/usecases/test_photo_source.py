"""The worker record says where the photo came from: the card (vendor decoder), the camera or a file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
import sqlcipher3.dbapi2 as sqlite3
from PIL import Image

from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import queries, registration
from terminal.usecases.registration import PhotoSource, Scan
from tests.builders import actor, card_read, profile


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 180, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("source", list(PhotoSource))
def test_the_photo_source_is_kept_with_the_worker(db: Database, source: PhotoSource) -> None:
    prof = dataclasses.replace(profile(), photo=Scan(_jpeg(), "image/jpeg"), photo_source=source)
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), prof, dt.date.today())
    assert queries.worker_record(db, actor(Role.SUPERVISOR), worker_id).photo_source == source.value


def test_no_photo_no_source(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), profile(), dt.date.today())
    assert queries.worker_record(db, actor(Role.SUPERVISOR), worker_id).photo_source is None


def test_the_database_refuses_an_unknown_source(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), profile(), dt.date.today())
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), db.transaction():
        db.execute("UPDATE workers SET photo_source = 'drawn' WHERE id = ?", (worker_id,))
