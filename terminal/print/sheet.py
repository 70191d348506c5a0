"""A4 sheets of ten cards with crop marks: a page of fronts, then a page of backs mirrored left to
right so long-edge duplex printing puts each back behind its front."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from terminal.core.errors import InvalidInput
from terminal.print.card import BACK, FRONT, CardData, draw_side, new_canvas
from terminal.print.layout import CardLayout, SheetLayout, card_layout, sheet_layout

SHEET = "sheet_a4"


def card_origin(sheet: SheetLayout, card: CardLayout, index: int, back: bool) -> tuple[float, float]:
    """Bottom-left corner, in points, of the card at `index` (row-major) on its sheet."""
    row, column = divmod(index % sheet.per_sheet, sheet.columns)
    if back and sheet.backs_mirrored:
        column = sheet.columns - 1 - column
    x_mm = sheet.left + column * sheet.column_pitch
    y_mm = sheet.height - (sheet.top + row * sheet.row_pitch + card.height)
    return x_mm * mm, y_mm * mm


def render_sheet_pdf(cards: Sequence[CardData], target: Path | BinaryIO) -> None:
    """Fronts and backs of `cards`, ten to an A4 sheet (the last sheet may be partly empty)."""
    if not cards:
        raise InvalidInput(field="cards (at least one card is needed for a sheet)")
    sheet, front, back = sheet_layout(SHEET), card_layout(FRONT), card_layout(BACK)
    title = f"sheet-{cards[0].credential_no}-{len(cards)}"
    canvas = new_canvas(target, sheet.width * mm, sheet.height * mm, title)
    for start in range(0, len(cards), sheet.per_sheet):
        batch = cards[start : start + sheet.per_sheet]
        for layout, is_back in ((front, False), (back, True)):
            for index, card in enumerate(batch):
                x, y = card_origin(sheet, layout, index, is_back)
                draw_side(canvas, layout, card, x, y)
            _crop_marks(canvas, sheet, layout)
            canvas.showPage()
    canvas.save()


def _crop_marks(canvas: Canvas, sheet: SheetLayout, card: CardLayout) -> None:
    """Marks in the margins on the extension of every cut line, clear of the cards by `crop_mark_gap`."""
    xs = sorted({sheet.left + c * sheet.column_pitch + d for c in range(sheet.columns) for d in (0, card.width)})
    ys = sorted({sheet.top + r * sheet.row_pitch + d for r in range(sheet.rows) for d in (0, card.height)})
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    gap, length = sheet.crop_mark_gap, sheet.crop_mark_length
    canvas.setLineWidth(sheet.crop_mark_width * mm)
    canvas.setStrokeColorRGB(0, 0, 0)

    def line(x1: float, y1: float, x2: float, y2: float) -> None:
        h = sheet.height
        canvas.line(x1 * mm, (h - y1) * mm, x2 * mm, (h - y2) * mm)

    for x in xs:
        line(x, top - gap, x, top - gap - length)
        line(x, bottom + gap, x, bottom + gap + length)
    for y in ys:
        line(left - gap, y, left - gap - length, y)
        line(right + gap, y, right + gap + length, y)
