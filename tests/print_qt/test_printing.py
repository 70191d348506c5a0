from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from terminal.print.calibration import calibration_page_pdf
from terminal.print.card import card_pdf_bytes
from terminal.print.errors import PrinterUnavailable
from terminal.print.jobs import CupsCommands
from terminal.ui import printing
from terminal.ui.printing import Calibration
from tests.print.cardfactory import TODAY, card, qr_texts, render_pages
from tests.print.cupsd import QUEUE, PrivateCups
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey


def verify_pdf(pdf: Path, key: TerminalKey, dpi: int = 300) -> list[str]:
    numbers = []
    for page in render_pages(pdf, dpi)[:1]:
        for text in qr_texts(page):
            result = qrpayload.verify(text, {key.key_id: key.public_raw}, today=TODAY)
            assert result.valid, result.reason
            assert result.credential is not None
            numbers.append(result.credential.claims.credential_no)
    return numbers


@pytest.mark.cups
def test_card_printed_through_qt_to_cups_pdf_is_confirmed_and_scans(
    qapp: object, cups: PrivateCups, terminal_key: TerminalKey, tmp_path: Path
) -> None:
    pdf = card_pdf_bytes(card(terminal_key, 21))
    outcome = printing.print_pdf(pdf, QUEUE, "qt-card-21", system=CupsCommands(env=cups.env), confirm_timeout=30)
    assert outcome.printer == QUEUE and outcome.pages == 2 and outcome.job_id > 0
    [printed] = [p for p in cups.wait_for_pdf() if p.name.startswith("qt-card-21")]
    assert verify_pdf(printed, terminal_key) == ["SH2026-000021"]


@pytest.mark.cups
@pytest.mark.parametrize("command", ["cupsdisable", "cupsreject"])
def test_stopped_or_rejecting_queue_fails_before_qt_prints(
    qapp: object, cups: PrivateCups, terminal_key: TerminalKey, command: str
) -> None:
    cups.run(command, QUEUE)
    with pytest.raises(PrinterUnavailable):
        printing.print_pdf(card_pdf_bytes(card(terminal_key, 22)), QUEUE, "qt-refused",
                           system=CupsCommands(env=cups.env))  # fmt: skip


@pytest.mark.cups
def test_unknown_printer_fails(qapp: object, cups: PrivateCups, terminal_key: TerminalKey) -> None:
    with pytest.raises(PrinterUnavailable):
        printing.print_pdf(card_pdf_bytes(card(terminal_key, 23)), "NoSuchQueue", "x", system=CupsCommands(env=cups.env))


@pytest.mark.cups
def test_calibration_offset_moves_the_printed_image(qapp: object, cups: PrivateCups, tmp_path: Path) -> None:
    pages = printing.PdfPages(calibration_page_pdf())
    positions = []
    for offset in (Calibration(), Calibration().nudged(right_steps=20, down_steps=10)):
        out = tmp_path / f"cal-{offset.dx_mm}.pdf"
        printer = printing.card_printer(QUEUE, "calibration")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        assert pages.paint(printer, offset) == 1
        [png] = render_pages(out, 100)
        from PIL import Image

        with Image.open(png) as image:
            gray = image.convert("L")
            dark = [(x, y) for y in range(gray.height) for x in range(gray.width) if _level(gray.getpixel((x, y))) < 128]
        positions.append((min(x for x, _ in dark), min(y for _, y in dark)))
    (x0, y0), (x1, y1) = positions
    assert 6 <= x1 - x0 <= 10 and 2 <= y1 - y0 <= 6  # 2 mm and 1 mm at 100 dpi (about 7.9 and 3.9 px)


def test_nudges_are_tenths_of_a_millimetre_and_persist_per_printer(tmp_path: Path) -> None:
    cal = Calibration().nudged(right_steps=3).nudged(down_steps=-2).nudged(right_steps=-1)
    assert cal == Calibration(0.2, -0.2)
    path = tmp_path / "calibration.json"
    printing.save_calibration(path, "CardPrinter", cal)
    printing.save_calibration(path, "Office", Calibration(1.0, 0.0))
    assert printing.load_calibrations(path) == {"CardPrinter": cal, "Office": Calibration(1.0, 0.0)}


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform cannot size windows
def test_preview_shows_the_pages_print_sends_without_a_printer(qtbot: QtBot, terminal_key: TerminalKey) -> None:
    pdf = card_pdf_bytes(card(terminal_key, 24))
    preview = printing.PdfPreview(pdf, "打印预览")
    qtbot.addWidget(preview)
    assert preview.pdf == pdf  # the very bytes print_pdf sends
    assert len(preview.page_labels) == preview.pages.document.pageCount() >= 1
    pixmap = preview.page_labels[0].pixmap()
    assert not pixmap.isNull() and pixmap.width() > pixmap.height()  # an ID-1 card, landscape
    preview.show()
    qtbot.waitExposed(preview)
    preview.close()


def _level(pixel: float | tuple[int, ...] | None) -> float:
    """A grayscale ("L") image's pixel is one number; Pillow's type covers every mode."""
    assert isinstance(pixel, (int, float))
    return pixel
