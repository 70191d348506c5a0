"""Card reads: the only way an identity enters the store.

A read is accepted as a CardRead (raw 256-byte text block, photo and provenance). The store decodes the
text block itself and checks the provenance hash, so the identity fields it keeps are exactly what the
card said. Reads are never changed or deleted (triggers back this up).
"""

from __future__ import annotations

import datetime as dt

from terminal.core.errors import MissingProvenance
from terminal.store.db import Database, Row
from wirecontract.cardtext import decode_text_block
from wirecontract.identity import CardRead, CardType, Identity, Provenance


def decode(card_read: CardRead) -> Identity:
    if not isinstance(card_read, CardRead) or not card_read.provenance.sam_id or not card_read.provenance.reader:
        raise MissingProvenance()
    return decode_text_block(card_read.raw_text, card_read.provenance, card_read.photo_wlt)


def insert(db: Database, card_read: CardRead, operator: str, purpose: str = "registration") -> tuple[int, Identity]:
    identity = decode(card_read)
    p = identity.provenance

    def d(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    read_id = db.execute(
        """INSERT INTO identity_reads(card_type, id_number, name, english_name, sex_code, ethnicity_code,
           birth_date, address, issuing_authority, valid_from, valid_to, nationality, pass_number, issue_count,
           card_version, raw_text, photo_wlt, raw_sha256, reader, sam_id, read_at, simulated, operator, purpose)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            identity.card_type.value, identity.id_number, identity.name, identity.english_name, identity.sex_code,
            identity.ethnicity_code, d(identity.birth_date), identity.address, identity.issuing_authority,
            d(identity.valid_from), d(identity.valid_to), identity.nationality, identity.pass_number,
            identity.issue_count, identity.card_version, card_read.raw_text, card_read.photo_wlt, p.raw_sha256,
            p.reader, p.sam_id, p.read_at.isoformat(), int(p.simulated), operator, purpose,
        ),
    )  # fmt: skip
    return read_id, identity


def identity_from_row(row: Row) -> Identity:
    """Rebuild the identity of a stored read (re-decoding the raw block keeps one source of truth)."""
    provenance = Provenance(
        reader=row["reader"],
        sam_id=row["sam_id"],
        read_at=dt.datetime.fromisoformat(row["read_at"]),
        raw_sha256=row["raw_sha256"],
        simulated=bool(row["simulated"]),
    )
    identity = decode_text_block(bytes(row["raw_text"]), provenance, row["photo_wlt"])
    assert identity.card_type is CardType(row["card_type"])
    return identity


def load(db: Database, read_id: int) -> Identity:
    row = db.query_one("SELECT * FROM identity_reads WHERE id = ?", (read_id,))
    if row is None:
        raise MissingProvenance()
    return identity_from_row(row)
