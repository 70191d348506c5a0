"""Frame encoding/decoding against the documented example frames, and every result code's typed fault."""

from __future__ import annotations

import pytest

from terminal.core.errors import ReaderFault
from terminal.reader import errors, frames
from terminal.reader.frames import Command

DOC_REQUESTS = {
    Command.RESET_SAM: "AAAAAA9669000310FFEC",
    Command.SAM_STATUS: "AAAAAA9669000311FFED",
    Command.SAM_ID: "AAAAAA9669000312FFEE",
    Command.FIND_CARD: "AAAAAA96690003200122",
    Command.SELECT_CARD: "AAAAAA96690003200221",
    Command.READ_TEXT_PHOTO: "AAAAAA96690003300132",
    Command.READ_TEXT_PHOTO_FINGERPRINT: "AAAAAA96690003301023",
    Command.READ_ADDITIONAL_ADDRESS: "AAAAAA96690003300330",
}
SAM_ID_RESPONSE = bytes.fromhex("AAAAAA9669001400009005000100 09B83201 05BE1200 ADC5B111 63".replace(" ", ""))


@pytest.mark.parametrize(("command", "expected"), DOC_REQUESTS.items())
def test_request_frames_match_the_documented_bytes(command: Command, expected: str) -> None:
    assert frames.encode_request(command) == bytes.fromhex(expected)
    request = frames.decode_request(bytes.fromhex(expected))
    assert request.command is command


def test_sam_id_example_decodes() -> None:
    response = frames.expect(Command.SAM_ID, SAM_ID_RESPONSE)
    assert frames.decode_sam_id(response.data) == "05.01-20101129-0001228293-0296863149"
    assert frames.encode_sam_id(5, 1, 20101129, 1228293, 296863149) == response.data


def test_documented_responses() -> None:
    assert frames.expect(Command.FIND_CARD, bytes.fromhex("AAAAAA96690008 00009F 00000000 97")).sw3 == 0x9F
    assert frames.expect(Command.SAM_STATUS, bytes.fromhex("AAAAAA9669000400009094")).data == b""
    with pytest.raises(errors.NoCard):
        frames.expect(Command.FIND_CARD, bytes.fromhex("AAAAAA9669000400008084"))
    with pytest.raises(errors.SelectFailed):
        frames.expect(Command.SELECT_CARD, bytes.fromhex("AAAAAA9669000400008185"))
    with pytest.raises(errors.CardReadFailed):
        frames.expect(Command.READ_TEXT_PHOTO, bytes.fromhex("AAAAAA9669000400004145"))


def test_read_response_header_and_split() -> None:
    text, photo = bytes(range(256)), bytes(1024)
    frame = frames.encode_response(0x90, frames.encode_read(text, photo, None))
    assert len(frame) == 1295
    assert frame[:14] == bytes.fromhex("AAAAAA96690508000090 0100 0400".replace(" ", ""))
    assert frame[14 : 14 + 256] == text
    payload = frames.split_read(frames.expect(Command.READ_TEXT_PHOTO, frame).data, with_fingerprint=False)
    assert (payload.text, payload.photo, payload.fingerprint) == (text, photo, b"")


@pytest.mark.parametrize(("finger", "total"), [(1024, 2321), (512, 1809), (0, 1297)])
def test_fingerprint_read_sizes(finger: int, total: int) -> None:
    frame = frames.encode_response(0x90, frames.encode_read(bytes(256), bytes(1024), b"C" * finger))
    assert len(frame) == total
    payload = frames.split_read(frames.decode_response(frame).data, with_fingerprint=True)
    assert len(payload.fingerprint) == finger


def test_frame_faults_are_typed() -> None:
    good = frames.encode_request(Command.FIND_CARD)
    with pytest.raises(errors.BadPreamble):
        frames.decode_frame(b"\x00" + good[1:])
    with pytest.raises(errors.TruncatedFrame):
        frames.decode_frame(good[:-2])
    with pytest.raises(errors.BadChecksum) as bad:
        frames.decode_frame(good[:-1] + b"\x00")
    assert "22" in bad.value.message("en") and "校验和" in bad.value.message("zh")
    with pytest.raises(errors.BadLength):
        frames.decode_frame(good + b"\x00")


@pytest.mark.parametrize("sw3", sorted(errors.RESULT_MEANINGS))
def test_every_result_code_maps_to_a_typed_bilingual_fault(sw3: int) -> None:
    fault = errors.fault_for_result(sw3)
    assert isinstance(fault, ReaderFault)
    zh, en = fault.message("zh"), fault.message("en")
    assert zh != en and zh and en
    if isinstance(fault, errors.CardResultFault):
        assert fault.sw3 == sw3 and f"{sw3:02X}" in en
    assert isinstance(fault, errors.NoCard) == (sw3 == 0x80)


def test_unknown_result_code_is_still_typed() -> None:
    fault = errors.fault_for_result(0x5A)
    assert type(fault) is errors.CardResultFault and "5A" in fault.message("zh")


def test_split_read_rejects_wrong_lengths() -> None:
    with pytest.raises(errors.BadPayload):
        frames.split_read(frames.encode_read(bytes(200), bytes(1024), None), with_fingerprint=False)
    with pytest.raises(errors.BadPayload):
        frames.split_read(frames.encode_read(bytes(256), bytes(1024), None)[:-1], with_fingerprint=False)
