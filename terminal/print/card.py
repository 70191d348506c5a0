"""One ID-1 card (85.6 × 54 mm), front and back, drawn from a layout onto a reportlab canvas.

`render_card_pdf` writes a two-page PDF (front, back); sheet.py places the same drawing ten to an A4
page. The CJK font is embedded as a subset so every viewer and printer shows the same glyphs.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import units
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from terminal.core.errors import InvalidInput
from terminal.print.fonts import FontPair, font_pair
from terminal.print.layout import CardLayout, Element, card_layout
from terminal.print.qrdraw import draw_qr

MM: float = units.mm  # points per millimetre
FRONT = "card_front"
BACK = "card_back"
_TOKENS = re.compile(r"[A-Za-z0-9'’.,;:!?()\-]+\s*|\s+|.")


@dataclass(frozen=True)
class CardData:
    """Everything printed on one card. `service_types` are display labels; `qr_url` comes from
    qrpayload.encode; `photo` is PNG or JPEG bytes (None prints a "no photo" box)."""

    credential_no: str
    version: int
    name: str
    masked_id_number: str
    service_types: tuple[str, ...]
    agency_name: str
    agency_contact: str
    valid_from: dt.date
    valid_to: dt.date
    issue_date: dt.date
    qr_url: str
    photo: bytes | None = None
    demo: bool = False

    def fields(self) -> dict[str, str]:
        return {
            "credential_no": self.credential_no,
            "version": str(self.version),
            "name": self.name,
            "masked_id_number": self.masked_id_number,
            "services": "、".join(self.service_types),
            "agency_name": self.agency_name,
            "agency_contact": self.agency_contact,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "issue_date": self.issue_date.isoformat(),
        }

    def __repr__(self) -> str:  # the name and photo stay out of logs and tracebacks
        return f"CardData({self.credential_no}-{self.version}, {self.masked_id_number}, demo={self.demo})"


@functools.cache
def _color(value: str) -> Color:
    return HexColor(value)


_forms_drawn: weakref.WeakKeyDictionary[Canvas, set[str]] = weakref.WeakKeyDictionary()


def _is_static(element: Element) -> bool:
    """The same on every card: drawn once per PDF as a form and reused (the wrapped back-side texts are
    the costliest part of a card)."""
    return element.kind in ("rect", "line") or (element.kind in ("text", "paragraph") and "{" not in element.text)


def _runs(layout: CardLayout) -> list[tuple[bool, list[Element]]]:
    """Consecutive elements grouped into static and dynamic runs, keeping the layout's drawing order."""
    runs: list[tuple[bool, list[Element]]] = []
    for element in layout.elements:
        static = _is_static(element)
        if runs and runs[-1][0] == static:
            runs[-1][1].append(element)
        else:
            runs.append((static, [element]))
    return runs


def draw_side(canvas: Canvas, layout: CardLayout, card: CardData, x: float, y: float) -> None:
    """Draw one side with the card's bottom-left corner at (x, y) in points."""
    painter = _SidePainter(canvas, layout, card.fields(), x, y)
    drawn = _forms_drawn.setdefault(canvas, set())
    for index, (static, elements) in enumerate(_runs(layout)):
        if static:
            name = f"{layout.name}-static-{index}"
            if name not in drawn:
                canvas.beginForm(name)
                local = _SidePainter(canvas, layout, card.fields(), 0, 0)
                for element in elements:
                    local.draw(element, card)
                canvas.endForm()
                drawn.add(name)
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(name)
            canvas.restoreState()
            continue
        for element in elements:
            if element.kind == "demo_mark" and not card.demo:
                continue
            painter.draw(element, card)


def render_card_pdf(card: CardData, target: Path | BinaryIO) -> None:
    """A two-page PDF of one card at its real size: front, then back."""
    render_cards_pdf([card], target)


def render_cards_pdf(cards: Sequence[CardData], target: Path | BinaryIO) -> None:
    """Cards at their real size, front then back of each, in one PDF (a card printer's batch)."""
    if not cards:
        raise InvalidInput(field="cards (at least one card is needed)")
    front, back = card_layout(FRONT), card_layout(BACK)
    title = f"{cards[0].credential_no}-{cards[0].version}" + (f"+{len(cards) - 1}" if len(cards) > 1 else "")
    canvas = new_canvas(target, front.width * MM, front.height * MM, title)
    for card in cards:
        for layout in (front, back):
            draw_side(canvas, layout, card, 0, 0)
            canvas.showPage()
    canvas.save()


def card_pdf_bytes(card: CardData) -> bytes:
    buffer = io.BytesIO()
    render_card_pdf(card, buffer)
    return buffer.getvalue()


