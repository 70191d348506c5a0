"""The calibration test page: an ID-1 page with a frame 2 mm inside the card edge, a centre cross and
millimetre ticks, so an operator can measure how far a printer shifts the image and nudge it back."""

from __future__ import annotations

import io

from reportlab.lib.units import mm

from terminal.print.card import FRONT, new_canvas
from terminal.print.fonts import font_pair
from terminal.print.layout import card_layout

FRAME_INSET_MM = 2.0


def calibration_page_pdf() -> bytes:
    layout = card_layout(FRONT)
    w, h = layout.width * mm, layout.height * mm
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, w, h, "calibration")
    inset = FRAME_INSET_MM * mm
    canvas.setLineWidth(0.25)
    canvas.rect(inset, inset, w - 2 * inset, h - 2 * inset)
    canvas.line(w / 2 - 5 * mm, h / 2, w / 2 + 5 * mm, h / 2)
    canvas.line(w / 2, h / 2 - 5 * mm, w / 2, h / 2 + 5 * mm)
    for i in range(0, 11):  # ticks every mm along the top-left corner, longer every 5 mm
        length = (2.0 if i % 5 == 0 else 1.0) * mm
        canvas.line(inset + i * mm, h - inset, inset + i * mm, h - inset - length)
        canvas.line(inset, h - inset - i * mm, inset + length, h - inset - i * mm)
    canvas.setFont(font_pair(layout.font).latin, 5)
    canvas.drawCentredString(w / 2, h / 2 - 9 * mm, "frame 2 mm from the card edge")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
