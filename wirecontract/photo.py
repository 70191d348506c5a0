"""The worker's photo on the wire: what `worker.registered` (and any later worker event) may carry as `photo`,
so the centre can show the face printed on the card on the public verification page.

`photo` is `{"mime": "image/jpeg" | "image/png", "data": base64url, "source": "card" | "camera" | "file"}`.
The terminal sends a copy fitted to PHOTO_BOX and re-encoded under MAX_PHOTO_BYTES (terminal/usecases/
worker_photo.py); the card keeps the original. The bound is set by the push: the terminal sends
DEFAULT_PUSH_BATCH events at a time, the centre reads at most 16 MiB of a push, and a batch made only of
registrations with photos at the bound must still fit (tests/server/test_worker_photo.py checks the sum).
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from typing import Any

from wirecontract.signing import b64url, b64url_decode

MAX_PHOTO_BYTES = 20 * 1024
# About twice the ID card's own photo (102 × 126): enough to compare a face on a phone, small enough that a
# camera photo fits MAX_PHOTO_BYTES at a quality a person can judge.
PHOTO_BOX = (240, 300)
PHOTO_SOURCES = ("card", "camera", "file")
# What a browser shows in <img>; the leading bytes are checked, so a page never labels other bytes as an image.
_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
PHOTO_MIMES = tuple(_MAGIC)


@dataclass(frozen=True)
class WirePhoto:
    mime: str
    data: bytes
    source: str

    def to_json(self) -> dict[str, str]:
        return {"mime": self.mime, "data": b64url(self.data), "source": self.source}


class PhotoRefused(ValueError):
    """The event's `photo` is not one the centre keeps; `reason` goes back to the terminal in the verdict."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_photo(value: Any) -> WirePhoto:
    """The photo an event carries, checked: a known image type whose bytes start as that type, within the bound."""
    if not isinstance(value, dict):
        raise PhotoRefused("photo must be an object with mime, data and source")
    mime, text, source = value.get("mime"), value.get("data"), value.get("source")
    if mime not in _MAGIC:
        raise PhotoRefused(f"photo.mime must be one of {', '.join(PHOTO_MIMES)}")
    if source not in PHOTO_SOURCES:
        raise PhotoRefused(f"photo.source must be one of {', '.join(PHOTO_SOURCES)}")
    if not isinstance(text, str) or not text:
        raise PhotoRefused("photo.data must be base64url text")
    # Checked before decoding so an outsized string costs no decoding work.
    if len(text) > (MAX_PHOTO_BYTES * 4 + 2) // 3:
        raise PhotoRefused(f"the photo is larger than {MAX_PHOTO_BYTES} bytes")
    try:
        data = b64url_decode(text)
    except (binascii.Error, ValueError):
        raise PhotoRefused("photo.data is not base64url") from None
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(f"the photo is larger than {MAX_PHOTO_BYTES} bytes")
    if not data.startswith(_MAGIC[mime]):
        raise PhotoRefused(f"photo.data is not {mime}")
    return WirePhoto(mime, data, source)
