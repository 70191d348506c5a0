"""Workers' photos at the centre: taken from worker events during a push, kept in `WorkerPhoto`, shown on the
verification page (views.py) for credentials the centre holds.

The event itself is stored as received (centre.sync.models.Event); the worker's record (`Record.data`) gets the
payload without the photo, and the photo goes to its own table, written in bulk with the rest of the push.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from centre.credentials.models import WorkerPhoto
from centre.subqueries import Ref
from wirecontract.photo import PhotoRefused, parse_photo

if TYPE_CHECKING:
    from centre.sync.pushed import PushedEvent

PHOTO_FIELD = "photo"


def photo_refusal(entity: str, payload: dict[str, Any]) -> str | None:
    """Why a worker event's photo is refused (the whole event is: the terminal never sends one it has not
    fitted to the bound, so a refusal means a client that does not keep the contract), or None."""
    if entity != "worker" or payload.get(PHOTO_FIELD) is None:
        return None
    try:
        parse_photo(payload[PHOTO_FIELD])
    except PhotoRefused as refused:
        return refused.reason
    return None


class PushedPhotos:
    """The photos of one push's applied worker events, the latest version per worker winning."""

    def __init__(self, agency_id: str, now: dt.datetime) -> None:
        self.agency_id = agency_id
        self.now = now
        self._latest: dict[str, WorkerPhoto] = {}

    def take(self, event: PushedEvent) -> dict[str, Any]:
        """The payload to merge into the record; a worker event's photo (checked before) is kept aside."""
        payload: dict[str, Any] = event.payload
        if event.entity != "worker" or payload.get(PHOTO_FIELD) is None:
            return payload
        photo = parse_photo(payload[PHOTO_FIELD])
        self._latest[event.entity_uid] = WorkerPhoto(
            worker_uid=event.entity_uid, agency_id=self.agency_id, mime=photo.mime, data=photo.data,
            source=photo.source, record_version=event.record_version, updated_at=self.now,
        )  # fmt: skip
        return {k: v for k, v in payload.items() if k != PHOTO_FIELD}

    def write(self) -> None:
        if self._latest:
            WorkerPhoto.objects.bulk_create(
                self._latest.values(), update_conflicts=True, unique_fields=["worker_uid"],
                update_fields=["agency_id", "mime", "data", "source", "record_version", "updated_at"],
            )  # fmt: skip


# What the page says about where the photo came from (wirecontract.photo.PHOTO_SOURCES).
CAPTIONS = {"card": "持证人照片（读自身份证）", "camera": "持证人照片（登记时拍摄）", "file": "持证人照片（机构提供）"}


@dataclass(frozen=True)
class ShownPhoto:
    data_url: str
    source: str

    @property
    def caption(self) -> str:
        return CAPTIONS.get(self.source, CAPTIONS["file"])


def photo_of(worker: Ref, agency: Ref) -> QuerySet[WorkerPhoto]:
    """The holder's photo as the credential's own agency sent it (at most one row: the worker is the key)."""
    return WorkerPhoto.objects.filter(pk=worker, agency_id=agency)


def photo_for_page(worker_uid: str, agency_id: str | None) -> ShownPhoto | None:
    """The photo of a credential's holder, only as the credential's own agency sent it."""
    if not worker_uid or not agency_id:
        return None
    row = photo_of(worker_uid, agency_id).values_list("mime", "data", "source").first()
    return shown_photo(*row) if row is not None else None


def shown_photo(mime: str | None, data: bytes | memoryview | None, source: str | None) -> ShownPhoto | None:
    """The page's form of a stored photo (None: there is none). Re-encoded here from the stored bytes, with a MIME
    type from a fixed list: nothing a terminal sent reaches the page's markup as text."""
    if mime is None or data is None:
        return None
    return ShownPhoto(f"data:{mime};base64,{base64.b64encode(bytes(data)).decode('ascii')}", str(source))
