"""From the store to a printed PDF, its QR decoded from the rendered page, checked by `terminal verify`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from terminal.usecases import demo
from tests.cli.test_admin_cli import run


def _qr_texts(pdf: Path, tmp: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp / "page")], check=True)
    texts = []
    for png in sorted(tmp.glob("page*.png")):
        texts += [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]
    return texts


def test_print_card_and_sheet_then_verify(tmp_path: Path) -> None:
    home = str(tmp_path / "demo")
    assert run("--home", home, "demo", "init", "--workers", "40").returncode == 0
    # The demo clerk signs in, as anyone must for commands that show names or record a print.
    clerk = {"TERMINAL_OPERATOR": "dengji", "TERMINAL_OPERATOR_PASSWORD": demo.DEMO_PASSWORD}
    listing = json.loads(run("--home", home, "credential", "list", "--state", "issued", "--json", env=clerk).stdout)
    assert listing and {"credential_no", "version", "state", "name"} <= set(listing[0])
    numbers = [r["credential_no"] for r in listing][:3]
    assert run("--home", home, "print", "card", numbers[0], "--pdf", str(tmp_path / "card.pdf"), env=clerk).returncode == 0
    texts = _qr_texts(tmp_path / "card.pdf", tmp_path)
    assert len(texts) == 1
    verdict = json.loads(run("--home", home, "verify", texts[0], "--json").stdout)
    assert verdict["valid"] and verdict["demo"] and verdict["credential_no"] == numbers[0]
    # Somewhere without this demo home's knowledge the same card is not valid.
    elsewhere = json.loads(run("--home", str(tmp_path / "none"), "verify", texts[0], "--json").stdout)
    assert not elsewhere["valid"]

    sheet_dir = tmp_path / "sheet"
    sheet_dir.mkdir()
    assert run("--home", home, "print", "sheet", *numbers, "--pdf", str(sheet_dir / "s.pdf"), env=clerk).returncode == 0
    sheet_texts = _qr_texts(sheet_dir / "s.pdf", sheet_dir)
    assert len(sheet_texts) == 3
    assert all(json.loads(run("--home", home, "verify", t, "--json").stdout)["valid"] for t in sheet_texts)
    refused = run("--home", home, "print", "card", "SH000", "--pdf", str(tmp_path / "x.pdf"), env=clerk)
    assert refused.returncode == 1 and "SH000" in refused.stderr
