"""Reader test fixtures: a private pcscd with vpcd readers on ports of their own, and virtual cards.

The session starts `pcscd --foreground` with a reader.conf directory that puts vpcd on PCSC_PORT (two
readers: PCSC_PORT for SAM-mode cards, PCSC_PORT+1 for block-mode cards), waits for "daemon ready" and
stops it with SIGTERM at the end. A missing pcscd fails the tests: CI installs it.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.core.errors import ReaderFault
from terminal.reader.pcsc import PcscBackend
from terminal.reader.virtual import VirtualSamReader
from terminal.reader.vpcd import CardMode, VpcdVirtualCard

PCSC_PORT = 0x9C7B  # 40059/40060: away from vpcd's default so a system pcscd config does not collide
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
SAM_READER = "Virtual PCD 00 00"
BLOCK_READER = "Virtual PCD 00 01"


class Pcscd:
    """The private pcscd; restart() simulates the service being restarted under a running terminal."""

    def __init__(self, config_dir: Path) -> None:
        self.config_dir = config_dir
        self.process: subprocess.Popen[str] | None = None
        self.watcher: threading.Thread | None = None

    def start(self) -> None:
        binary = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if not Path(binary).exists() or not VPCD_DRIVER.exists():
            pytest.fail("pcscd and vsmartcard-vpcd are required (./scripts/dev setup installs them)")
        self.process = subprocess.Popen(
            [binary, "--foreground", "--info", "-c", str(self.config_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        ready = threading.Event()
        assert self.process.stdout is not None
        stream = self.process.stdout

        def watch() -> None:  # keep draining the pipe so pcscd never blocks on a full one
            for line in stream:
                if "daemon ready" in line:
                    ready.set()

        self.watcher = threading.Thread(target=watch, daemon=True)
        self.watcher.start()
        if not ready.wait(10):
            self.stop()
            pytest.fail("pcscd did not report 'daemon ready' (is another pcscd running?)")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.watcher is not None:
            self.watcher.join(5)  # it ends at EOF; closing the pipe under it would raise in the thread
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    config = tmp_path_factory.mktemp("reader.conf.d")
    (config / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{PCSC_PORT:04X}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{PCSC_PORT:04X}\n"
    )
    daemon = Pcscd(config)
    daemon.start()
    yield daemon
    daemon.stop()


def wait_until(condition: object, timeout: float = 5.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.02)


def reader_ready(name: str) -> bool:
    try:
        return any(r.name == name and r.state.value == "ready" for r in PcscBackend().list_readers())
    except ReaderFault:
        return False


@pytest.fixture
def sam_card(pcscd: Pcscd) -> Iterator[VpcdVirtualCard]:
    card = VpcdVirtualCard(VirtualSamReader(), PCSC_PORT, mode=CardMode.SAM).start()
    wait_until(lambda: reader_ready(SAM_READER))
    yield card
    card.stop()
    wait_until(lambda: not reader_ready(SAM_READER))


@pytest.fixture
def block_card(pcscd: Pcscd) -> Iterator[VpcdVirtualCard]:
    card = VpcdVirtualCard(VirtualSamReader(), PCSC_PORT + 1, mode=CardMode.BLOCK).start()
    yield card
    card.stop()
    wait_until(lambda: not reader_ready(BLOCK_READER))

