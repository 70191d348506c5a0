"""Card and sheet layouts: JSON files in resources/layouts, coordinates in millimetres (see
docs/credential-card.md). Loaded once per process and validated into plain dataclasses."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from terminal.print.errors import LayoutInvalid
from terminal.resources import resource_root

RESOURCES = resource_root()
LAYOUT_DIR = RESOURCES / "layouts"
FONT_DIR = RESOURCES / "fonts"

ELEMENT_KINDS = frozenset({"rect", "text", "paragraph", "photo", "qr", "demo_mark", "line"})


@dataclass(frozen=True)
class Element:
    """One drawing instruction. x/y are the top-left corner (for text: y is the baseline), from the
    card's top-left edge. `text` may hold {field} placeholders filled from the card's fields."""

    kind: str
    x: float
    y: float
    w: float = 0.0
    h: float = 0.0
    text: str = ""
    size: float = 7.0
    leading: float = 0.0
    color: str = "#000000"
    fill: str = ""
    align: str = "left"
    angle: float = 0.0


@dataclass(frozen=True)
class CardLayout:
    name: str
    width: float
    height: float
    font: str
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class SheetLayout:
    name: str
    width: float
    height: float
    columns: int
    rows: int
    left: float
    top: float
    column_pitch: float
    row_pitch: float
    crop_mark_length: float
    crop_mark_gap: float
    crop_mark_width: float
    backs_mirrored: bool

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


def _read(name: str) -> dict[str, Any]:
    path = LAYOUT_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise LayoutInvalid(name=name, reason=type(err).__name__) from err
    if not isinstance(data, dict):
        raise LayoutInvalid(name=name, reason="not a JSON object")
    return data


@functools.cache
def card_layout(name: str) -> CardLayout:
    data = _read(name)
    try:
        elements = tuple(Element(**item) for item in data["elements"])
        layout = CardLayout(
            name=name,
            width=float(data["width"]),
            height=float(data["height"]),
            font=str(data["font"]),
            elements=elements,
        )
    except (KeyError, TypeError) as err:
        raise LayoutInvalid(name=name, reason=str(err)) from err
    unknown = {e.kind for e in layout.elements} - ELEMENT_KINDS
    if unknown:
        raise LayoutInvalid(name=name, reason=f"unknown element kinds {sorted(unknown)}")
    if not (FONT_DIR / layout.font).is_file():
        raise LayoutInvalid(name=name, reason=f"font {layout.font} missing")
    return layout


@functools.cache
def sheet_layout(name: str) -> SheetLayout:
    data = _read(name)
    data.pop("comment", None)
    try:
        return SheetLayout(name=name, **data)
    except TypeError as err:
        raise LayoutInvalid(name=name, reason=str(err)) from err
