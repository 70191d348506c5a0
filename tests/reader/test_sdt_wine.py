"""The vendor SDK reader end to end: the real helper (installer/sdt/sdthelper.c) and the stand-in sdtapi.dll and
WLT decoder (installer/sdt/standin_*.c), compiled with mingw-w64 for i686 and x86_64 and run under Wine.

The session compiles them (scripts/build-sdt, a few seconds) and makes a Wine prefix of its own under
installer/build/sdt (about 15 s the first time, reused after). A missing mingw-w64 or Wine fails the tests:
`scripts/dev setup` installs them. The 32-bit cases need Debian's wine32 (i386) as well.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.core.errors import ReaderFault
from terminal.reader.errors import (
    CardAuthenticationFault,
    CardReadFailed,
    DriverCrashed,
    DriverGarbled,
    DriverHung,
    DriverUnavailable,
    NoCard,
    NoReader,
    PhotoDecoderUnavailable,
    SamFault,
)
from terminal.reader.sdt import SdtConfig, SdtHelper, SdtTransport, dll_bits
from terminal.reader.service import ReaderService, Timeouts, decode
from terminal.reader.virtual import NO_PHOTO_FILLER
from terminal.selftest import Outcome
from tests.support.sdt_standin import (
    BMP_HEIGHT,
    BMP_WIDTH,
    BUILD_DIR,
    Mode,
    StandinCard,
    bmp_pixel,
    build,
    photo_colours,
    wine_environment,
)

pytestmark = pytest.mark.wine
QUICK = Timeouts(command=5.0, read=2.0)  # Wine answers in milliseconds; the margin is for a loaded machine
LABEL = "resident"


@pytest.fixture(scope="session")
def sdt_build() -> Path:
    return build(BUILD_DIR)


@pytest.fixture(scope="session")
def wine_prefix(sdt_build: Path) -> Path:
    prefix = sdt_build / "wineprefix"
    wine_environment(prefix)
    return prefix


@pytest.fixture
def card(tmp_path: Path) -> StandinCard:
    return StandinCard(tmp_path / "card.bin")


def open_transport(build_dir: Path, prefix: Path, card: StandinCard, bits: int, decoder: bool = True) -> SdtTransport:
    folder = build_dir / f"standin{bits}"
    config = SdtConfig(folder / "sdtapi.dll", folder / "WltRS.dll" if decoder else None, helper_dir=build_dir)
    return SdtTransport(config, helper=SdtHelper(config, env=wine_environment(prefix, card.path)))


@pytest.fixture(params=[64, 32], ids=["x86_64", "i686"])
def sdt(
    request: pytest.FixtureRequest, sdt_build: Path, wine_prefix: Path, card: StandinCard
) -> Iterator[SdtTransport]:
    transport = open_transport(sdt_build, wine_prefix, card, request.param)
    yield transport
    transport.close()


def test_the_stand_ins_have_the_bitness_they_were_built_for(sdt_build: Path) -> None:
    assert dll_bits(sdt_build / "standin32" / "sdtapi.dll") == 32
    assert dll_bits(sdt_build / "standin64" / "sdtapi.dll") == 64
    assert dll_bits(sdt_build / "standin32" / "WltRS.dll") == 32


def test_a_card_is_read_and_its_photo_decoded(sdt: SdtTransport, card: StandinCard) -> None:
    card.place(LABEL)
    read = ReaderService(sdt, timeouts=QUICK).read_next(timeout=30)
    identity = decode(read)
    assert read.raw_text == card.text_block(LABEL)
    bits = sdt.helper.info.bits if sdt.helper.info else 0
    assert read.provenance.reader == f"sdt:sdtapi.dll 9.9.0.1 {bits}-bit USB 1001"
    assert read.provenance.simulated and read.provenance.sam_id == "SIM-99.01-20240101-0000000001-0000000001"
    assert identity.id_number == "110105194912310021" or identity.name
    assert read.photo_wlt is not None
    bmp = sdt.decode_photo(read.photo_wlt)
    background, figure = photo_colours(read.raw_text)
    assert bmp[:2] == b"BM" and len(bmp) == 54 + 308 * BMP_HEIGHT
    assert bmp_pixel(bmp, 0, 0) == background
    assert bmp_pixel(bmp, BMP_WIDTH // 2, 48) == figure  # the middle of the head
    assert bmp_pixel(bmp, BMP_WIDTH // 2, BMP_HEIGHT - 1) == figure  # the shoulders


def test_the_decoder_refuses_a_block_that_is_not_a_photo(sdt: SdtTransport) -> None:
    with pytest.raises(PhotoDecoderUnavailable):
        sdt.decode_photo(NO_PHOTO_FILLER)


def test_without_a_decoder_the_photo_is_unavailable(sdt_build: Path, wine_prefix: Path, card: StandinCard) -> None:
    transport = open_transport(sdt_build, wine_prefix, card, 64, decoder=False)
    card.place(LABEL)
    try:
        read = ReaderService(transport, timeouts=QUICK).read_next(timeout=30)
        assert read.photo_wlt is not None
        with pytest.raises(PhotoDecoderUnavailable):
            transport.decode_photo(read.photo_wlt)
    finally:
        transport.close()


def test_a_com_reader_is_found_after_the_usb_ports(sdt_build: Path, wine_prefix: Path, tmp_path: Path) -> None:
    card = StandinCard(tmp_path / "com.bin", port=3)
    transport = open_transport(sdt_build, wine_prefix, card, 64)
    card.place(LABEL)
    try:
        read = ReaderService(transport, timeouts=QUICK).read_next(timeout=30)
    finally:
        transport.close()
    assert read.provenance.reader.endswith(" COM3")


@pytest.mark.parametrize(
    ("mode", "fault"),
    [(Mode.READ_FAILS, CardReadFailed), (Mode.NOT_GENUINE, CardAuthenticationFault)],
    ids=["card-lifted", "not-genuine"],
)
def test_return_codes_of_the_read_become_typed_faults(
    sdt: SdtTransport, card: StandinCard, mode: Mode, fault: type[ReaderFault]
) -> None:
    card.place(LABEL)
    service = ReaderService(sdt, timeouts=QUICK)
    service.wait_for_card(timeout=30)
    card.set_mode(mode)
    with pytest.raises(fault) as raised:
        service.read_present_card()
    assert raised.value.message("zh") and raised.value.message("en")


def test_no_card_and_a_failing_sam_are_reported_while_waiting(sdt: SdtTransport, card: StandinCard) -> None:
    faults: list[ReaderFault] = []
    service = ReaderService(sdt, timeouts=QUICK, poll_interval=0.01, on_fault=faults.append)
    with pytest.raises(NoCard):
        service.read_next(timeout=0.5)
    card.set_mode(Mode.SAM_FAULT)
    with pytest.raises(SamFault):
        service.read_next(timeout=0.5)


def test_an_unplugged_reader_is_no_reader_and_a_replugged_one_reads_again(sdt: SdtTransport, card: StandinCard) -> None:
    card.place(LABEL)
    service = ReaderService(sdt, timeouts=QUICK, poll_interval=0.01)
    first = service.read_next(timeout=30)
    card.unplug()
    with pytest.raises(NoReader) as raised:
        service.read_next(timeout=0.5)
    assert "sdtapi.dll" in raised.value.message("en")
    card.plug(1005)  # back on another USB port
    card.lift()
    assert not service.card_found()  # the reader saw the card leave, so the next placement is a new read
    card.place(LABEL)
    second = service.read_next(timeout=30)
    assert second.provenance.reader.endswith("USB 1005")
    assert second.raw_text == first.raw_text


@pytest.mark.parametrize(
    ("mode", "fault"), [(Mode.HANG, DriverHung), (Mode.CRASH, DriverCrashed)], ids=["hung-dll", "dll-crashes"]
)
@pytest.mark.expected_logs("sdt helper")
def test_a_hung_or_crashing_dll_ends_in_a_message_and_the_next_read_works(
    sdt: SdtTransport, card: StandinCard, mode: Mode, fault: type[ReaderFault]
) -> None:
    card.place(LABEL)
    service = ReaderService(sdt, timeouts=QUICK)
    service.wait_for_card(timeout=30)
    pid = sdt.helper.pid
    card.set_mode(mode)
    started = time.monotonic()
    with pytest.raises(fault):
        service.read_present_card()
    assert time.monotonic() - started < QUICK.read + 3
    assert pid is not None and not Path(f"/proc/{pid}").exists()
    card.set_mode(Mode.CARD)
    read = service.read_next(timeout=30)
    assert sdt.helper.starts == 2
    assert read.raw_text == card.text_block(LABEL)


@pytest.mark.expected_logs("sdt helper")
def test_a_dll_printing_on_stdout_is_restarted_and_the_card_read(sdt: SdtTransport, card: StandinCard) -> None:
    card.place(LABEL)
    card.set_mode(Mode.GARBAGE)
    faults: list[ReaderFault] = []

    def on_fault(fault: ReaderFault) -> None:
        faults.append(fault)
        card.set_mode(Mode.CARD)

    read = ReaderService(sdt, timeouts=QUICK, on_fault=on_fault).read_next(timeout=30)
    assert [type(f) for f in faults] == [DriverGarbled]
    assert read.raw_text == card.text_block(LABEL)


@pytest.mark.expected_logs("sdt helper")
def test_the_helper_killed_from_outside_mid_read_is_replaced(sdt: SdtTransport, card: StandinCard) -> None:
    card.place(LABEL)
    service = ReaderService(sdt, timeouts=Timeouts(command=5.0, read=20.0))
    service.wait_for_card(timeout=30)
    card.set_mode(Mode.HANG)
    assert sdt.helper._process is not None
    process = sdt.helper._process.proc
    killer = threading.Timer(0.3, process.kill)
    killer.start()
    with pytest.raises(DriverCrashed):
        service.read_present_card()
    killer.join()
    card.set_mode(Mode.CARD)
    assert service.read_next(timeout=30).raw_text == card.text_block(LABEL)


@pytest.mark.expected_logs("does not load")
def test_a_dll_without_the_sdt_exports_is_refused(sdt_build: Path, wine_prefix: Path, card: StandinCard) -> None:
    config = SdtConfig(sdt_build / "standin64" / "WltRS.dll", helper_dir=sdt_build)
    transport = SdtTransport(config, helper=SdtHelper(config, env=wine_environment(wine_prefix, card.path)))
    try:
        with pytest.raises(DriverUnavailable) as raised:
            transport.open_port()
    finally:
        transport.close()
    assert "WltRS.dll" in raised.value.message("zh")


def test_a_file_that_is_not_a_dll_is_refused_before_any_helper_starts(tmp_path: Path) -> None:
    fake = tmp_path / "sdtapi.dll"
    fake.write_bytes(b"not a dll")
    with pytest.raises(DriverUnavailable):
        SdtConfig(fake).command()
    with pytest.raises(DriverUnavailable):
        SdtConfig(tmp_path / "missing.dll").command()


@pytest.fixture
def cli_environment(monkeypatch: pytest.MonkeyPatch, sdt_build: Path, wine_prefix: Path, card: StandinCard) -> Path:
    """The CLI starts its helper with os.environ: point it at the Wine prefix and the card file."""
    for key, value in wine_environment(wine_prefix, card.path).items():
        monkeypatch.setenv(key, value)
    dll = sdt_build / "standin64" / "sdtapi.dll"
    monkeypatch.setenv("TERMINAL_SDT_DLL", str(dll))
    return dll


def test_reader_list_and_read_show_the_vendor_reader(
    cli_environment: Path, card: StandinCard, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from terminal.cli.main import main
    from tests.builders import STAFF_PASSWORD, open_db

    home = tmp_path / "home"
    open_db(home, monkeypatch).close()
    monkeypatch.setenv("TERMINAL_OPERATOR", "clerk")
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", STAFF_PASSWORD)
    assert main(["--home", str(home), "reader", "list", "--json"]) == 0
    readers = json.loads(capsys.readouterr().out)["readers"]
    assert {"name": f"sdt:{cli_environment}", "kind": "sdt", "state": "ready", "simulated": False} in readers
    card.place(LABEL)
    read = ["--home", str(home), "reader", "read", "--reader", f"sdt:{cli_environment}", "--json", "--timeout", "30"]
    assert main(read) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["provenance"]["reader"] == "sdt:sdtapi.dll 9.9.0.1 64-bit USB 1001"
    assert data["provenance"]["simulated"] is True
    assert "*" in data["id_number"]  # a clerk's output: masked


def test_doctor_says_which_dll_its_bitness_and_whether_a_read_works(
    cli_environment: Path, card: StandinCard, tmp_path: Path
) -> None:
    from terminal.doctor import _check_vendor_readers
    from terminal.store.home import Home

    home = Home(tmp_path / "home")
    home.update_config(reader=f"sdt:{cli_environment}", photo_decoder=str(cli_environment.with_name("WltRS.dll")))
    [empty] = _check_vendor_readers(home)
    assert empty.ok and "64-bit" in empty.detail and "9.9.0.1" in empty.detail and "no card" in empty.detail
    card.place(LABEL)
    [read] = _check_vendor_readers(home)
    assert read.ok and "card read" in read.detail and "photo decoded" in read.detail
    assert card.text_block(LABEL).decode("utf-16-le").split()[0] not in read.detail  # no personal data
    card.unplug()
    [gone] = _check_vendor_readers(home)
    assert not gone.ok and "No card reader" in gone.detail and gone.advice


def test_the_decoded_card_photo_goes_with_the_worker_and_onto_the_card(
    sdt_build: Path, wine_prefix: Path, card: StandinCard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import io

    from PIL import Image

    from terminal.core.roles import Action, Role
    from terminal.store.outbox import OutboxRepo, SyncStateRepo
    from terminal.usecases import credentials, printing, queries
    from terminal.usecases.registration import PhotoSource, Scan
    from tests.builders import actor, open_db, register_eligible
    from wirecontract.photo import parse_photo

    transport = open_transport(sdt_build, wine_prefix, card, 64)
    card.place(LABEL)
    try:
        read = ReaderService(transport, timeouts=QUICK).read_next(timeout=30)
        assert read.photo_wlt is not None
        bmp = transport.decode_photo(read.photo_wlt)
    finally:
        transport.close()
    db = open_db(tmp_path / "home", monkeypatch)
    try:
        SyncStateRepo(db).set("server_url", "https://centre.example.test")
        clerk, supervisor, today = actor(Role.CLERK), actor(Role.SUPERVISOR), dt.date.today()
        worker_id, _ = register_eligible(db, read, photo=Scan(bmp, "image/bmp"), photo_source=PhotoSource.CARD)
        assert queries.worker_record(db, supervisor, worker_id).photo_source == "card"
        number = credentials.apply(db, clerk, worker_id, today)
        credentials.transition(db, supervisor, number, Action.APPROVE, today)
        printed = printing.card_data(db, number).photo
        # The copy for the centre's verification page (docs/sync-protocol.md, "The worker's photo").
        [registered] = [e for e in OutboxRepo(db).pending() if e.kind == "worker.registered"]
        sent = parse_photo(registered.payload["photo"])
    finally:
        db.close()
    assert sent.source == "card" and Image.open(io.BytesIO(sent.data)).size == (BMP_WIDTH, BMP_HEIGHT)
    assert printed is not None
    image = Image.open(io.BytesIO(printed)).convert("RGB")
    background, figure = photo_colours(read.raw_text)
    assert image.size == (BMP_WIDTH, BMP_HEIGHT)
    assert image.getpixel((0, 0)) == tuple(background) and image.getpixel((BMP_WIDTH // 2, 48)) == tuple(figure)


def test_the_self_test_reads_the_card_through_the_stand_in_dll(
    cli_environment: Path, card: StandinCard, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from terminal.selftest import Status, Workspace
    from terminal.selftest import check_vendor_reader as check

    def check_vendor_reader(_: None) -> Outcome:
        return check(Workspace(tmp_path, tmp_path, tmp_path))

    monkeypatch.delenv("TERMINAL_SDT_DLL")
    outcome = check_vendor_reader(None)
    assert outcome.status is Status.OK and "64-bit, 32-bit" in outcome.detail
    monkeypatch.setenv("TERMINAL_SDT_DLL", str(cli_environment))
    monkeypatch.setenv("TERMINAL_SDT_DECODER", str(cli_environment.with_name("WltRS.dll")))
    assert check_vendor_reader(None).status is Status.WARN  # no card to read
    card.place(LABEL)
    outcome = check_vendor_reader(None)
    assert outcome.status is Status.OK, outcome.detail
    assert "card read" in outcome.detail and "photo decoded" in outcome.detail
    card.unplug()
    assert check_vendor_reader(None).status is Status.FAIL


def test_the_helper_fed_garbage_leaves_and_a_fresh_one_reads_the_card(sdt: SdtTransport, card: StandinCard) -> None:
    card.place(LABEL)
    service = ReaderService(sdt, timeouts=QUICK)
    first = service.read_next(timeout=30)
    status, _ = sdt.helper.call(b"Z", 0, b"", timeout=QUICK.command)
    assert status == -9003  # an unknown request is refused, the helper stays
    assert sdt.helper._process is not None
    process = sdt.helper._process.proc
    assert process.stdin is not None
    process.stdin.write(b"this is not a request frame" * 4)
    process.stdin.flush()
    assert process.wait(timeout=10) == 2  # out of step: it leaves rather than guess
    card.lift()
    assert not service.card_found()
    card.place(LABEL)
    assert service.read_next(timeout=30).raw_text == first.raw_text
    assert sdt.helper.starts == 2
