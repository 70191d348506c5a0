"""Is the printer really there, and did the job really complete? Qt's painter finishes without error
when a queue is stopped, rejecting or gone (see docs/credential-card.md), so a card counts as printed
only after `confirm_job` returned normally.

The print system sits behind `PrintSystem`: `CupsCommands` (lpstat and ipptool through a `Runner`, so
tests and other platforms pass their own) on Linux, `WindowsSpooler` (winspool through ctypes, written
for Windows and verified only there) on Windows.
"""

from __future__ import annotations

import enum
import logging
import os
import re
import subprocess
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from terminal.print.errors import PrinterUnavailable, PrintJobFailed, PrintSystemDown

log = logging.getLogger(__name__)


class JobState(enum.StrEnum):
    PENDING = "pending"
    HELD = "held"
    PROCESSING = "processing"
    STOPPED = "stopped"
    CANCELED = "canceled"
    ABORTED = "aborted"
    COMPLETED = "completed"
    UNKNOWN = "unknown"


FINAL_FAILURES = frozenset({JobState.CANCELED, JobState.ABORTED})


@dataclass(frozen=True)
class PrinterStatus:
    name: str
    enabled: bool
    accepting: bool


class PrintSystem(Protocol):
    def printer_status(self, printer: str) -> PrinterStatus | None: ...  # None: no such printer

    def job_ids(self, printer: str) -> list[int]: ...  # every job the system remembers for the queue

    def job_state(self, job_id: int) -> JobState: ...


def check_printer(system: PrintSystem, printer: str) -> PrinterStatus:
    """Before printing: the queue exists, is enabled and accepts jobs. Raises PrinterUnavailable."""
    status = system.printer_status(printer)
    if status is None:
        raise PrinterUnavailable(printer=printer, state="不存在 / does not exist")
    if not status.enabled:
        raise PrinterUnavailable(printer=printer, state="已停用 / stopped")
    if not status.accepting:
        raise PrinterUnavailable(printer=printer, state="拒绝任务 / rejecting jobs")
    return status


def last_job_id(system: PrintSystem, printer: str) -> int:
    """Call before submitting; pass the result to confirm_job to find the job that follows."""
    return max(system.job_ids(printer), default=0)


def confirm_job(
    system: PrintSystem,
    printer: str,
    after_job: int,
    timeout: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Wait until the first job on `printer` newer than `after_job` completed; return its id.
    Raises PrintJobFailed (no job arrived, cancelled, aborted, still not done at the timeout) or
    PrinterUnavailable (the queue vanished or stopped while we waited)."""
    deadline = clock() + timeout
    job: int | None = None
    state = JobState.UNKNOWN
    while True:
        if job is None:
            newer = [j for j in system.job_ids(printer) if j > after_job]
            job = min(newer) if newer else None
        if job is not None:
            state = system.job_state(job)
            if state is JobState.COMPLETED:
                log.info("print job %s on %s completed", job, printer)
                return job
            if state in FINAL_FAILURES:
                raise PrintJobFailed(job=job, state=state.value)
        if clock() >= deadline:
            check_printer(system, printer)  # a stopped or vanished queue explains itself better
            raise PrintJobFailed(job=job if job is not None else "-", state=f"{state.value}, timed out")
        sleep(0.1)


# --- CUPS ----------------------------------------------------------------------------------------

Runner = Callable[[Sequence[str], Mapping[str, str]], "subprocess.CompletedProcess[str]"]


def run_command(argv: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), env=dict(env), capture_output=True, text=True, timeout=30, check=False)


_IPP_STATES = {
    "pending": JobState.PENDING, "pending-held": JobState.HELD, "processing": JobState.PROCESSING,
    "processing-stopped": JobState.STOPPED, "canceled": JobState.CANCELED, "aborted": JobState.ABORTED,
    "completed": JobState.COMPLETED,
}  # fmt: skip


class CupsCommands:
    """CUPS through its own clients, in the C locale so their output is stable to read. The server
    comes from CUPS_SERVER (a socket path or host[:port]) like every CUPS client."""

    def __init__(self, run: Runner = run_command, env: Mapping[str, str] | None = None) -> None:
        self._run = run
        self._env = {**(env if env is not None else os.environ), "LANG": "C", "LC_ALL": "C"}

    def _call(self, argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
        try:
            return self._run(argv, self._env)
        except (OSError, subprocess.SubprocessError) as err:
            raise PrintSystemDown(printer="CUPS", detail=type(err).__name__) from err

    def _lpstat(self, *args: str) -> subprocess.CompletedProcess[str]:
        # `lpstat -r` exits 0 even when the scheduler is down: its text is the only signal.
        if "not running" in self._call(["lpstat", "-r"]).stdout:
            raise PrintSystemDown(printer="CUPS")
        return self._call(["lpstat", *args])

    def printer_status(self, printer: str) -> PrinterStatus | None:
        shown = self._lpstat("-p", printer, "-a", printer)
        if shown.returncode != 0:
            return None
        lines = shown.stdout.splitlines()
        enabled = any(line.startswith(f"printer {printer} ") and " disabled " not in line for line in lines)
        accepting = any(line.startswith(f"{printer} accepting requests") for line in lines)
        return PrinterStatus(printer, enabled, accepting)

    def job_ids(self, printer: str) -> list[int]:
        shown = self._lpstat("-W", "all", "-o", printer)
        pattern = re.compile(rf"^{re.escape(printer)}-(\d+)\s", re.MULTILINE)
        return [int(m.group(1)) for m in pattern.finditer(shown.stdout)]

    def job_state(self, job_id: int) -> JobState:
        uri = f"ipp://{self._server()}/jobs/{job_id}"
        done = self._call(["ipptool", "-tv", uri, "get-job-attributes.test"])
        match = re.search(r"job-state \(enum\) = ([a-z-]+)", done.stdout)
        if match is None:
            self._lpstat("-r")  # tells a stopped scheduler apart from an unknown job
            return JobState.UNKNOWN
        return _IPP_STATES.get(match.group(1), JobState.UNKNOWN)

    def _server(self) -> str:
        server = self._env.get("CUPS_SERVER", "")
        if server.startswith("/"):
            return urllib.parse.quote(server, safe="")
        return server or "localhost"


def default_print_system() -> PrintSystem:
    if os.name == "nt":
        from terminal.print.winspool import WindowsSpooler

        return WindowsSpooler()
    return CupsCommands()
