"""Printing approved credentials from the app: card data and PDFs are made on the database thread, the
print job runs (and waits for the print system's confirmation) on a printer thread, and each attempt is
recorded back on the database thread. A card counts as printed only when print_pdf returned; a PrintFault
is recorded as a failed print and the credential stays waiting for printing."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from terminal.core.errors import PrintFault
from terminal.print.card import render_cards_pdf
from terminal.print.jobs import PrintSystem
from terminal.print.sheet import render_sheet_pdf
from terminal.store.db import Database
from terminal.ui.feedback import report_error
from terminal.ui.printing import ID1_MM, Calibration, print_pdf
from terminal.ui.session import Session
from terminal.ui.tasks import Failure, TaskThread
from terminal.usecases import printing
from terminal.usecases.context import Actor

A4_MM = (210.0, 297.0)
CALIBRATION_FILE = "printer_calibration.json"


class PrintMode(StrEnum):
    SHEET = "sheet"  # A4 sheets of ten, one job for the batch
    CARD = "card"  # a card printer, one job per card so each card is confirmed on its own


@dataclass(frozen=True)
class PrintJob:
    credential_nos: tuple[str, ...]
    pdf: bytes
    title: str
    page_mm: tuple[float, float]


@dataclass(frozen=True)
class JobResult:
    job: PrintJob
    job_id: int | None
    fault: PrintFault | None


def calibration_path(session: Session) -> Path:
    return session.home.root / CALIBRATION_FILE


def make_jobs(db: Database, numbers: Sequence[str], mode: PrintMode, today: dt.date) -> list[PrintJob]:
    cards = printing.cards_for_print(db, numbers, today)
    if mode is PrintMode.SHEET:
        out = io.BytesIO()
        render_sheet_pdf(cards, out)
        return [PrintJob(tuple(numbers), out.getvalue(), f"sheet-{numbers[0]}-{len(numbers)}", A4_MM)]
    jobs = []
    for card in cards:
        out = io.BytesIO()
        render_cards_pdf([card], out)
        jobs.append(PrintJob((card.credential_no,), out.getvalue(), f"card-{card.credential_no}", ID1_MM))
    return jobs


def run_jobs(
    jobs: Sequence[PrintJob], printer: str, calibration: Calibration, system: PrintSystem | None
) -> list[JobResult]:
    results = []
    for job in jobs:
        try:
            outcome = print_pdf(job.pdf, printer, job.title, calibration, system=system, page_mm=job.page_mm)
        except PrintFault as fault:
            results.append(JobResult(job, None, fault))
        else:
            results.append(JobResult(job, outcome.job_id, None))
    return results


def record_results(
    db: Database, actor: Actor, printer: str, results: Sequence[JobResult], today: dt.date
) -> list[JobResult]:
    for result in results:
        detail = None if result.fault is None else result.fault.message("en")
        for no in result.job.credential_nos:
            printing.record_print(db, actor, no, printer, None if result.job_id is None else str(result.job_id),
                                  result.fault is None, detail, today)  # fmt: skip
    return list(results)


class CredentialPrinter:
    """Runs the three steps for a screen; `done(results)` is called on the UI thread at the end."""

    def __init__(self, session: Session, system: PrintSystem | None = None) -> None:
        self._session = session
        self.system = system
        self.thread: TaskThread[None] = TaskThread("printer", default_failure=lambda e: report_error(None, e))

    def print_credentials(self, numbers: Sequence[str], mode: PrintMode, printer: str, calibration: Calibration,
                          done: Callable[[list[JobResult]], None], failed: Failure) -> None:  # fmt: skip
        session, actor, today = self._session, self._session.require_actor(), self._session.today()
        system = self.system

        def recorded(results: list[JobResult]) -> None:
            session.signals.data_changed.emit()
            done(results)

        def printed(results: list[JobResult]) -> None:
            session.run(lambda db: record_results(db, actor, printer, results, today), recorded, failed)

        def made(jobs: list[PrintJob]) -> None:
            self.thread.submit(lambda _none: run_jobs(jobs, printer, calibration, system), printed, failed)

        session.run(lambda db: make_jobs(db, list(numbers), mode, today), made, failed)

    def print_pdf_only(self, pdf: bytes, printer: str, title: str, calibration: Calibration, page_mm: tuple[float, float],
                       done: Callable[[list[JobResult]], None]) -> None:  # fmt: skip
        """A page that records nothing (the calibration page)."""
        job = PrintJob((), pdf, title, page_mm)
        system = self.system
        self.thread.submit(lambda _none: run_jobs([job], printer, calibration, system), done)

    def shutdown(self) -> None:
        self.thread.shutdown()
