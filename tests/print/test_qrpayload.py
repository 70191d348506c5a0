from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.print.qrdraw import qr_rows
from wirecontract import qrpayload
from wirecontract.errors import InvalidClaims, PayloadTooLarge
from wirecontract.qrpayload import VerificationReason as R
from wirecontract.signing import TerminalKey

from .cardfactory import BASE_URL, TODAY, claims

KEY = TerminalKey.generate()
KNOWN = {KEY.key_id: KEY.public_raw}
URL = qrpayload.encode(claims(), KEY, BASE_URL)


def test_round_trip_keeps_every_claim() -> None:
    decoded = qrpayload.decode(URL)
    assert decoded.claims == claims()
    assert decoded.terminal_key_id == KEY.key_id
    assert decoded.check_matches


def test_url_is_qr_alphanumeric_under_the_verification_page() -> None:
    assert URL.startswith("HTTPS://VERIFY.JZFW.EXAMPLE.CN/V/")
    assert URL.upper() == URL
    assert len(URL) <= qrpayload.MAX_URL_CHARS


def test_valid_credential_verifies_with_its_fields() -> None:
    result = qrpayload.verify(URL, KNOWN, today=TODAY)
    assert result.valid and result.reason is R.VALID
    assert result.to_json() == {
        "valid": True,
        "reason": "valid",
        "credential_no": "SH2026-000001",
        "version": 1,
        "name": "张伟",
        "agency": "上海安心家政服务有限公司",
        "valid_to": "2028-12-31",
        "terminal_id": KEY.key_id,
        "demo": False,
    }


def test_scanner_whitespace_around_the_text_is_ignored() -> None:
    assert qrpayload.verify(f"  {URL}\r\n", KNOWN, today=TODAY).valid


@pytest.mark.parametrize(
    ("today", "revoked", "reason"),
    [
        (dt.date(2029, 1, 1), (), R.EXPIRED),
        (dt.date(2028, 12, 31), (), R.VALID),
        (dt.date(2025, 12, 31), (), R.NOT_YET_VALID),
        (TODAY, {("SH2026-000001", 1)}, R.REVOKED),
        (TODAY, {"SH2026-000001"}, R.REVOKED),
        (TODAY, {("SH2026-000001", 2)}, R.VALID),
    ],
)
def test_validity_and_revocation(today: dt.date, revoked: set[object], reason: R) -> None:
    result = qrpayload.verify(URL, KNOWN, revoked=revoked, today=today)  # type: ignore[arg-type]
    assert result.reason is reason
    assert result.valid is (reason is R.VALID)


def test_unknown_terminal() -> None:
    other = TerminalKey.generate()
    result = qrpayload.verify(URL, {other.key_id: other.public_raw}, today=TODAY)
    assert result.reason is R.UNKNOWN_TERMINAL and not result.valid
    assert result.to_json()["terminal_id"] == KEY.key_id


def test_forgery_claiming_a_known_terminal_is_a_bad_signature() -> None:
    forger = TerminalKey.generate()

    class Impostor:
        key_id = KEY.key_id

        def sign(self, message: bytes) -> bytes:
            return forger.sign(message)

    forged = qrpayload.encode(claims(name="李四"), Impostor(), BASE_URL)
    result = qrpayload.verify(forged, KNOWN, today=TODAY)
    assert result.reason is R.BAD_SIGNATURE and not result.valid


def test_demo_credential_is_refused_unless_the_verifier_allows_demo() -> None:
    demo_url = qrpayload.encode(claims(demo=True), KEY, BASE_URL)
    refused = qrpayload.verify(demo_url, KNOWN, today=TODAY)
    assert refused.reason is R.DEMO_REFUSED and not refused.valid
    allowed = qrpayload.verify(demo_url, KNOWN, today=TODAY, allow_demo=True)
    assert allowed.valid and allowed.to_json()["demo"] is True


def test_changed_verification_host_fails_because_the_base_is_signed() -> None:
    moved = URL.replace("HTTPS://VERIFY.JZFW.EXAMPLE.CN", "HTTPS://VERIFY.JZFW.EXAMPLE.COM")
    assert qrpayload.verify(moved, KNOWN, today=TODAY).reason is R.ALTERED_PAYLOAD


@pytest.mark.parametrize(
    "text",
    ["", "hello", "HTTPS://VERIFY.JZFW.EXAMPLE.CN/V/", "HTTPS://X/V/!!!!", URL.lower(), URL[:-8], URL + "AAAA"],
)
def test_malformed_text(text: str) -> None:
    assert qrpayload.verify(text, KNOWN, today=TODAY).reason is R.MALFORMED


@settings(max_examples=300, deadline=None)
@given(position=st.integers(0, len(URL) - 1), replacement=st.integers(0, 255))
def test_one_changed_byte_anywhere_fails_verification(position: int, replacement: int) -> None:
    raw = bytearray(URL.encode("ascii"))
    if raw[position] == replacement:
        replacement ^= 0x01
    raw[position] = replacement
    changed = raw.decode("latin-1")
    result = qrpayload.verify(changed, KNOWN, today=TODAY)
    assert not result.valid
    assert result.reason in {R.MALFORMED, R.ALTERED_PAYLOAD, R.BAD_SIGNATURE, R.UNKNOWN_TERMINAL}


def test_largest_expected_credential_fits_qr_version_10_at_level_m() -> None:
    big = claims(
        credential_no="SH2026-JA-0012345",
        version=12,
        name="欧阳娜娜丽莎",
        masked_id_number="310101********123X",
        agency="上海市浦东新区安心到家家政服务有限公司",
        service_codes=qrpayload.SERVICE_BITS,
    )
    url = qrpayload.encode(big, KEY, BASE_URL)
    assert len(url) <= qrpayload.MAX_URL_CHARS
    assert len(qr_rows(url)) <= 57  # version 10 is 57 modules wide
    assert qrpayload.verify(url, KNOWN, today=TODAY).valid


def test_too_large_credential_is_refused_with_a_typed_error() -> None:
    with pytest.raises(PayloadTooLarge):
        qrpayload.encode(claims(agency="很长的机构名称" * 6), KEY, BASE_URL)


@pytest.mark.parametrize(
    "bad",
    [
        {"service_codes": ("H K",)},
        {"service_codes": ("unknown",)},
        {"version": -1},
        {"valid_to": dt.date(1999, 1, 1)},
    ],
)
def test_invalid_claims_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidClaims):
        qrpayload.encode(dataclasses.replace(claims(), **bad), KEY, BASE_URL)  # type: ignore[arg-type]


def test_verification_url_must_be_qr_alphanumeric() -> None:
    with pytest.raises(InvalidClaims):
        qrpayload.verification_base("https://verify_example.cn")
    assert qrpayload.verification_base("https://a.cn/") == "HTTPS://A.CN/V/"


def test_every_reason_explains_itself_in_both_languages() -> None:
    for reason in R:
        assert reason.explain("zh") and reason.explain("en") and reason.explain("zh") != reason.explain("en")


def test_every_standard_service_type_has_a_bit() -> None:
    from terminal.core.service_types import SERVICE_TYPES

    assert set(SERVICE_TYPES) <= set(qrpayload.SERVICE_BITS)
    assert len(qrpayload.SERVICE_BITS) <= 16


@pytest.mark.parametrize("masked", ["310101********1234", "E1****34", "AB**CD**EF", "NOSTARS", ""])
def test_masked_numbers_survive_the_round_trip(masked: str) -> None:
    url = qrpayload.encode(claims(masked_id_number=masked), KEY, BASE_URL)
    assert qrpayload.decode(url).claims.masked_id_number == masked
