"""Embedded fonts for cards: the CJK TrueType font in resources/fonts has no Latin glyphs, so text is
split into runs, Latin characters set in reportlab's bundled Bitstream Vera. Both are embedded as
subsets. Fonts are parsed once per process (the slow part)."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from terminal.print.layout import FONT_DIR

LATIN_FONT = "Vera.ttf"  # ships inside reportlab (reportlab/fonts), found on its TTF search path


@functools.cache
def register(font_file: str) -> str:
    name = f"Card-{Path(font_file).stem}"
    local = FONT_DIR / font_file
    pdfmetrics.registerFont(TTFont(name, str(local) if local.is_file() else font_file))
    return name


@functools.cache
def _latin_chars() -> frozenset[int]:
    font = pdfmetrics.getFont(register(LATIN_FONT))
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


class FontPair:
    """A CJK font with a Latin companion: measures and splits text into single-font runs."""

    def __init__(self, cjk_file: str) -> None:
        self.cjk = register(cjk_file)
        self.latin = register(LATIN_FONT)
        self._latin_chars = _latin_chars()

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - few pairs live for the whole process
    def runs(self, text: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for ch in text:
            font = self.latin if ord(ch) in self._latin_chars else self.cjk
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return tuple(out)

    def width(self, text: str, size: float) -> float:
        return float(sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text)))


@functools.cache
def font_pair(cjk_file: str) -> FontPair:
    return FontPair(cjk_file)
