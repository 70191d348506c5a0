"""Builders for print tests: signed claims, card data, and reading QR codes back from rendered PDFs."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from terminal.print.card import CardData
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey

BASE_URL = "https://verify.jzfw.example.cn"
TODAY = dt.date(2026, 3, 1)
AGENCY = "上海安心家政服务有限公司"


def claims(number: int = 1, demo: bool = False, **changes: object) -> qrpayload.CredentialClaims:
    values: dict[str, object] = {
        "credential_no": f"SH2026-{number:06d}",
        "version": 1,
        "name": "张伟",
        "masked_id_number": "310101********1234",
        "agency": AGENCY,
        "service_codes": ("cleaning", "infant", "elderly"),
        "valid_from": dt.date(2026, 1, 1),
        "valid_to": dt.date(2028, 12, 31),
        "demo": demo,
    }
    values.update(changes)
    return qrpayload.CredentialClaims(**values)  # type: ignore[arg-type]


def photo_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (102, 126), (196, 170, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def card(key: TerminalKey, number: int = 1, demo: bool = False, photo: bytes | None = None) -> CardData:
    c = claims(number, demo)
    return CardData(
        credential_no=c.credential_no,
        version=c.version,
        name=c.name,
        masked_id_number=c.masked_id_number,
        service_types=("保洁", "育婴", "养老护理"),
        agency_name=c.agency,
        agency_contact="021-6123 4567",
        valid_from=c.valid_from,
        valid_to=c.valid_to,
        issue_date=dt.date(2026, 1, 1),
        qr_url=qrpayload.encode(c, key, BASE_URL),
        photo=photo,
        demo=demo,
    )


def render_pages(pdf: Path, dpi: int) -> list[Path]:
    prefix = pdf.with_name(f"{pdf.stem}-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=60)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def qr_texts(png: Path) -> list[str]:
    with Image.open(png) as image:
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [barcode.text for barcode in found if barcode.valid]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
