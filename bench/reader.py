"""Card presented → decoded identity through the terminal's reader layer, against the raw pyscard
exchange of the same frames (find, select, read in APDUs) in the same run, through a private pcscd + vpcd
virtual card. Reports medians, the added milliseconds and the ratio. Target: the terminal adds ≤ 20 ms.

Then the same through a vendor SDK reader: the helper process (sdthelper32/64.exe under Wine) and the stand-in
sdtapi.dll, against the in-process PC/SC path measured just before. Target: the helper adds ≤ 30 ms.

    python -m bench reader [--json] [--iterations N] [--no-vendor]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from smartcard import scard

from terminal.reader import apdu, frames
from terminal.reader.frames import Command
from terminal.reader.pcsc import PcscBackend, PcscTransport
from terminal.reader.service import ReaderService, decode
from terminal.reader.virtual import VirtualSamReader
from tests.support.pcsc_stack import TEST_PORT, PcscdProcess
from tests.support.vpcd import CardMode, VpcdVirtualCard

READER = "Virtual PCD 00 00"
TARGET_ADDED_MS = 20.0
TARGET_VENDOR_ADDED_MS = 30.0


def _wait_ready(timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(r.name == READER and r.state.value == "ready" for r in PcscBackend().list_readers()):
            return
        time.sleep(0.05)
    raise SystemExit("the virtual card did not appear in pcscd")


def _raw_read(card: int, protocol: int) -> bytes:
    response = b""
    for command in (Command.FIND_CARD, Command.SELECT_CARD, Command.READ_TEXT_PHOTO):
        hresult, data = scard.SCardTransmit(card, protocol, list(apdu.wrap_frame(frames.encode_request(command))))
        if hresult != scard.SCARD_S_SUCCESS:
            raise SystemExit(f"raw transmit failed: 0x{hresult & 0xFFFFFFFF:08X}")
        response = bytes(data)
    return response


def measure(iterations: int) -> dict[str, object]:
    device = VirtualSamReader()
    card_sim = VpcdVirtualCard(device, TEST_PORT, mode=CardMode.SAM).start()
    try:
        _wait_ready()
        _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        hresult, card, protocol = scard.SCardConnect(
            context, READER, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise SystemExit(f"raw connect failed: 0x{hresult & 0xFFFFFFFF:08X}")
        raw_ms: list[float] = []
        for _ in range(iterations):
            device.insert("resident")
            started = time.perf_counter()
            _raw_read(card, protocol)
            raw_ms.append((time.perf_counter() - started) * 1000)
        scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
        scard.SCardReleaseContext(context)

        service = ReaderService(PcscTransport(READER), poll_interval=0.001)
        service.sam_id()  # the SAM ID is read once per reader, not per card
        layer_ms: list[float] = []
        for _ in range(iterations):
            device.remove()
            service.card_found()  # the worker sees the card leave
            device.insert("resident")
            started = time.perf_counter()
            identity = decode(service.read_next(timeout=5))
            layer_ms.append((time.perf_counter() - started) * 1000)
            assert identity.provenance.simulated
        service.close()
    finally:
        card_sim.stop()
    baseline, terminal = statistics.median(raw_ms), statistics.median(layer_ms)
    return {
        "bench": "reader",
        "iterations": iterations,
        "baseline": "raw pyscard SCardTransmit of find+select+read frames",
        "baseline_ms": round(baseline, 3),
        "terminal_ms": round(terminal, 3),
        "added_ms": round(terminal - baseline, 3),
        "ratio": round(terminal / baseline, 2) if baseline else None,
        "target_added_ms": TARGET_ADDED_MS,
        "within_target": terminal - baseline <= TARGET_ADDED_MS,
    }


def measure_vendor(iterations: int, bits: int, tmp: Path) -> tuple[float, float]:
    """Median ms card presented → identity through the helper and the stand-in DLL, and median photo decode."""
    from terminal.reader.sdt import SdtConfig, SdtHelper, SdtTransport
    from tests.support.sdt_standin import BUILD_DIR, StandinCard, build, wine_environment

    build(BUILD_DIR)
    card = StandinCard(tmp / f"card{bits}.bin")
    folder = BUILD_DIR / f"standin{bits}"
    config = SdtConfig(folder / "sdtapi.dll", folder / "WltRS.dll", helper_dir=BUILD_DIR)
    env = wine_environment(BUILD_DIR / "wineprefix", card.path)
    transport = SdtTransport(config, helper=SdtHelper(config, env=env))
    service = ReaderService(transport, poll_interval=0.001)
    read_ms: list[float] = []
    photo_ms: list[float] = []
    try:
        card.place("resident")
        decode(service.read_next(timeout=60))  # starts the helper and probes the port: once per session
        for _ in range(iterations):
            card.lift()
            service.card_found()
            card.place("resident")
            started = time.perf_counter()
            read = service.read_next(timeout=5)
            identity = decode(read)
            read_ms.append((time.perf_counter() - started) * 1000)
            assert identity.provenance.simulated and read.photo_wlt is not None
            started = time.perf_counter()
            transport.decode_photo(read.photo_wlt)
            photo_ms.append((time.perf_counter() - started) * 1000)
    finally:
        service.close()
    return statistics.median(read_ms), statistics.median(photo_ms)


def vendor_results(pcsc_ms: float, iterations: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-sdt-") as tmp:
        ms32, photo32 = measure_vendor(iterations, 32, Path(tmp))
        ms64, photo64 = measure_vendor(iterations, 64, Path(tmp))
    added = max(ms32, ms64) - pcsc_ms
    return {
        "vendor_baseline": "the in-process PC/SC path above (terminal_ms)",
        "vendor_32_ms": round(ms32, 3),
        "vendor_64_ms": round(ms64, 3),
        "vendor_added_ms": round(added, 3),
        "vendor_photo_decode_32_ms": round(photo32, 3),
        "vendor_photo_decode_64_ms": round(photo64, 3),
        "vendor_target_added_ms": TARGET_VENDOR_ADDED_MS,
        "vendor_within_target": added <= TARGET_VENDOR_ADDED_MS,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench reader")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--no-vendor", action="store_true", help="skip the vendor SDK (helper under Wine) part")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pcscd-") as tmp:
        daemon = PcscdProcess(Path(tmp), TEST_PORT)
        daemon.start()
        try:
            result = measure(args.iterations)
        finally:
            daemon.stop()
    if not args.no_vendor:
        result.update(vendor_results(float(str(result["terminal_ms"])), args.iterations))
        result["within_target"] = bool(result["within_target"]) and bool(result["vendor_within_target"])
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0 if result["within_target"] else 1
