from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from terminal.print import jobs
from terminal.print.card import render_card_pdf
from terminal.print.errors import PrinterUnavailable, PrintJobFailed, PrintSystemDown
from terminal.print.jobs import CupsCommands, JobState, PrinterStatus
from terminal.print.winspool import job_state_from_status
from wirecontract.signing import TerminalKey

from .cardfactory import card
from .cupsd import QUEUE, PrivateCups


class ScriptedSystem:
    """Unit-test print system: job states follow a script, one per poll."""

    def __init__(self, states: list[JobState], status: PrinterStatus | None = None) -> None:
        self.states = iter(states)
        self.status = status or PrinterStatus("P", True, True)

    def printer_status(self, printer: str) -> PrinterStatus | None:
        return self.status

    def job_ids(self, printer: str) -> list[int]:
        return [3, 4]

    def job_state(self, job_id: int) -> JobState:
        assert job_id == 4
        return next(self.states)


def fake_clock(step: float = 1.0) -> tuple[list[float], object]:
    ticks = itertools.count()
    return [], lambda: next(ticks) * step


def test_confirm_waits_through_pending_and_processing() -> None:
    system = ScriptedSystem([JobState.PENDING, JobState.PROCESSING, JobState.COMPLETED])
    assert jobs.confirm_job(system, "P", after_job=3, sleep=lambda s: None) == 4


@pytest.mark.parametrize("state", [JobState.CANCELED, JobState.ABORTED])
def test_cancelled_or_aborted_job_fails(state: JobState) -> None:
    with pytest.raises(PrintJobFailed):
        jobs.confirm_job(ScriptedSystem([JobState.PENDING, state]), "P", after_job=3, sleep=lambda s: None)


def test_job_that_never_finishes_fails_at_the_timeout() -> None:
    ticks = itertools.count()
    system = ScriptedSystem([JobState.PENDING] * 100)
    with pytest.raises(PrintJobFailed) as caught:
        jobs.confirm_job(system, "P", after_job=3, timeout=5, sleep=lambda s: None, clock=lambda: next(ticks))
    assert caught.value.params["job"] == 4


def test_queue_stopped_while_waiting_is_reported_as_unavailable() -> None:
    ticks = itertools.count()
    system = ScriptedSystem([JobState.HELD] * 100, PrinterStatus("P", enabled=False, accepting=True))
    with pytest.raises(PrinterUnavailable):
        jobs.confirm_job(system, "P", after_job=3, timeout=5, sleep=lambda s: None, clock=lambda: next(ticks))


@pytest.mark.parametrize(
    ("status", "state"),
    [(0x0, JobState.PENDING), (0x10, JobState.PROCESSING), (0x80, JobState.COMPLETED), (0x1000, JobState.COMPLETED),
     (0x2, JobState.ABORTED), (0x4, JobState.CANCELED), (0x20, JobState.STOPPED), (0x1, JobState.HELD)],
)  # fmt: skip
def test_windows_job_status_flags(status: int, state: JobState) -> None:
    assert job_state_from_status(status) is state


# --- against a real private cupsd -----------------------------------------------------------------


def submit(server: PrivateCups, pdf: Path, title: str) -> None:
    server.run("lp", "-d", QUEUE, "-t", title, str(pdf))


@pytest.mark.cups
def test_real_job_is_confirmed_and_its_pdf_written(cups: PrivateCups, tmp_path: Path, terminal_key: TerminalKey) -> None:
    system = CupsCommands(env=cups.env)
    assert jobs.check_printer(system, QUEUE) == PrinterStatus(QUEUE, True, True)
    before = jobs.last_job_id(system, QUEUE)
    pdf = tmp_path / "card.pdf"
    render_card_pdf(card(terminal_key, 1), pdf)
    submit(cups, pdf, "confirm-test")
    job = jobs.confirm_job(system, QUEUE, before, timeout=30)
    assert job > before
    assert system.job_state(job) is JobState.COMPLETED
    assert any(p.name.startswith("confirm-test") for p in cups.wait_for_pdf())


@pytest.mark.cups
@pytest.mark.parametrize(("command", "state"), [("cupsdisable", "stopped"), ("cupsreject", "rejecting")])
def test_stopped_or_rejecting_queue_is_refused_before_printing(cups: PrivateCups, command: str, state: str) -> None:
    cups.run(command, QUEUE)
    with pytest.raises(PrinterUnavailable) as caught:
        jobs.check_printer(CupsCommands(env=cups.env), QUEUE)
    assert state in str(caught.value.params["state"])


@pytest.mark.cups
def test_unknown_printer_is_refused(cups: PrivateCups) -> None:
    with pytest.raises(PrinterUnavailable):
        jobs.check_printer(CupsCommands(env=cups.env), "NoSuchQueue")


@pytest.mark.cups
def test_cancelled_real_job_fails(cups: PrivateCups, tmp_path: Path, terminal_key: TerminalKey) -> None:
    system = CupsCommands(env=cups.env)
    before = jobs.last_job_id(system, QUEUE)
    cups.run("cupsdisable", QUEUE)  # hold the job so it can be cancelled before it prints
    pdf = tmp_path / "card.pdf"
    render_card_pdf(card(terminal_key, 2), pdf)
    submit(cups, pdf, "cancel-test")
    cups.run("cancel", f"{QUEUE}-{before + 1}")
    with pytest.raises(PrintJobFailed) as caught:
        jobs.confirm_job(system, QUEUE, before, timeout=10)
    assert caught.value.params["state"] == "canceled"


@pytest.mark.cups
def test_held_job_on_a_queue_stopped_after_submission_fails(
    cups: PrivateCups, tmp_path: Path, terminal_key: TerminalKey
) -> None:
    system = CupsCommands(env=cups.env)
    before = jobs.last_job_id(system, QUEUE)
    cups.run("cupsdisable", QUEUE)
    pdf = tmp_path / "card.pdf"
    render_card_pdf(card(terminal_key, 3), pdf)
    submit(cups, pdf, "held-test")
    with pytest.raises(PrinterUnavailable):
        jobs.confirm_job(system, QUEUE, before, timeout=1.0)


@pytest.mark.cups
def test_scheduler_gone_is_a_print_system_fault(own_cups: PrivateCups) -> None:
    system = CupsCommands(env=own_cups.env)
    assert jobs.check_printer(system, QUEUE).enabled
    own_cups.stop()
    started = time.monotonic()
    with pytest.raises(PrintSystemDown):
        jobs.check_printer(system, QUEUE)
    with pytest.raises(PrintSystemDown):
        jobs.last_job_id(system, QUEUE)
    assert time.monotonic() - started < 10
