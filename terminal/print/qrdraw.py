"""QR symbols for the card: zxing-cpp's encoder (C++: picks the best mask in about 1 ms, where the
pure-Python encoders need 14–24 ms) at error correction M, drawn as vector runs so they stay sharp at
any printer resolution."""

from __future__ import annotations

import functools
import re

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

from wirecontract.errors import PayloadTooLarge
from wirecontract.qrpayload import MAX_URL_CHARS

ERROR_CORRECTION = "M"
_DARK_RUN = re.compile(rb"\x00+")


@functools.lru_cache(maxsize=64)
def qr_rows(text: str) -> tuple[bytes, ...]:
    """The symbol's module rows, one byte per module, 0 for dark (no quiet zone)."""
    if len(text) > MAX_URL_CHARS:
        raise PayloadTooLarge(length=len(text), limit=MAX_URL_CHARS)
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    view = memoryview(barcode.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]
    size = view.shape[0] if view.shape else 0
    raw = view.tobytes()
    return tuple(raw[i * size : (i + 1) * size] for i in range(size))


def _fill_ops(rows: tuple[bytes, ...]) -> str:
    """PDF path operators filling each horizontal run of dark modules, in module units (row 0 on top)."""
    ops = [
        f"{run.start()} {r} {run.end() - run.start()} 1 re"
        for r, row in enumerate(rows)
        for run in _DARK_RUN.finditer(row)
    ]
    return " ".join(ops) + " f"


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the symbol in the square with bottom-left (x, y), side `size` points, in the current fill
    colour. The white quiet zone around it comes from the layout."""
    rows = qr_rows(text)
    module = size / len(rows)
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(module, -module)
    canvas.addLiteral(_fill_ops(rows))  # one path of integer rectangles: far faster than path.rect()
    canvas.restoreState()
