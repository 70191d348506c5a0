"""The decoded identity: an immutable value that always carries where it came from."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from wirecontract import codes, idnumber


class CardType(enum.StrEnum):
    RESIDENT = "resident"
    FOREIGN_PERMANENT = "foreign_permanent"
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"
    HMT_RESIDENCE = "hmt_residence"

    @property
    def label_zh(self) -> str:
        return {
            CardType.RESIDENT: "居民身份证",
            CardType.FOREIGN_PERMANENT: "外国人永久居留身份证",
            CardType.FOREIGN_PERMANENT_2023: "外国人永久居留身份证（2023版）",
            CardType.HMT_RESIDENCE: "港澳台居民居住证",
        }[self]


@dataclass(frozen=True)
class Provenance:
    """Where an identity came from. `raw_sha256` is the SHA-256 of the 256-byte text block as read."""

    reader: str
    sam_id: str
    read_at: dt.datetime
    raw_sha256: str
    simulated: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "sam_id": self.sam_id,
            "read_at": self.read_at.isoformat(),
            "raw_sha256": self.raw_sha256,
            "simulated": self.simulated,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Provenance:
        return cls(
            reader=str(data["reader"]),
            sam_id=str(data["sam_id"]),
            read_at=dt.datetime.fromisoformat(str(data["read_at"])),
            raw_sha256=str(data["raw_sha256"]),
            simulated=bool(data["simulated"]),
        )


@dataclass(frozen=True)
class Identity:
    card_type: CardType
    name: str
    sex_code: str
    birth_date: dt.date
    id_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None  # None means 长期 (no end date)
    provenance: Provenance
    english_name: str | None = None
    ethnicity_code: str | None = None
    address: str | None = None
    issuing_authority: str | None = None
    nationality: str | None = None
    pass_number: str | None = None
    issue_count: int | None = None
    card_version: str | None = None
    photo_wlt: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def sex(self) -> str:
        return codes.sex_name(self.sex_code)

    @property
    def ethnicity(self) -> str | None:
        return codes.ethnicity_name(self.ethnicity_code) if self.ethnicity_code else None

    @property
    def id_number_check_verified(self) -> bool:
        """False for the 15-character foreigner number, whose check digit rule is not confirmed (not checked)."""
        return self.card_type is not CardType.FOREIGN_PERMANENT

    @property
    def masked_id_number(self) -> str:
        return idnumber.mask(self.id_number)

    @property
    def display_name(self) -> str:
        return self.name or (self.english_name or "")

    def __repr__(self) -> str:  # never leak the full number or address into logs or tracebacks
        return f"Identity({self.card_type.value}, {self.masked_id_number}, simulated={self.provenance.simulated})"

    def to_json(self) -> dict[str, Any]:
        def d(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "card_type": self.card_type.value,
            "name": self.name,
            "english_name": self.english_name,
            "sex_code": self.sex_code,
            "sex": self.sex,
            "ethnicity_code": self.ethnicity_code,
            "ethnicity": self.ethnicity,
            "birth_date": d(self.birth_date),
            "address": self.address,
            "id_number": self.id_number,
            "id_number_check_verified": self.id_number_check_verified,
            "issuing_authority": self.issuing_authority,
            "valid_from": d(self.valid_from),
            "valid_to": d(self.valid_to),
            "nationality": self.nationality,
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
            "card_version": self.card_version,
            "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True)
class CardRead:
    """What a reader hands over: the raw text block, the photo as read and the provenance.

    The store accepts identities only in this form and decodes the text block itself, so no caller can
    hand it identity fields that did not come off a card."""

    raw_text: bytes = field(repr=False)
    photo_wlt: bytes | None = field(repr=False)
    provenance: Provenance
