"""`python -m bench print [--json] [--cards N]`: cards rendered to PDF per second, against the target
of 200 cards/s, as one-card pages (a card printer's batch), A4 sheets of ten, and one file per card.
The baseline is the QR encoding alone, measured in the same run, so the ratio to it shows what the
PDF drawing costs on this machine."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from terminal.print.card import CardData, render_card_pdf, render_cards_pdf
from terminal.print.qrdraw import qr_rows
from terminal.print.sheet import render_sheet_pdf
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey

TARGET_CARDS_PER_SECOND = 200.0


def make_cards(count: int) -> list[CardData]:
    from PIL import Image

    key = TerminalKey.generate()
    buffer = io.BytesIO()
    Image.new("RGB", (102, 126), (190, 170, 150)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    cards = []
    for n in range(count):
        claims = qrpayload.CredentialClaims(
            f"SH2026T001{n:07d}", 1, "张伟", "310101********1234", "上海安心家政服务有限公司",
            ("cleaning", "infant"), dt.date(2026, 1, 1), dt.date(2028, 12, 31),
        )  # fmt: skip
        cards.append(CardData(
            claims.credential_no, 1, claims.name, claims.masked_id_number, ("家务保洁", "育婴"), claims.agency,
            "021-6123 4567", claims.valid_from, claims.valid_to, dt.date(2026, 1, 1),
            qrpayload.encode(claims, key, "https://verify.example.cn"), photo,
        ))  # fmt: skip
    return cards


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _one_file_each(cards: list[CardData], out: Path) -> None:
    for i, card in enumerate(cards):
        render_card_pdf(card, out / f"{i % 8}.pdf")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench print")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cards", type=int, default=500)
    args = parser.parse_args(argv)
    cards = make_cards(args.cards)
    render_card_pdf(cards[0], io.BytesIO())  # fonts parsed once per process, as in the app
    qr_rows.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        baseline = timed(lambda: [qr_rows(c.qr_url) for c in cards])
        qr_rows.cache_clear()
        runs = {
            "card_pages": timed(lambda: render_cards_pdf(cards, out / "cards.pdf")),
            "a4_sheets": timed(lambda: render_sheet_pdf(cards, out / "sheets.pdf")),
            "card_files": timed(lambda: _one_file_each(cards, out)),
        }  # fmt: skip
    result = {
        "benchmark": "print",
        "cards": args.cards,
        "target_cards_per_second": TARGET_CARDS_PER_SECOND,
        "baseline_qr_only_cards_per_second": round(args.cards / baseline, 1),
        "results": {
            name: {
                "seconds": round(seconds, 3),
                "cards_per_second": round(args.cards / seconds, 1),
                "ratio_to_target": round(args.cards / seconds / TARGET_CARDS_PER_SECOND, 2),
                "ratio_to_baseline": round(baseline / seconds, 3),
            }
            for name, seconds in runs.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, seconds in runs.items():
            print(f"{name}: {args.cards / seconds:.1f} cards/s ({args.cards / seconds / TARGET_CARDS_PER_SECOND:.2f}x target)")
    return 0
