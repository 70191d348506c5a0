import dataclasses
import datetime as dt
from typing import Any

import pytest

from terminal.core.errors import InvalidCardText, InvalidIdNumber
from wirecontract import idnumber
from wirecontract.cardtext import LAYOUTS, decode_text_block, encode_text_block, sha256_hex
from wirecontract.identity import CardType, Provenance


def _prov(raw: bytes) -> Provenance:
    return Provenance("reader", "05.01-20101129-0001228293-0296863149", dt.datetime.now(dt.UTC), sha256_hex(raw), True)


CARDS: dict[str, dict[str, Any]] = {
    "resident": {"card_type": "resident", "name": "张三", "sex_code": "1", "ethnicity_code": "01",
                 "birth_date": "1949-12-31", "address": "北京市东城区某街道1号", "id_number": "11010519491231002X",
                 "issuing_authority": "北京市公安局东城分局", "valid_from": "2015-01-01", "valid_to": None},
    "hmt_residence": {"card_type": "hmt_residence", "name": "陈大文", "sex_code": "1", "birth_date": "1990-05-01",
                      "address": "上海市长宁区某路2号", "id_number": idnumber.make_valid_18("81000019900501003"),
                      "issuing_authority": "上海市公安局长宁分局", "valid_from": "2020-01-01",
                      "valid_to": "2025-01-01", "pass_number": "H12345678", "issue_count": 2},
    "foreign_permanent": {"card_type": "foreign_permanent", "english_name": "SMITH, JOHN", "name": "史密斯",
                          "sex_code": "1", "id_number": idnumber.make_valid_old_foreign("USA31800101001"),
                          "nationality": "USA", "birth_date": "1980-01-01", "valid_from": "2020-01-01",
                          "valid_to": "2030-01-01", "card_version": "10", "issuing_authority": "1500"},
    "foreign_permanent_2023": {"card_type": "foreign_permanent_2023", "name": "玛丽", "sex_code": "2",
                               "english_name": "MARIA GARCIA LOPEZ DE LA VEGA ALEXANDRA",
                               "id_number": idnumber.make_valid_18("93172419850102001"), "issue_count": 0,
                               "nationality": "ESP", "birth_date": "1985-01-02", "valid_from": "2023-12-01",
                               "valid_to": "2033-12-01"},
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(CARDS))
def test_every_card_type_round_trips(kind: str) -> None:
    fields = CARDS[kind]
    raw = encode_text_block(fields)
    assert len(raw) == 256
    identity = decode_text_block(raw, _prov(raw))
    out = identity.to_json()
    assert out["card_type"] == kind
    assert identity.card_type is CardType(kind)
    for key, value in fields.items():
        assert out[key] == value, key


def test_long_term_validity_decodes_to_no_end_date() -> None:
    raw = encode_text_block(CARDS["resident"])
    assert "长期".encode("utf-16-le") in raw
    assert decode_text_block(raw, _prov(raw)).valid_to is None


def test_the_provenance_hash_must_match_the_raw_block() -> None:
    raw = encode_text_block(CARDS["resident"])
    wrong = dataclasses.replace(_prov(raw), raw_sha256="0" * 64)
    with pytest.raises(InvalidCardText):
        decode_text_block(raw, wrong)


def test_a_wrong_check_digit_is_refused() -> None:
    raw = encode_text_block({**CARDS["resident"], "id_number": "110105194912310021"})
    with pytest.raises(InvalidIdNumber):
        decode_text_block(raw, _prov(raw))


def test_identity_is_immutable_and_its_repr_is_masked() -> None:
    raw = encode_text_block(CARDS["resident"])
    identity = decode_text_block(raw, _prov(raw))
    with pytest.raises(dataclasses.FrozenInstanceError):
        identity.name = "李四"  # type: ignore[misc]
    assert "11010519491231002X" not in repr(identity)
    assert "110105********002X" in repr(identity)


def test_a_superscript_digit_in_the_card_number_is_a_typed_refusal() -> None:
    fields = {**CARDS["resident"], "id_number": "1101051949123100²X"}
    raw = encode_text_block(fields)
    with pytest.raises(InvalidIdNumber):
        decode_text_block(raw, _prov(raw))


@pytest.mark.parametrize(("field", "value"), [("issue_count", "¹"), ("birth_date", "¹⁹⁴⁹¹²³¹")])
def test_superscript_digits_in_other_fields_are_typed_refusals(field: str, value: str) -> None:
    raw = bytearray(encode_text_block(CARDS["hmt_residence"]))
    layout = {name: (offset, length) for name, offset, length in LAYOUTS[CardType.HMT_RESIDENCE]}
    offset, length = layout[field]
    raw[offset : offset + length] = value.encode("utf-16-le").ljust(length, b" ")[:length]
    with pytest.raises(InvalidCardText):
        decode_text_block(bytes(raw), _prov(bytes(raw)))


def test_old_foreigner_card_is_accepted_with_its_check_digit_recorded_as_unverified() -> None:
    number = idnumber.make_valid_old_foreign("USA31800101001")
    other = number[:-1] + str((int(number[-1]) + 1) % 10)
    for candidate in (number, other):
        raw = encode_text_block({**CARDS["foreign_permanent"], "id_number": candidate})
        identity = decode_text_block(raw, _prov(raw))
        assert identity.id_number == candidate
        assert identity.id_number_check_verified is False
        assert identity.to_json()["id_number_check_verified"] is False
    resident = encode_text_block(CARDS["resident"])
    assert decode_text_block(resident, _prov(resident)).id_number_check_verified is True
