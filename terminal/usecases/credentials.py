"""Credential lifecycle use cases: apply, approve, print, issue (with a card tap), reprint, suspend, resume,
revoke, expire, renew. Every transition is checked against the role and the state machine, audited and
queued for sync, in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from terminal.core import lifecycle
from terminal.core.errors import InvalidInput, InvalidTransition, NotFound
from terminal.core.issuing import ApplicationReturned, Condition, IssuingConditionsUnmet, Stage
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role, action_text
from terminal.store import identity_reads, search
from terminal.store.db import Database, Row
from terminal.store.kv import SettingsRepo
from terminal.usecases import staleness
from terminal.usecases.context import Actor, authorise, new_uid, utcnow, verify
from terminal.usecases.journal import record, worker_ref
from wirecontract.errors import Text
from wirecontract.identity import CardRead

VALIDITY_DAYS = 365


class AlreadyHoldsCredential(InvalidInput):
    zh_template = "该人员已有有效证件 {credential_no}，不能再申请。"
    en_template = "The worker already holds credential {credential_no}, so another cannot be applied for."


class HolderMustTapCard(InvalidInput):
    zh_template = "发证须持证人本人刷身份证确认领取。"
    en_template = "The holder must tap their own ID card to confirm receipt."


class TappedCardNotHolders(InvalidInput):
    zh_template = "所刷身份证不是证件持有人的，不能发证。"
    en_template = "The tapped ID card is not the holder's; the credential cannot be issued."


@dataclass(frozen=True)
class Credential:
    credential_no: str
    uid: str
    worker_id: int
    version: int
    state: State
    valid_from: str | None
    valid_to: str | None
    state_reason: str | None


def _credential(row: Row) -> Credential:
    return Credential(row["credential_no"], row["uid"], int(row["worker_id"]), int(row["version"]),
                      State(row["state"]), row["valid_from"], row["valid_to"], row["state_reason"])  # fmt: skip


def get(db: Database, credential_no: str) -> Credential:
    row = db.query_one("SELECT * FROM credentials WHERE credential_no = ?", (credential_no,))
    if row is None:
        raise NotFound(what=Text("证件", "credential"), key=credential_no)
    return _credential(row)


def for_worker(db: Database, worker_id: int) -> list[Credential]:
    return [_credential(r) for r in db.query("SELECT * FROM credentials WHERE worker_id = ? ORDER BY id", (worker_id,))]


def _next_number(db: Database, today: dt.date) -> str:
    terminal_no = SettingsRepo(db).get("terminal_number") or "0000"
    prefix = f"SH{today.year}{terminal_no}"
    last = db.scalar(
        "SELECT max(credential_no) FROM credentials WHERE credential_no >= ? AND credential_no < ?",
        (prefix, prefix + "~"),
    )
    seq = int(str(last)[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def _payload(db: Database, cred: Credential, action: str, reason: str | None, at: str) -> dict[str, object]:
    wuid, _, _ = worker_ref(db, cred.worker_id)
    # The centre's verification page shows "attention" when these lapse, so they travel with the credential.
    health = db.scalar("SELECT max(expires_on) FROM health_checks WHERE worker_id = ? AND passed = 1", (cred.worker_id,))
    insurance = db.scalar("SELECT max(expires_on) FROM insurance WHERE worker_id = ?", (cred.worker_id,))
    return {"credential_no": cred.credential_no, "worker_uid": wuid, "version": cred.version,
            "state": cred.state.value, "valid_from": cred.valid_from, "valid_to": cred.valid_to,
            "health_valid_to": health, "insurance_valid_to": insurance,
            "action": action, "reason": reason, "at": at}  # fmt: skip


def _centre_blocks(db: Database, worker_id: int) -> bool:
    result = db.scalar("SELECT result FROM background_checks WHERE worker_id = ? ORDER BY id DESC LIMIT 1", (worker_id,))
    return bool(result == "adverse")


def apply(db: Database, actor: Actor, worker_id: int, today: dt.date) -> str:
    authorise(db, actor, Action.APPLY)
    _, _, simulated = worker_ref(db, worker_id)
    live = db.scalar(
        "SELECT credential_no FROM credentials WHERE worker_id = ? AND state NOT IN ('revoked', 'expired')",
        (worker_id,),
    )
    if live:
        raise AlreadyHoldsCredential(credential_no=live)
    if _centre_blocks(db, worker_id):
        raise IssuingConditionsUnmet(Stage.APPLY, [Condition.BACKGROUND_CHECK])
    now = utcnow().isoformat()
    with db.transaction():
        number = _next_number(db, today)
        cred_id = db.execute(
            "INSERT INTO credentials(uid, credential_no, worker_id, state, applied_at, updated_at)"
            " VALUES (?, ?, ?, 'applied', ?, ?)",
            (new_uid(), number, worker_id, now, now),
        )
        db.execute(
            "INSERT INTO credential_events(credential_id, action, from_state, to_state, version, operator, at)"
            " VALUES (?, 'apply', NULL, 'applied', 1, ?, ?)",
            (cred_id, actor.username, now),
        )
        cred = get(db, number)
        search.reindex_worker(db.conn, worker_id)
        record(db, actor, "credential", cred.uid, 1, "credential.applied", _payload(db, cred, "apply", None, now),
               {"credential_no": number}, simulated=simulated)  # fmt: skip
    return number


def unmet_conditions(db: Database, worker_id: int, today: dt.date) -> list[Condition]:
    """The issuing conditions (terminal/core/issuing.py) the worker does not meet today; empty when all are met.
    Checked at approval, before printing and at issue."""
    t = today.isoformat()
    unmet: list[Condition] = []
    if not db.scalar("SELECT photo_attachment_id FROM workers WHERE id = ?", (worker_id,)):
        unmet.append(Condition.PHOTO)
    if not db.scalar("SELECT 1 FROM training_attendance WHERE worker_id = ? AND passed = 1", (worker_id,)):
        unmet.append(Condition.TRAINING)
    if not db.scalar("SELECT 1 FROM health_checks WHERE worker_id = ? AND passed = 1 AND expires_on >= ?", (worker_id, t)):
        unmet.append(Condition.HEALTH_CHECK)
    if not db.scalar("SELECT 1 FROM insurance WHERE worker_id = ? AND starts_on <= ? AND expires_on >= ?", (worker_id, t, t)):
        unmet.append(Condition.INSURANCE)
    for kind, condition in (("employment_commitment", Condition.EMPLOYMENT_LETTER),
                            ("credit_authorisation", Condition.CREDIT_LETTER)):  # fmt: skip
        if not db.scalar("SELECT 1 FROM letters WHERE worker_id = ? AND kind = ?", (worker_id, kind)):
            unmet.append(condition)
    if _centre_blocks(db, worker_id):
        unmet.append(Condition.BACKGROUND_CHECK)
    return unmet


def require_conditions(db: Database, worker_id: int, today: dt.date, stage: Stage) -> None:
    unmet = unmet_conditions(db, worker_id, today)
    if unmet:
        raise IssuingConditionsUnmet(stage, unmet)


def is_returned(db: Database, credential_no: str) -> bool:
    """An application a supervisor (or the centre) sent back to the clerk, not yet handed in again."""
    last = db.scalar(
        "SELECT e.action FROM credential_events e JOIN credentials c ON c.id = e.credential_id"
        " WHERE c.credential_no = ? ORDER BY e.id DESC LIMIT 1",
        (credential_no,),
    )
    return bool(last == "return")


def staleness_gate(db: Database, now: dt.datetime) -> None:
    """Issuing needs fresh central data (revocations, background checks): terminal/usecases/staleness.py."""
    staleness.require_fresh_central_data(db, now)


def transition(
    db: Database, actor: Actor, credential_no: str, action: Action, today: dt.date,
    reason: str | None = None, card_read: CardRead | None = None, source: str = "agency",
    enforce_staleness: bool = True,
) -> Credential:  # fmt: skip
    verify(db, actor)
    return _transition(db, actor, credential_no, action, today, reason, card_read, source, enforce_staleness)


# The terminal's own expiry step (at start-up and hourly in the app): not a person. It is believed only by
# expire_ended, and only for a credential whose validity has ended; its user name is what the audit log and the
# credential's history show.
EXPIRY_STEP = Actor("system:expiry", Role.ADMINISTRATOR, "到期检查 / expiry check")


def expire_ended(db: Database, credential_no: str, today: dt.date, actor: Actor | None = None) -> Credential:
    """Expire one issued or suspended credential whose validity ended before `today`: as the expiry step, or as
    `actor` (who must be signed in). Anything else is refused, so the expiry step can do nothing but this."""
    if actor is not None:
        verify(db, actor)
    cred = get(db, credential_no)
    if cred.state not in (State.ISSUED, State.SUSPENDED) or cred.valid_to is None or cred.valid_to >= today.isoformat():
        raise InvalidTransition(state=cred.state.text, action=action_text(Action.EXPIRE))
    return _transition(db, actor or EXPIRY_STEP, credential_no, Action.EXPIRE, today)


def _transition(
    db: Database, actor: Actor, credential_no: str, action: Action, today: dt.date,
    reason: str | None = None, card_read: CardRead | None = None, source: str = "agency",
    enforce_staleness: bool = True,
) -> Credential:  # fmt: skip
    """The transition itself, for an actor already verified (or the terminal's own expiry step)."""
    cred = get(db, credential_no)
    step = lifecycle.check(action, cred.state, actor.role, reason)
    issue_read_id: int | None = None
    if action is Action.APPROVE and is_returned(db, credential_no):
        raise ApplicationReturned(credential_no=credential_no)
    stage = {Action.APPROVE: Stage.APPROVE, Action.PRINT: Stage.PRINT, Action.ISSUE: Stage.ISSUE}.get(action)
    if stage is not None:
        require_conditions(db, cred.worker_id, today, stage)
    if action is Action.ISSUE:
        if enforce_staleness:
            staleness_gate(db, utcnow())
        if card_read is None:
            raise HolderMustTapCard()
        tapped = identity_reads.decode(card_read)
        _, id_number, _ = worker_ref(db, cred.worker_id)
        if tapped.id_number != id_number:
            raise TappedCardNotHolders()
    now = utcnow().isoformat()
    version = cred.version + 1 if step.new_version else cred.version
    _, _, simulated = worker_ref(db, cred.worker_id)
    with db.transaction():
        sets = ["state = ?", "version = ?", "updated_at = ?", "record_version = record_version + 1",
                "state_reason = ?"]  # fmt: skip
        params: list[object] = [step.target.value, version, now, reason]
        if action is Action.APPROVE:
            sets += ["approved_at = ?", "approved_by = ?", "valid_from = ?", "valid_to = ?"]
            params += [now, actor.username, today.isoformat(), (today + dt.timedelta(days=VALIDITY_DAYS)).isoformat()]
        elif action is Action.PRINT:
            sets += ["printed_at = ?"]
            params += [now]
        elif action is Action.ISSUE:
            assert card_read is not None
            issue_read_id, _ = identity_reads.insert(db, card_read, actor.username, purpose="credential_issue")
            sets += ["issued_at = ?", "issued_by = ?", "issue_read_id = ?"]
            params += [now, actor.username, issue_read_id]
        elif action is Action.RENEW:
            sets += ["valid_from = NULL", "valid_to = NULL", "applied_at = ?"]
            params += [now]
        db.execute(f"UPDATE credentials SET {', '.join(sets)} WHERE credential_no = ?", (*params, credential_no))
        cred_id = db.scalar("SELECT id FROM credentials WHERE credential_no = ?", (credential_no,))
        db.execute(
            "INSERT INTO credential_events(credential_id, action, from_state, to_state, version, operator, reason,"
            " at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cred_id, action.value, cred.state.value, step.target.value, version, actor.username, reason, now, source),
        )
        updated = get(db, credential_no)
        record_version = int(db.scalar("SELECT record_version FROM credentials WHERE id = ?", (cred_id,)))
        record(db, actor, "credential", cred.uid, record_version, f"credential.{step.target.value}",
               _payload(db, updated, action.value, reason, now),
               {"credential_no": credential_no, "action": action.value, "version": version},
               simulated=simulated, send=source == "agency")  # fmt: skip
    return updated


def queue(db: Database, state: State, limit: int = 500) -> list[Credential]:
    rows = db.query("SELECT * FROM credentials WHERE state = ? ORDER BY applied_at LIMIT ?", (state.value, limit))
    return [_credential(r) for r in rows]
