"""The 256-byte text block of ID cards read through a SAM: decoding for every card type, and encoding
(used only by the virtual card and the simulator).

Fields are UTF-16LE, padded with spaces. Offsets are in bytes; see docs/card-reader.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from wirecontract import idnumber
from wirecontract.errors import InvalidCardText, InvalidIdNumber
from wirecontract.identity import CardType, Identity, Provenance

TEXT_LENGTH = 256
LONG_TERM = "长期"

# (field, offset, length) per layout
RESIDENT_LAYOUT = (
    ("name", 0, 30), ("sex_code", 30, 2), ("ethnicity_code", 32, 4), ("birth_date", 36, 16),
    ("address", 52, 70), ("id_number", 122, 36), ("issuing_authority", 158, 30),
    ("valid_from", 188, 16), ("valid_to", 204, 16),
)  # fmt: skip
HMT_LAYOUT = (
    ("name", 0, 30), ("sex_code", 30, 2), ("birth_date", 36, 16), ("address", 52, 70),
    ("id_number", 122, 36), ("issuing_authority", 158, 30), ("valid_from", 188, 16), ("valid_to", 204, 16),
    ("pass_number", 220, 18), ("issue_count", 238, 4), ("type_mark", 248, 2),
)  # fmt: skip
FOREIGN_I_LAYOUT = (
    ("english_name", 0, 120), ("sex_code", 120, 2), ("id_number", 122, 30), ("nationality", 152, 6),
    ("name", 158, 30), ("valid_from", 188, 16), ("valid_to", 204, 16), ("birth_date", 220, 16),
    ("card_version", 236, 4), ("issuing_authority", 240, 8), ("type_mark", 248, 2),
)  # fmt: skip
FOREIGN_Y_LAYOUT = (
    ("name", 0, 30), ("sex_code", 30, 2), ("issue_count", 32, 4), ("birth_date", 36, 16),
    ("english_name", 52, 70), ("id_number", 122, 36), ("valid_from", 188, 16), ("valid_to", 204, 16),
    ("english_name_2", 220, 22), ("nationality", 242, 6), ("type_mark", 248, 2),
)  # fmt: skip

LAYOUTS = {
    CardType.RESIDENT: RESIDENT_LAYOUT,
    CardType.HMT_RESIDENCE: HMT_LAYOUT,
    CardType.FOREIGN_PERMANENT: FOREIGN_I_LAYOUT,
    CardType.FOREIGN_PERMANENT_2023: FOREIGN_Y_LAYOUT,
}
TYPE_MARKS = {"I": CardType.FOREIGN_PERMANENT, "J": CardType.HMT_RESIDENCE, "Y": CardType.FOREIGN_PERMANENT_2023}
MARK_OF = {v: k for k, v in TYPE_MARKS.items()}


def card_type_of(raw: bytes) -> CardType:
    mark = raw[248:250].decode("utf-16-le", errors="replace").strip()
    return TYPE_MARKS.get(mark, CardType.RESIDENT)


def _field(raw: bytes, offset: int, length: int) -> str:
    try:
        text = raw[offset : offset + length].decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise InvalidCardText(reason=f"字段编码错误 / bad text encoding at byte {offset}") from exc
    return text.rstrip(" \x00")


def _date(text: str, what: str, allow_long_term: bool = False) -> dt.date | None:
    if allow_long_term and text == LONG_TERM:
        return None
    if len(text) != 8 or not idnumber.is_ascii_digits(text):
        raise InvalidCardText(reason=f"{what}格式错误 / {what} is not a date")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise InvalidCardText(reason=f"{what}不存在 / {what} does not exist") from exc


def _required_date(text: str, what: str) -> dt.date:
    value = _date(text, what)
    assert value is not None  # _date returns None only for 长期, which is not allowed here
    return value


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_text_block(
    raw: bytes, provenance: Provenance, photo_wlt: bytes | None = None, *, verify_hash: bool = True
) -> Identity:
    """Decode a 256-byte text block. Any input gives an Identity or a RuleViolation, nothing else."""
    if len(raw) != TEXT_LENGTH:
        raise InvalidCardText(reason=f"长度 {len(raw)} 字节，应为 256 / length {len(raw)}, expected 256")
    if verify_hash and provenance.raw_sha256 != sha256_hex(raw):
        raise InvalidCardText(reason="原始数据摘要不符 / the raw read's hash does not match its provenance")
    card_type = card_type_of(raw)
    f = {name: _field(raw, off, ln) for name, off, ln in LAYOUTS[card_type]}
    if not f["name"] and not f.get("english_name"):
        raise InvalidCardText(reason="姓名为空 / the name is empty")
    if f["sex_code"] not in ("0", "1", "2", "9"):
        raise InvalidCardText(reason="性别代码无效 / invalid sex code")
    number = f["id_number"]
    try:
        if card_type is CardType.FOREIGN_PERMANENT:
            number = idnumber.validate_old_foreign(number)
        else:
            number = idnumber.validate_18(number, foreign_2023=card_type is CardType.FOREIGN_PERMANENT_2023)
    except InvalidIdNumber:
        raise
    issue_count: int | None = None
    if f.get("issue_count"):
        if not idnumber.is_ascii_digits(f["issue_count"]):
            raise InvalidCardText(reason="签发次数无效 / invalid issue count")
        issue_count = int(f["issue_count"])
    english = f.get("english_name")
    if card_type is CardType.FOREIGN_PERMANENT_2023:
        english = (f["english_name"] + f["english_name_2"]).rstrip() or None
    ethnicity = f.get("ethnicity_code") or None
    if ethnicity is not None and not idnumber.is_ascii_digits(ethnicity):
        raise InvalidCardText(reason="民族代码无效 / invalid ethnicity code")
    return Identity(
        card_type=card_type,
        name=f["name"],
        english_name=english or None,
        sex_code=f["sex_code"],
        ethnicity_code=ethnicity,
        birth_date=_required_date(f["birth_date"], "出生日期 birth date"),
        address=f.get("address") or None,
        id_number=number,
        issuing_authority=f.get("issuing_authority") or None,
        valid_from=_date(f["valid_from"], "签发日期 valid-from"),
        valid_to=_date(f["valid_to"], "有效期 valid-to", allow_long_term=True),
        nationality=f.get("nationality") or None,
        pass_number=f.get("pass_number") or None,
        issue_count=issue_count,
        card_version=f.get("card_version") or None,
        provenance=provenance,
        photo_wlt=photo_wlt,
    )


def _put(buf: bytearray, offset: int, length: int, text: str) -> None:
    data = text.encode("utf-16-le")
    if len(data) > length:
        raise ValueError(f"field at {offset} too long: {len(data)} > {length}")
    buf[offset : offset + length] = data + " ".encode("utf-16-le") * ((length - len(data)) // 2)


def encode_text_block(fields: Mapping[str, Any]) -> bytes:
    """Build a text block from identity JSON keys (the `terminal reader read --json` format)."""
    card_type = CardType(fields.get("card_type") or CardType.RESIDENT.value)
    buf = bytearray(" ".encode("utf-16-le") * (TEXT_LENGTH // 2))

    def date_text(key: str) -> str:
        value = fields.get(key)
        if value is None:
            return LONG_TERM if key == "valid_to" else ""
        return str(value).replace("-", "")

    english = str(fields.get("english_name") or "")
    values: dict[str, str] = {
        "name": str(fields.get("name") or ""),
        "english_name": english,
        "sex_code": str(fields.get("sex_code") or "0"),
        "ethnicity_code": str(fields.get("ethnicity_code") or ""),
        "birth_date": date_text("birth_date"),
        "address": str(fields.get("address") or ""),
        "id_number": str(fields.get("id_number") or ""),
        "issuing_authority": str(fields.get("issuing_authority") or ""),
        "valid_from": date_text("valid_from"),
        "valid_to": date_text("valid_to"),
        "nationality": str(fields.get("nationality") or ""),
        "pass_number": str(fields.get("pass_number") or ""),
        "issue_count": f"{int(fields['issue_count']):02d}" if fields.get("issue_count") is not None else "",
        "card_version": str(fields.get("card_version") or ""),
        "type_mark": MARK_OF.get(card_type, ""),
    }
    if card_type is CardType.FOREIGN_PERMANENT_2023:
        values["english_name"] = english[:35]
        values["english_name_2"] = english[35:46]
    for name, off, ln in LAYOUTS[card_type]:
        _put(buf, off, ln, values[name])
    return bytes(buf)
