"""Rendered PDFs, rasterised with pdftoppm like a printer would: every QR decodes and verifies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from terminal.core.errors import InvalidInput
from terminal.print.card import render_card_pdf, render_cards_pdf
from terminal.print.sheet import render_sheet_pdf
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey

from .cardfactory import TODAY, card, pdf_text, photo_jpeg, qr_texts, render_pages


def assert_all_verify(texts: list[str], known: dict[str, bytes], allow_demo: bool = False) -> list[str]:
    numbers = []
    for text in texts:
        result = qrpayload.verify(text, known, today=TODAY, allow_demo=allow_demo)
        assert result.valid, result.reason
        assert result.credential is not None
        numbers.append(result.credential.claims.credential_no)
    return numbers


@pytest.mark.parametrize("dpi", [300, 200])
def test_single_card_qr_decodes_and_verifies(
    tmp_path: Path, terminal_key: TerminalKey, known_keys: dict[str, bytes], dpi: int
) -> None:
    pdf = tmp_path / "card.pdf"
    render_card_pdf(card(terminal_key, 7, photo=photo_jpeg()), pdf)
    front, back = render_pages(pdf, dpi)
    assert assert_all_verify(qr_texts(front), known_keys) == ["SH2026-000007"]
    assert qr_texts(back) == []


def test_card_pages_are_id1_with_embedded_subset_fonts(tmp_path: Path, terminal_key: TerminalKey) -> None:
    pdf = tmp_path / "card.pdf"
    render_card_pdf(card(terminal_key, 1), pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           2" in info
    assert "242.646 x 153.071 pts" in info  # 85.6 x 54 mm
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert len(rows) == 2
    assert all(row[-5:-3] == ["yes", "yes"] for row in rows), fonts  # embedded, subset
    text = pdf_text(pdf)
    for expected in ("张伟", "310101********1234", "SH2026-000001", "第1版", "保洁、育婴、养老护理",
                     "2026-01-01 至 2028-12-31", "021-6123 4567", "持证人不得", "NO PHOTO"):  # fmt: skip
        assert expected in text


def test_demo_card_carries_a_visible_demo_mark_and_verifies_only_where_demo_is_allowed(
    tmp_path: Path, terminal_key: TerminalKey, known_keys: dict[str, bytes]
) -> None:
    pdf = tmp_path / "demo.pdf"
    render_card_pdf(card(terminal_key, 3, demo=True), pdf)
    assert "DEMO" in pdf_text(pdf)
    real = tmp_path / "real.pdf"
    render_card_pdf(card(terminal_key, 4), real)
    assert "DEMO" not in pdf_text(real)
    (front, _back) = render_pages(pdf, 300)
    [text] = qr_texts(front)
    assert qrpayload.verify(text, known_keys, today=TODAY).reason is qrpayload.VerificationReason.DEMO_REFUSED
    assert assert_all_verify([text], known_keys, allow_demo=True) == ["SH2026-000003"]


@pytest.mark.parametrize("dpi", [300, 200])
def test_a4_sheets_every_qr_decodes_and_verifies(
    tmp_path: Path, terminal_key: TerminalKey, known_keys: dict[str, bytes], dpi: int
) -> None:
    cards = [card(terminal_key, n, photo=photo_jpeg() if n % 2 else None) for n in range(1, 13)]
    pdf = tmp_path / "sheet.pdf"
    render_sheet_pdf(cards, pdf)
    pages = render_pages(pdf, dpi)
    assert len(pages) == 4  # two sheets: fronts, backs, fronts, backs
    first = sorted(assert_all_verify(qr_texts(pages[0]), known_keys))
    second = sorted(assert_all_verify(qr_texts(pages[2]), known_keys))
    assert first == [f"SH2026-{n:06d}" for n in range(1, 11)]
    assert second == ["SH2026-000011", "SH2026-000012"]
    assert qr_texts(pages[1]) == [] and qr_texts(pages[3]) == []


def test_sheet_backs_are_mirrored_behind_their_fronts(tmp_path: Path, terminal_key: TerminalKey) -> None:
    pdf = tmp_path / "sheet.pdf"
    render_sheet_pdf([card(terminal_key, 1)], pdf)
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = layout.split("<page ")[1:]
    front_x = _first_word_x(pages[0], "SH2026-000001")
    back_x = _first_word_x(pages[1], "SH2026-000001-1")
    assert front_x < 105 * 72 / 25.4 < back_x  # card 1 sits left on the fronts, right on the backs


def _first_word_x(page: str, word: str) -> float:
    for line in page.splitlines():
        if f">{word}</word>" in line:
            return float(line.split('xMin="')[1].split('"')[0])
    raise AssertionError(f"{word} not on the page")


def test_many_cards_in_one_pdf_are_front_back_pairs(tmp_path: Path, terminal_key: TerminalKey) -> None:
    pdf = tmp_path / "batch.pdf"
    render_cards_pdf([card(terminal_key, n) for n in range(1, 4)], pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           6" in info


def test_empty_batches_and_broken_photos_are_refused(tmp_path: Path, terminal_key: TerminalKey) -> None:
    with pytest.raises(InvalidInput):
        render_sheet_pdf([], tmp_path / "x.pdf")
    with pytest.raises(InvalidInput):
        render_cards_pdf([], tmp_path / "x.pdf")
    with pytest.raises(InvalidInput):
        render_card_pdf(card(terminal_key, 1, photo=b"not an image"), tmp_path / "x.pdf")
