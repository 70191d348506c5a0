"""Service contracts seen from the client's side: the evaluation slip (服务评价单) the terminal prints or shows when a
contract is recorded, and the clients' evaluations the centre sends back through pull.

The slip is signed by this terminal's key (wirecontract/evalslip.py), so it works while the agency is offline; the
terminal also sends the slip to the centre (entity `evaluation_slip`) so that a client can type the slip's code
instead of scanning it. Nothing a client writes is trusted as markup anywhere: the terminal stores it as text and
shows it in plain-text widgets.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from terminal.core import service_types
from terminal.core.errors import NotFound
from terminal.core.roles import Action
from terminal.store import audit, outbox
from terminal.store.db import Database
from terminal.usecases import printing, setup
from terminal.usecases.context import CENTRE, Actor, authorise
from wirecontract import evalslip
from wirecontract.errors import Text
from wirecontract.evalslip import SlipClaims

SLIP_ENTITY = "evaluation_slip"
MIN_PREFIX = 8


@dataclass(frozen=True)
class Slip:
    contract_uid: str
    code: str
    url: str
    claims: SlipClaims
    service_label: str


def _mask(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 0)


def _contract(db: Database, ref: str) -> dict[str, Any]:
    """A contract by its number (uid) or a unique prefix of at least 8 characters."""
    ref = ref.strip().lower()
    rows = db.query(
        "SELECT c.uid, c.worker_id, c.signed_on, c.service_type, c.period_from, c.period_to, c.created_at, w.uid AS"
        " worker_uid, r.name, r.english_name FROM contracts c JOIN workers w ON w.id = c.worker_id"
        " JOIN identity_reads r ON r.id = w.identity_read_id WHERE c.uid = ? OR (length(?) >= ? AND c.uid LIKE ? || '%')"
        " LIMIT 2", (ref, ref, MIN_PREFIX, ref))  # fmt: skip
    if len(rows) != 1:
        raise NotFound(what=Text("服务合同", "contract"), key=ref)
    return dict(rows[0])


def slip(db: Database, actor: Actor, contract_ref: str) -> Slip:
    """The contract's slip (the same every time: the code is the terminal's signature over the contract), and the
    slip sent to the centre once, so its typed code works there after the next sync."""
    authorise(db, actor, Action.RECORD_SERVICE)
    row = _contract(db, contract_ref)
    key = setup.terminal_key(db)
    agency = db.query_one("SELECT name FROM agency WHERE id = 1")
    claims = SlipClaims(
        code=evalslip.slip_code(key, row["uid"]), contract_uid=row["uid"], worker_uid=row["worker_uid"],
        masked_name=_mask(row["name"] or row["english_name"] or ""), agency=agency["name"] if agency else "",
        service_code=row["service_type"], period_from=dt.date.fromisoformat(row["period_from"]),
        period_to=dt.date.fromisoformat(row["period_to"]), issued=dt.date.fromisoformat(row["created_at"][:10]),
    )  # fmt: skip
    url = evalslip.encode(claims, key, printing.verification_base(db))
    with db.transaction():
        if not db.scalar("SELECT 1 FROM outbox WHERE entity = ? AND entity_uid = ?", (SLIP_ENTITY, row["uid"])):
            outbox.enqueue(db, SLIP_ENTITY, row["uid"], 1, "evaluation_slip.issued",
                           {"worker_uid": row["worker_uid"], "contract_uid": row["uid"], "code": claims.code, "slip": url})  # fmt: skip
        audit.append(db, actor.username, "contract.slip_shown", "contract", row["uid"], {})
    return Slip(row["uid"], claims.code, url, claims, service_types.label(row["service_type"]))


def list_contracts(db: Database, actor: Actor) -> list[dict[str, Any]]:
    """Every contract with the worker's masked name and the clients' evaluation, newest first."""
    authorise(db, actor, Action.RECORD_SERVICE)
    rows = db.query(
        "SELECT c.uid, c.signed_on, c.service_type, c.period_from, c.period_to, c.district, r.name, r.english_name,"
        " (SELECT overall FROM evaluations e WHERE e.contract_id = c.id AND e.source = 'consumer') AS rating"
        " FROM contracts c JOIN workers w ON w.id = c.worker_id JOIN identity_reads r ON r.id = w.identity_read_id"
        " ORDER BY c.created_at DESC, c.id DESC")  # fmt: skip
    return [{"contract_no": r["uid"], "worker": _mask(r["name"] or r["english_name"] or ""),
             "service_type": r["service_type"], "signed_on": r["signed_on"], "period_from": r["period_from"],
             "period_to": r["period_to"], "district": r["district"], "client_rating": r["rating"]} for r in rows]  # fmt: skip


def apply_consumer_evaluation(db: Database, data: dict[str, Any]) -> bool:
    """A client's evaluation the centre sent (inside apply_pulled's transaction). A changed evaluation comes again
    with a higher revision and replaces the stored one. False when this terminal does not hold the contract."""
    contract = db.query_one(
        "SELECT c.id, c.worker_id FROM contracts c JOIN workers w ON w.id = c.worker_id WHERE c.uid = ? AND w.uid = ?",
        (str(data.get("contract_uid")), str(data.get("worker_uid"))))  # fmt: skip
    if contract is None:
        return False
    scores = {str(k): int(v) for k, v in dict(data.get("scores") or {}).items() if 1 <= int(v) <= 5}
    overall = round(sum(scores.values()) / len(scores), 2) if scores else 0.0
    comment = str(data.get("comment") or "")[:300]
    uid, at = str(data["uid"]), str(data.get("at") or "")
    if db.scalar("SELECT 1 FROM evaluations WHERE uid = ?", (uid,)):
        db.execute("UPDATE evaluations SET scores = ?, overall = ?, comment = ?, at = ? WHERE uid = ?",
                   (json.dumps(scores, sort_keys=True), overall, comment, at, uid))  # fmt: skip
    else:
        db.execute(
            "INSERT INTO evaluations(uid, worker_id, contract_id, scores, overall, comment, at, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'consumer')",
            (uid, contract["worker_id"], contract["id"], json.dumps(scores, sort_keys=True), overall, comment, at))  # fmt: skip
    audit.append(db, CENTRE.username, evalslip.FEED_KIND, "contract", str(data.get("contract_uid")),
                 {"revision": data.get("revision")})  # fmt: skip
    return True


def worker_summary(db: Database, worker_id: int) -> tuple[float | None, int]:
    """Mean and count of every evaluation of the worker (the agency's own and clients')."""
    row = db.query_one("SELECT avg(overall) AS mean, count(*) AS n FROM evaluations WHERE worker_id = ?", (worker_id,))
    if row is None or not row["n"]:
        return None, 0
    return round(float(row["mean"]), 1), int(row["n"])


def slip_pdf(item: Slip, path: Path) -> None:
    """An A6 slip: what was contracted, the QR (vector, reportlab) and the code large enough to type."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from terminal.print.fonts import font_pair
    from terminal.print.layout import card_layout

    fonts = font_pair(card_layout("card_front").font)
    pdf = canvas.Canvas(str(path), pagesize=A6)
    width, height = A6
    pdf.setTitle("服务评价单 / Evaluation slip")

    def line(x: float, y: float, text: str, size: float, centred: bool = False) -> None:
        obj = pdf.beginText(x - (fonts.width(text, size) / 2 if centred else 0), y)
        for font, run in fonts.runs(text):
            obj.setFont(font, size)
            obj.textOut(run)
        pdf.drawText(obj)

    line(width / 2, height - 14 * mm, "服务评价单 · Service evaluation", 13, centred=True)
    claims = item.claims
    for i, text in enumerate((f"服务人员 Worker: {claims.masked_name}", f"服务机构 Agency: {claims.agency}",
                              f"服务类型 Service: {item.service_label}",
                              f"服务期间 Period: {claims.period_from.isoformat()} – {claims.period_to.isoformat()}")):  # fmt: skip
        line(10 * mm, height - (24 + 5 * i) * mm, text, 8.5)
    widget = QrCodeWidget(item.url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = 58 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, (width - size) / 2, 22 * mm)
    line(width / 2, 17 * mm, "扫码评价，或在核验网站 /S/ 输入评价码", 8, centred=True)
    line(width / 2, 8 * mm, f"{item.code[:5]} {item.code[5:]}", 16, centred=True)
    pdf.showPage()
    pdf.save()
