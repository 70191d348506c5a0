"""Registering a worker from a card read: checks, the profile, the signed letters, in one transaction
with its audit entry and its outbox event."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from terminal.core import service_types
from terminal.core.errors import DuplicateWorker, InvalidInput
from terminal.core.registration_rules import RegistrationCheck, check_identity_for_registration
from terminal.core.roles import Action
from terminal.store import attachments, audit, identity_reads, outbox, search
from terminal.store.db import Database
from terminal.usecases import validation, worker_photo
from terminal.usecases.context import Actor, authorise, new_uid, utcnow
from wirecontract.errors import Text
from wirecontract.identity import CardRead, Identity
from wirecontract.signing import b64url

LETTER_KINDS = ("employment_commitment", "credit_authorisation", "pi_consent")


@dataclass(frozen=True)
class Scan:
    data: bytes
    mime: str
    filename: str | None = None


class PhotoSource(enum.StrEnum):
    """Where the worker's photo came from; kept with the worker (workers.photo_source)."""

    CARD = "card"  # the ID card's photo, decoded by the reader vendor's decoder
    CAMERA = "camera"
    FILE = "file"


@dataclass(frozen=True)
class LetterInput:
    kind: str
    signed_on: dt.date
    scan: Scan | None


@dataclass(frozen=True)
class HealthCheckInput:
    checked_on: dt.date
    expires_on: dt.date
    institution: str
    passed: bool = True
    scan: Scan | None = None


@dataclass(frozen=True)
class InsuranceInput:
    insurer: str
    policy_no: str
    starts_on: dt.date
    expires_on: dt.date


@dataclass(frozen=True)
class CertificateInput:
    kind: str
    name: str
    number: str | None = None
    issued_by: str | None = None
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    scan: Scan | None = None


@dataclass(frozen=True)
class ProfileInput:
    phone: str
    current_address: str
    service_types: list[str]
    residence_permit_no: str | None = None
    education: str | None = None
    health_check: HealthCheckInput | None = None
    insurance: InsuranceInput | None = None
    certificates: list[CertificateInput] = field(default_factory=list)
    letters: list[LetterInput] = field(default_factory=list)
    photo: Scan | None = None  # the card photo decoded by the vendor library, or one taken by camera or file
    photo_source: PhotoSource = PhotoSource.FILE


@dataclass(frozen=True)
class CardPreview:
    identity: Identity
    check: RegistrationCheck
    existing_worker_id: int | None


def preview(db: Database, card_read: CardRead, today: dt.date) -> CardPreview:
    """What the registration screen shows after a tap: the identity, the rule checks, a duplicate."""
    identity = identity_reads.decode(card_read)
    check = check_identity_for_registration(identity, today)
    existing = db.scalar("SELECT id FROM workers WHERE id_number = ?", (identity.id_number,))
    return CardPreview(identity, check, None if existing is None else int(existing))


PHOTO_MIME = ("image/jpeg", "image/png", "image/bmp")


def _validate(profile: ProfileInput) -> tuple[str, str, list[str]]:
    if profile.photo is not None and profile.photo.mime not in PHOTO_MIME:
        raise InvalidInput(field=Text("照片须为 JPEG、PNG 或 BMP", "the photo must be JPEG, PNG or BMP"))
    phone = validation.phone(profile.phone)
    address = validation.required(profile.current_address, Text("现住址", "current address"))
    types = service_types.validate(profile.service_types)
    if not types:
        raise InvalidInput(field=Text("至少选择一种服务类型", "choose at least one service type"))
    if profile.health_check:
        validation.date_order(profile.health_check.checked_on, profile.health_check.expires_on, Text("体检", "health check"))
    if profile.insurance:
        validation.date_order(profile.insurance.starts_on, profile.insurance.expires_on, Text("保险", "insurance"))
    for letter in profile.letters:
        if letter.kind not in LETTER_KINDS:
            raise InvalidInput(field=f"letter kind {letter.kind}")
    return phone, address, types


def register_worker(db: Database, actor: Actor, card_read: CardRead, profile: ProfileInput, today: dt.date) -> int:
    authorise(db, actor, Action.REGISTER_WORKER)
    phone, address, types = _validate(profile)
    # Fitted before the transaction: re-encoding a camera photo takes a moment and needs no lock.
    photo = None
    if profile.photo is not None:
        photo = worker_photo.for_centre(profile.photo.data, PhotoSource(profile.photo_source).value)
    identity = identity_reads.decode(card_read)
    check_identity_for_registration(identity, today)
    now = utcnow().isoformat()
    with db.transaction():
        existing = db.scalar("SELECT id FROM workers WHERE id_number = ?", (identity.id_number,))
        if existing is not None:
            raise DuplicateWorker(int(existing))
        read_id, identity = identity_reads.insert(db, card_read, actor.username)
        uid = new_uid()
        worker_id = db.execute(
            "INSERT INTO workers(uid, id_number, identity_read_id, phone, current_address, residence_permit_no,"
            " education, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, identity.id_number, read_id, phone, address, profile.residence_permit_no, profile.education,
             now, actor.username, now),
        )  # fmt: skip
        for code in types:
            db.execute("INSERT INTO worker_service_types(worker_id, code) VALUES (?, ?)", (worker_id, code))
        if profile.photo is not None:
            photo_id, _ = attach_scan(db, profile.photo)
            db.execute(
                "UPDATE workers SET photo_attachment_id = ?, photo_source = ? WHERE id = ?",
                (photo_id, PhotoSource(profile.photo_source).value, worker_id),
            )
        search.reindex_worker(db.conn, worker_id)
        # The worker's own event goes first: the centre must know the worker before the records about them.
        audit.append(db, actor.username, "worker.registered", "worker", uid, {"id": identity.masked_id_number})
        # The raw text block goes with it: the centre decodes the read itself (docs/sync-protocol.md); the
        # photo goes so the verification page can show the face on the card.
        payload: dict[str, object] = {
            "identity": _identity_payload(identity), "card_read": {"text": b64url(card_read.raw_text)},
            "phone": phone, "service_types": types, "registered_at": now,
        }  # fmt: skip
        if photo is not None:
            payload["photo"] = photo.to_json()
        outbox.enqueue(db, "worker", uid, 1, "worker.registered", payload,
                       provenance=identity.provenance.to_json(), simulated=identity.provenance.simulated)  # fmt: skip
        from terminal.usecases import records

        records.add_profile_records(db, actor, worker_id, uid, read_id, identity, profile)
    return worker_id


def _identity_payload(identity: Identity) -> dict[str, object]:
    data = identity.to_json()
    data.pop("provenance")
    return data


def attach_scan(db: Database, scan: Scan | None) -> tuple[int | None, str | None]:
    if scan is None:
        return None, None
    return attachments.put(db, scan.data, scan.mime, scan.filename)
