"""Attachments (letter scans, certificates, photos) kept encrypted inside the database."""

from __future__ import annotations

import datetime as dt
import hashlib

from terminal.core.errors import InvalidInput, NotFound
from terminal.store.db import Database
from wirecontract.errors import Text

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ALLOWED_MIME = ("image/jpeg", "image/png", "application/pdf", "image/bmp", "image/tiff")


def put(db: Database, data: bytes, mime: str, filename: str | None = None) -> tuple[int, str]:
    if mime not in ALLOWED_MIME:
        raise InvalidInput(field=Text(f"附件类型 {mime} 不支持", f"attachment type {mime} is not supported"))
    if not data or len(data) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(field=Text("附件为空或超过20MB", "the attachment is empty or over 20 MB"))
    digest = hashlib.sha256(data).hexdigest()
    attachment_id = db.execute(
        "INSERT INTO attachments(sha256, mime, filename, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (digest, mime, filename, len(data), data, dt.datetime.now(dt.UTC).isoformat()),
    )
    return attachment_id, digest


def get(db: Database, attachment_id: int) -> tuple[bytes, str]:
    row = db.query_one("SELECT data, mime FROM attachments WHERE id = ?", (attachment_id,))
    if row is None:
        raise NotFound(what=Text("附件", "attachment"), key=str(attachment_id))
    return bytes(row["data"]), str(row["mime"])
