"""The Windows build starts in the background as soon as the test session knows it will need it.

Building the program under Wine and compiling its installer takes several minutes of one core, mostly waiting on
Wine and the single-threaded LZMA compressor; the rest of the suite runs beside it on the other core, and
`test_windows_bundle.py` collects the finished build when its turn comes. Registered for the whole suite in
tests/conftest.py (it must see the session's collected tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WINDOWS_TESTS = "tests/packaging/test_windows_bundle.py"
SCRIPT = "build-windows-under-wine"


def script_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the scripts must set up the platform themselves
    return env


@dataclass
class BackgroundBuild:
    process: subprocess.Popen[bytes]
    log: Path
    started: float

    def result(self, timeout: float) -> subprocess.CompletedProcess[str]:
        """Wait for the build (at most `timeout` seconds from its start) and return it as `subprocess.run` would."""
        remaining = max(1.0, timeout - (time.monotonic() - self.started))
        try:
            self.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        output = self.log.read_text(encoding="utf-8", errors="replace")
        return subprocess.CompletedProcess([SCRIPT], self.process.returncode, output, None)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # Wine's server and makensis are in its group
            self.process.wait()
        self.log.unlink(missing_ok=True)


_BUILD = pytest.StashKey[BackgroundBuild]()


def pytest_collection_finish(session: pytest.Session) -> None:
    if os.environ.get("TERMINAL_TESTS_NO_BACKGROUND_BUILD"):
        return
    if not any(item.nodeid.startswith(WINDOWS_TESTS) for item in session.items):
        return
    fd, name = tempfile.mkstemp(prefix="windows-build-", suffix=".log")
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen([str(REPO / "scripts" / SCRIPT)], cwd=REPO, env=script_environment(),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    session.config.stash[_BUILD] = BackgroundBuild(process, Path(name), time.monotonic())


def background_build(config: pytest.Config) -> BackgroundBuild | None:
    return config.stash.get(_BUILD, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    build = config.stash.get(_BUILD, None)
    if build is not None:
        build.stop()
