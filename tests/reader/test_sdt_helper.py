"""The helper process machinery (terminal/reader/sdt.py) against a helper that misbehaves on purpose.

These run a Python stand-in for sdthelper.exe (fake_sdthelper.py), so they need no Wine and take seconds: the
helper talking garbage, hanging, dying mid-read, cut off mid-answer, or with a DLL that does not load. Each time
the terminal must end with a typed fault and a clear message, start a fresh helper, and read the same card
again: nothing lost. The real helper and the stand-in DLLs under Wine are in test_sdt_wine.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from terminal.core.errors import ReaderFault
from terminal.reader.errors import DriverCrashed, DriverGarbled, DriverHung, DriverUnavailable, ReaderDriverFault
from terminal.reader.sdt import SdtConfig, SdtHelper, SdtTransport, parse_sam_id
from terminal.reader.service import ReaderService, Timeouts, decode

FAKE = Path(__file__).with_name("fake_sdthelper.py")
QUICK = Timeouts(command=2.0, read=1.0)


def transport(tmp_path: Path, behaviour: str) -> tuple[SdtTransport, Path]:
    state = tmp_path / "starts"
    helper = SdtHelper(
        SdtConfig(Path("fake.dll")), command=[sys.executable, str(FAKE), behaviour, str(state)], start_timeout=20
    )
    return SdtTransport(helper.config, helper=helper), state


def heal(state: Path) -> None:
    Path(str(state) + ".heal").touch()


def test_a_card_is_read_through_the_helper_with_the_dll_in_its_provenance(tmp_path: Path) -> None:
    sdt, _ = transport(tmp_path, "ok")
    try:
        card = ReaderService(sdt, timeouts=QUICK).read_next(timeout=20)
    finally:
        sdt.close()
    assert card.provenance.reader == "sdt:fake.dll 1.2.3.4 64-bit USB 1001"
    assert card.provenance.simulated and card.provenance.sam_id.startswith("SIM-99.")
    assert decode(card).name == "张演示"
    assert card.photo_wlt is not None and card.photo_wlt.startswith(b"SIMWLT01")


@pytest.mark.expected_logs("sdt helper")
def test_garbage_from_the_helper_restarts_it_and_the_card_is_read(tmp_path: Path) -> None:
    sdt, state = transport(tmp_path, "garbage")
    faults: list[ReaderFault] = []

    def on_fault(fault: ReaderFault) -> None:
        faults.append(fault)
        heal(state)

    try:
        card = ReaderService(sdt, timeouts=QUICK, on_fault=on_fault).read_next(timeout=20)
    finally:
        sdt.close()
    assert [type(f) for f in faults] == [DriverGarbled]
    assert state.read_text().count("start") == 2
    assert decode(card).name == "张演示"


@pytest.mark.parametrize(("behaviour", "fault"), [("hang", DriverHung), ("die", DriverCrashed), ("cut", DriverCrashed)])
@pytest.mark.expected_logs("sdt helper")
def test_a_helper_that_fails_mid_read_is_replaced_and_nothing_is_lost(
    tmp_path: Path, behaviour: str, fault: type[ReaderDriverFault]
) -> None:
    sdt, state = transport(tmp_path, behaviour)
    service = ReaderService(sdt, timeouts=QUICK)
    try:
        service.wait_for_card(timeout=20)
        pid = sdt.helper.pid
        started = time.monotonic()
        with pytest.raises(fault) as raised:
            service.read_present_card()
        assert time.monotonic() - started < QUICK.read + 2  # never longer than the read's limit
        assert pid is not None and not Path(f"/proc/{pid}").exists()  # killed and reaped, not left hanging
        assert "驱动" in raised.value.message("zh") and "driver" in raised.value.message("en")
        heal(state)
        card = service.read_next(timeout=20)
    finally:
        sdt.close()
    assert state.read_text().count("start") == 2
    assert decode(card).name == "张演示"


@pytest.mark.expected_logs("does not load")
def test_a_dll_that_does_not_load_is_reported_once_not_restarted_in_a_loop(tmp_path: Path) -> None:
    sdt, state = transport(tmp_path, "no_dll")
    faults: list[ReaderFault] = []
    try:
        with pytest.raises(DriverUnavailable) as raised:
            ReaderService(sdt, timeouts=QUICK, poll_interval=0.01, on_fault=faults.append).read_next(timeout=0.5)
    finally:
        sdt.close()
    assert state.read_text().count("start") == 1
    assert len(faults) == 1
    assert "fake.dll" in raised.value.message("zh")


def test_sam_id_text_round_trips_to_the_sams_bytes() -> None:
    from terminal.reader import frames

    data = parse_sam_id("05.01-20101129-0001228293-0296863149")
    assert data is not None and frames.decode_sam_id(data) == "05.01-20101129-0001228293-0296863149"
    assert parse_sam_id("not a sam id") is None
    assert parse_sam_id("05.01-1-2-99999999999") is None


def test_the_photo_of_a_vendor_read_is_decoded_by_its_helper_and_others_in_process(tmp_path: Path) -> None:
    from terminal.reader.errors import PhotoDecoderUnavailable
    from terminal.reader.photo import decoder_for
    from terminal.reader.virtual import NO_PHOTO_FILLER, VirtualSamReader, VirtualTransport
    from tests.support.sdt_standin import wlt_photo

    sdt, _ = transport(tmp_path, "ok")
    try:
        decode_photo = decoder_for(sdt, library=None)
        assert decode_photo(wlt_photo(bytes(256))).startswith(b"BM")
        with pytest.raises(PhotoDecoderUnavailable):
            decode_photo(NO_PHOTO_FILLER)
    finally:
        sdt.close()
    with pytest.raises(PhotoDecoderUnavailable):  # no vendor library configured for an in-process decoder
        decoder_for(VirtualTransport(VirtualSamReader()), library=None)(wlt_photo(bytes(256)))
