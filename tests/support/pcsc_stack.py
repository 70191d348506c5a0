"""A private pcscd with vpcd readers, for tests, the benchmark and scripts/pcsc-test-stack (not the app).

It writes a reader.conf directory putting vpcd on `port` (readers "Virtual PCD 00 00" on port and
"Virtual PCD 00 01" on port+1), starts `pcscd --foreground`, waits for "daemon ready" and stops it with
SIGTERM, waiting for the PID to exit before a new one may start.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import threading
from pathlib import Path

from terminal.reader.errors import PcscUnavailable

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
TEST_PORT = 0x9C7B  # 40059/40060: away from vpcd's default 35963 so a system pcscd config does not collide


class PcscdProcess:
    def __init__(self, config_dir: Path, port: int = TEST_PORT) -> None:
        self.config_dir = config_dir
        self.port = port
        self.process: subprocess.Popen[str] | None = None
        self._watcher: threading.Thread | None = None

    def start(self, ready_timeout: float = 10.0) -> None:
        binary = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if not Path(binary).exists() or not VPCD_DRIVER.exists():
            raise PcscUnavailable(detail="pcscd and vsmartcard-vpcd are required (./scripts/dev setup)")
        self.config_dir.mkdir(parents=True, exist_ok=True)
        (self.config_dir / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{self.port:04X}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{self.port:04X}\n"
        )
        self.process = subprocess.Popen(
            [binary, "--foreground", "--info", "-c", str(self.config_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        ready = threading.Event()
        stream = self.process.stdout
        assert stream is not None

        def watch() -> None:  # keep draining the pipe so pcscd never blocks on a full one
            for line in stream:
                if "daemon ready" in line:
                    ready.set()

        self._watcher = threading.Thread(target=watch, name="pcscd-log", daemon=True)
        self._watcher.start()
        if not ready.wait(ready_timeout):
            self.stop()
            raise PcscUnavailable(detail="pcscd did not report 'daemon ready' (is another pcscd running?)")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._watcher is not None:
            self._watcher.join(5)  # it ends at EOF; closing the pipe under it would raise in the thread
        if process.stdout is not None:
            process.stdout.close()

    def restart(self) -> None:
        self.stop()
        self.start()
