"""Batch work on credential queues: approve or print many at once, and expire what is past its date.
Each credential is its own transaction, so one refusal never undoes or blocks the others."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from terminal.core.errors import TerminalError
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.usecases import credentials
from terminal.usecases.context import Actor, authorise

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchItem:
    credential_no: str
    ok: bool
    error: TerminalError | None = None


def batch_transition(
    db: Database, actor: Actor, numbers: Sequence[str], action: Action, today: dt.date, reason: str | None = None
) -> list[BatchItem]:
    authorise(db, actor, action)
    results: list[BatchItem] = []
    for number in numbers:
        try:
            credentials.transition(db, actor, number, action, today, reason)
        except TerminalError as err:
            results.append(BatchItem(number, False, err))
        else:
            results.append(BatchItem(number, True))
    return results


def expire_due(db: Database, today: dt.date, actor: Actor | None = None) -> list[str]:
    """Issued or suspended credentials whose validity ended before today become expired. Run by the app (no
    actor: the expiry step) or by a signed-in operator (`terminal credential expire-due`)."""
    if actor is not None:
        authorise(db, actor, Action.EXPIRE)
    due = [str(r[0]) for r in db.query(
        "SELECT credential_no FROM credentials WHERE state IN ('issued', 'suspended') AND valid_to < ?",
        (today.isoformat(),),
    )]  # fmt: skip
    expired = []
    for number in due:
        try:
            credentials.expire_ended(db, number, today, actor)
        except TerminalError as err:  # one refusal must not keep the others from expiring
            log.warning("credential %s not expired: %s", number, err.code)
        else:
            expired.append(number)
    return expired
