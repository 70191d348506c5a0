"""Reader test fixtures: a private pcscd with vpcd readers on ports of their own, and virtual cards.

The session starts `pcscd --foreground` with a reader.conf directory that puts vpcd on PCSC_PORT (two
readers: PCSC_PORT for SAM-mode cards, PCSC_PORT+1 for block-mode cards), waits for "daemon ready" and
stops it with SIGTERM at the end. A missing pcscd fails the tests: CI installs it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from terminal.core.errors import ReaderFault
from terminal.reader.errors import PcscUnavailable
from terminal.reader.pcsc import PcscBackend
from terminal.reader.service import ReaderService
from terminal.reader.virtual import VirtualSamReader
from tests.support.pcsc_stack import TEST_PORT, PcscdProcess
from tests.support.vpcd import CardMode, VpcdVirtualCard

PCSC_PORT = TEST_PORT
SAM_READER = "Virtual PCD 00 00"
BLOCK_READER = "Virtual PCD 00 01"


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdProcess]:
    daemon = PcscdProcess(tmp_path_factory.mktemp("reader.conf.d"), PCSC_PORT)
    try:
        daemon.start()
    except PcscUnavailable as fault:
        pytest.fail(fault.message("en"))
    yield daemon
    daemon.stop()


def wait_until(condition: object, timeout: float = 5.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.02)


def wait_until_no_card_seen(service: ReaderService, timeout: float = 5.0) -> None:
    """Poll the reader until the service itself has found it empty: a lifted card was noticed, so placing the
    same card again counts as a new one (the removal rule)."""
    before = service.empty_finds

    def seen() -> bool:
        try:
            service.card_found()
        except ReaderFault:
            return False  # e.g. a replugged reader that is not back yet
        return service.empty_finds > before

    wait_until(seen, timeout)


def reader_ready(name: str) -> bool:
    try:
        return any(r.name == name and r.state.value == "ready" for r in PcscBackend().list_readers())
    except ReaderFault:
        return False


@pytest.fixture
def sam_card(pcscd: PcscdProcess) -> Iterator[VpcdVirtualCard]:
    card = VpcdVirtualCard(VirtualSamReader(), PCSC_PORT, mode=CardMode.SAM).start()
    wait_until(lambda: reader_ready(SAM_READER))
    yield card
    card.stop()
    wait_until(lambda: not reader_ready(SAM_READER))


@pytest.fixture
def block_card(pcscd: PcscdProcess) -> Iterator[VpcdVirtualCard]:
    card = VpcdVirtualCard(VirtualSamReader(), PCSC_PORT + 1, mode=CardMode.BLOCK).start()
    yield card
    card.stop()
    wait_until(lambda: not reader_ready(BLOCK_READER))

