"""The centre as a child process on loopback: `terminal-server serve` started, waited for and stopped, and its
staff commands run against the same database. The demo runs its centre this way (the app never imports the
centre); tests and benchmarks use it to meet the real centre as terminals do. Qt-free."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# How long a clean stop may take before the process is killed: the centre waits up to 30 s for its analytics
# follower to finish the pass under way (centre/analytics/upkeep.py stop_process), then for its bulk workers. Killed
# sooner, it left its workers' queues to the resource tracker ("leaked semaphore objects" after a load bench).
STOPPING_S = 60.0


class CentreNotInstalled(RuntimeError):
    """Neither the centre's package nor a `terminal-server` program is there (the packaged terminal)."""


def centre_command() -> list[str]:
    """How to run `terminal-server` here: this Python's centre package, else the program on PATH."""
    if not getattr(sys, "frozen", False) and importlib.util.find_spec("centre") is not None:
        return [sys.executable, "-m", "centre.cli"]
    program = shutil.which("terminal-server")
    if program is None:
        raise CentreNotInstalled("terminal-server is not installed")
    return [program]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def schema_only_env(home: Path) -> dict[str, str]:
    """Enough for commands that only touch the schema (`db upgrade`): the secret signs sessions, which they never
    make; the home is where a first run leaves the centre's signing key (not the current folder)."""
    return {"CENTRE_SECRET_KEY": "schema-only-" + "x" * 40, "CENTRE_HOME": str(home)}


class CentreProcess:
    def __init__(self, db: Path | str, demo: bool = False, port: int | None = None,
                 env: dict[str, str] | None = None) -> None:  # fmt: skip
        self.db_url = db if isinstance(db, str) else f"sqlite:///{db}"
        self.demo = demo
        self.port = port or free_port()
        self.extra_env = env or {}
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        # Not the caller's Django settings, nor a test session's leave to call the ORM beside an event loop.
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
        env.update(self.extra_env)
        return env

    def command(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run `terminal-server ARGV… --db URL` (a staff command) and return its result."""
        return subprocess.run([*centre_command(), *argv, "--db", self.db_url], env=self.env(),
                              capture_output=True, text=True, timeout=120, check=check)  # fmt: skip

    def start(self, timeout: float = 60.0) -> CentreProcess:
        argv = [*centre_command(), "serve", "--db", self.db_url, "--port", str(self.port),
                "--stop-on-eof"]  # fmt: skip
        if self.demo:
            argv.append("--demo")
        self._process = subprocess.Popen(argv, env=self.env(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not self._healthy():
            if self._process.poll() is not None:
                code = self._process.returncode
                self.stop()
                raise RuntimeError(f"the centre exited with {code} while starting")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the centre did not start in time")
            time.sleep(0.05)  # polling a starting process: there is no signal to wait on
        return self

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                return bool(answer.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()  # --stop-on-eof: a clean shutdown
            try:
                self._process.wait(STOPPING_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None

    def enrolment_code(self, agency_id: str, agency_name: str) -> str:
        """A one-time code for the agency, admitting the agency first if the centre does not have it."""
        return self.command("enrol-code", "--agency", agency_id, "--create-agency", agency_name).stdout.split()[-1]

    def __enter__(self) -> CentreProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