def new_canvas(target: Path | BinaryIO, width: float, height: float, title: str) -> Canvas:
    out: str | BinaryIO = str(target) if isinstance(target, Path) else target
    # The initial font would otherwise be Helvetica: a non-embedded font every page refers to.
    initial = font_pair(card_layout(FRONT).font).latin
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1, initialFontName=initial)
    canvas.setTitle(title)
    canvas.setCreator("Shanghai home-service terminal")
    return canvas


@functools.lru_cache(maxsize=1024)
def wrap(fonts: FontPair, text: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy line breaking: between any two CJK characters, between Latin words."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if line and fonts.width(line + token.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return tuple(lines)


class _SidePainter:
    def __init__(self, canvas: Canvas, layout: CardLayout, fields: Mapping[str, str], x: float, y: float) -> None:
        self.canvas = canvas
        self.fonts = font_pair(layout.font)
        self.fields = fields
        self.x0 = x
        self.top = y + layout.height * MM

    def px(self, x_mm: float) -> float:
        return self.x0 + x_mm * MM

    def py(self, y_mm: float) -> float:
        return self.top - y_mm * MM

    def draw(self, e: Element, card: CardData) -> None:
        c = self.canvas
        if e.kind == "rect":
            c.setFillColor(_color(e.fill or e.color))
            c.rect(self.px(e.x), self.py(e.y + e.h), e.w * MM, e.h * MM, stroke=0, fill=1)
        elif e.kind == "line":
            c.setStrokeColor(_color(e.color))
            c.setLineWidth(0.3)
            c.line(self.px(e.x), self.py(e.y), self.px(e.x + e.w), self.py(e.y + e.h))
        elif e.kind == "text":
            self._text(e, e.text.format_map(self.fields))
        elif e.kind == "paragraph":
            self._paragraph(e, e.text.format_map(self.fields))
        elif e.kind == "photo":
            self._photo(e, card.photo)
        elif e.kind == "qr":
            c.setFillColor(_color("#000000"))
            draw_qr(c, card.qr_url, self.px(e.x), self.py(e.y + e.h), e.w * MM)
        elif e.kind == "demo_mark":
            self._demo(e)

    def _text(self, e: Element, text: str) -> None:
        size = e.size
        width = self.fonts.width(text, size)
        if e.w and width > e.w * MM:  # too long for its box: shrink rather than overflow
            size, width = size * e.w * MM / width, e.w * MM
        shift = {"left": 0.0, "right": width}.get(e.align, width / 2)
        self.canvas.setFillColor(_color(e.color))
        self._line(self.px(e.x) - shift, self.py(e.y), text, size)

    def _line(self, x: float, y: float, text: str, size: float) -> None:
        obj = self.canvas.beginText(x, y)
        for font, run in self.fonts.runs(text):
            obj.setFont(font, size)
            obj.textOut(run)
        self.canvas.drawText(obj)

    def _paragraph(self, e: Element, text: str) -> None:
        size, leading = e.size, e.leading or e.size * 0.45
        lines = wrap(self.fonts, text, size, e.w * MM)
        while e.h and len(lines) * leading > e.h + 1e-6 and size > 3.0:  # shrink until it fits the box
            size, leading = size * 0.92, leading * 0.92
            lines = wrap(self.fonts, text, size, e.w * MM)
        self.canvas.setFillColor(_color(e.color))
        for i, line in enumerate(lines):
            self._line(self.px(e.x), self.py(e.y + i * leading), line, size)

    def _photo(self, e: Element, photo: bytes | None) -> None:
        c = self.canvas
        x, y, w, h = self.px(e.x), self.py(e.y + e.h), e.w * MM, e.h * MM
        if photo is None:
            c.setStrokeColor(_color("#888888"))
            c.setLineWidth(0.5)
            c.setDash(2, 1.5)
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.setDash()
            c.setFillColor(_color("#666666"))
            for text, size, dy in (("无照片", 6.0, 1.0), ("NO PHOTO", 4.5, -5.0)):
                self._line(x + (w - self.fonts.width(text, size)) / 2, y + h / 2 + dy, text, size)
            return
        try:
            image = ImageReader(io.BytesIO(photo))
            c.drawImage(image, x, y, w, h, preserveAspectRatio=True, anchor="c")
        except OSError as err:
            raise InvalidInput(field="photo (not a readable PNG or JPEG image)") from err

    def _demo(self, e: Element) -> None:
        c = self.canvas
        c.saveState()
        c.setFillColor(_color(e.color))
        c.setFillAlpha(0.35)
        c.translate(self.px(e.x), self.py(e.y))
        c.rotate(e.angle)
        self._line(-self.fonts.width(e.text, e.size) / 2, -e.size / 3, e.text, e.size)
        c.restoreState()
