"""Credential cards from the store: what goes on the card and in its signed QR, recording print jobs
(a card counts as printed only once the print system confirmed the job), and what the local verifier
knows (this terminal's key, void and revoked versions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from terminal.core import service_types
from terminal.core.errors import InvalidInput, InvalidTransition
from terminal.core.issuing import Stage
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.print.card import CardData
from terminal.store import attachments, audit
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.usecases import credentials, setup
from terminal.usecases.context import Actor, authorise, utcnow
from wirecontract import qrpayload
from wirecontract.errors import Text

PRINTABLE = (State.APPROVED, State.PRINTED, State.ISSUED)
VERIFY_BASE_SETTING = "verify_base_url"


class NoVerificationPage(InvalidInput):
    zh_template = "本终端尚未在中心注册，二维码没有核验页面可指向。请先联网注册终端（terminal enrol）。"
    en_template = ("The terminal is not enrolled with the centre, so the QR has no verification page: enrol it first "
                   "(terminal enrol).")  # fmt: skip


def verification_base(db: Database) -> str:
    """The central verification page the QR opens: the enrolled server, else the address set for it."""
    from terminal.store.kv import SettingsRepo

    base = SyncStateRepo(db).get("server_url") or SettingsRepo(db).get(VERIFY_BASE_SETTING)
    if not base:
        raise NoVerificationPage()
    return base


def is_demo(db: Database) -> bool:
    from terminal.store.kv import SettingsRepo

    return SettingsRepo(db).get("demo") == "1"


def card_data(db: Database, credential_no: str, today: dt.date | None = None) -> CardData:
    cred = credentials.get(db, credential_no)
    if cred.state not in PRINTABLE or not cred.valid_from or not cred.valid_to:
        raise InvalidTransition(state=cred.state.text, action=Text("打印", "print"))
    row = db.query_one(
        "SELECT r.name, r.english_name, w.id_number, w.photo_attachment_id, r.simulated FROM workers w"
        " JOIN identity_reads r ON r.id = w.identity_read_id WHERE w.id = ?",
        (cred.worker_id,),
    )
    agency = db.query_one("SELECT name, phone, address FROM agency WHERE id = 1")
    assert row is not None and agency is not None
    codes = tuple(r[0] for r in db.query("SELECT code FROM worker_service_types WHERE worker_id = ? ORDER BY code",
                                          (cred.worker_id,)))  # fmt: skip
    from wirecontract.idnumber import mask

    demo = bool(row["simulated"]) or is_demo(db)
    name = row["name"] or row["english_name"] or ""
    claims = qrpayload.CredentialClaims(
        credential_no=cred.credential_no, version=cred.version, name=name, masked_id_number=mask(row["id_number"]),
        agency=agency["name"], service_codes=codes, valid_from=dt.date.fromisoformat(cred.valid_from),
        valid_to=dt.date.fromisoformat(cred.valid_to), demo=demo,
    )  # fmt: skip
    photo = card_photo(db, row["photo_attachment_id"])
    return CardData(
        credential_no=cred.credential_no, version=cred.version, name=name, masked_id_number=claims.masked_id_number,
        service_types=tuple(service_types.label(c) for c in codes), agency_name=agency["name"],
        agency_contact=" ".join(x for x in (agency["phone"], agency["address"]) if x),
        valid_from=claims.valid_from, valid_to=claims.valid_to, issue_date=today or dt.date.today(),
        qr_url=qrpayload.encode(claims, setup.terminal_key(db), verification_base(db)), photo=photo, demo=demo,
    )  # fmt: skip


def cards_for_print(db: Database, numbers: Sequence[str], today: dt.date) -> list[CardData]:
    """The cards to print or preview: every one's issuing conditions are checked first (photo, training, letters,
    health check, insurance, background check), so a card that could not be issued is never printed."""
    cards = []
    for number in numbers:
        cred = credentials.get(db, number)
        credentials.require_conditions(db, cred.worker_id, today, Stage.PRINT)
        cards.append(card_data(db, number, today))
    return cards


def card_photo(db: Database, attachment_id: int | None) -> bytes | None:
    """PNG or JPEG for the card; a decoded card photo arrives as BMP and is converted."""
    if not attachment_id:
        return None
    data, mime = attachments.get(db, int(attachment_id))
    if mime in ("image/png", "image/jpeg"):
        return data
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(out, "PNG")
    return out.getvalue()


def record_print(
    db: Database, actor: Actor, credential_no: str, printer: str, job_ref: str | None, ok: bool,
    detail: str | None = None, today: dt.date | None = None,
) -> None:  # fmt: skip
    """Record one print attempt. A confirmed job moves an approved credential to printed; a failed one
    leaves it waiting and says why in the record."""
    authorise(db, actor, Action.PRINT)
    cred = credentials.get(db, credential_no)
    with db.transaction():
        cred_id = db.scalar("SELECT id FROM credentials WHERE credential_no = ?", (credential_no,))
        db.execute(
            "INSERT INTO print_jobs(credential_id, version, operator, printer, job_ref, status, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (cred_id, cred.version, actor.username, printer, job_ref, "completed" if ok else "failed", detail,
             utcnow().isoformat()),
        )  # fmt: skip
        audit.append(db, actor.username, "credential.print_" + ("completed" if ok else "failed"), "credential",
                     cred.uid, {"credential_no": credential_no, "version": cred.version, "printer": printer,
                                "job": job_ref})  # fmt: skip
        if ok and cred.state is State.APPROVED:
            credentials.transition(db, actor, credential_no, Action.PRINT, today or dt.date.today())


def record_export(db: Database, actor: Actor, credential_nos: list[str], target: str) -> None:
    """A PDF written to a file is not a printed card: it is audited, the state does not change."""
    authorise(db, actor, Action.PRINT)
    with db.transaction():
        audit.append(db, actor.username, "credential.pdf_exported", "credential", None,
                     {"credentials": credential_nos, "file": target})  # fmt: skip


def known_keys(db: Database) -> dict[str, bytes]:
    key = setup.terminal_key(db)
    return {key.key_id: key.public_raw}


def void_versions(db: Database) -> list[tuple[str, int] | str]:
    """Revoked credentials (every version) and the versions a reprint made void."""
    out: list[tuple[str, int] | str] = [r[0] for r in db.query("SELECT credential_no FROM credentials WHERE state = 'revoked'")]
    for no, version in db.query("SELECT credential_no, version FROM credentials WHERE version > 1"):
        out.extend((no, v) for v in range(1, int(version)))
    return out


def print_history(db: Database, credential_no: str) -> list[dict[str, object]]:
    rows = db.query(
        "SELECT p.version, p.operator, p.printer, p.job_ref, p.status, p.detail, p.at FROM print_jobs p"
        " JOIN credentials c ON c.id = p.credential_id WHERE c.credential_no = ? ORDER BY p.id",
        (credential_no,),
    )
    return [dict(r) for r in rows]


def credential_rows(db: Database, actor: Actor, state: str | None = None, limit: int = 1000) -> list[dict[str, object]]:
    """Credentials with their holder's name (personal data: for signed-in staff only; no ID numbers)."""
    authorise(db, actor, Action.PRINT)
    sql = ("SELECT c.credential_no, c.version, c.state, r.name, c.valid_to FROM credentials c"
           " JOIN workers w ON w.id = c.worker_id JOIN identity_reads r ON r.id = w.identity_read_id")  # fmt: skip
    params: tuple[object, ...] = ()
    if state:
        sql += " WHERE c.state = ?"
        params = (state,)
    sql += " ORDER BY c.id LIMIT ?"
    return [dict(r) for r in db.query(sql, (*params, limit))]

