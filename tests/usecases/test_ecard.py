"""The electronic credential's activation link on the terminal: only for an issued, unexpired credential, only for a
signed-in operator, signed by this terminal's key for the card it printed, a new one-time code each time, audited
without the code."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import InvalidTransition, NotSignedIn
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.store.outbox import SyncStateRepo
from terminal.sync import state as sync_keys
from terminal.usecases import credentials, ecard, printing, setup
from terminal.usecases.context import Actor, utcnow
from tests.builders import actor, register_eligible
from wirecontract import ecard as wire
from wirecontract import signing

TODAY = dt.date.today()
CLERK = actor(Role.CLERK)


def test_link_for_an_issued_credential_only(db: Database) -> None:
    SettingsRepo(db).set(printing.VERIFY_BASE_SETTING, "https://verify.example.cn")
    SyncStateRepo(db).set(sync_keys.LAST_PULL_AT, utcnow().isoformat())
    worker_id, read = register_eligible(db)
    number = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, actor(Role.SUPERVISOR), number, Action.APPROVE, TODAY)
    credentials.transition(db, CLERK, number, Action.PRINT, TODAY)
    with pytest.raises(InvalidTransition):  # printed, not yet handed over
        ecard.activation_link(db, CLERK, number)
    credentials.transition(db, CLERK, number, Action.ISSUE, TODAY, card_read=read)
    with pytest.raises(NotSignedIn):
        ecard.activation_link(db, Actor("nobody", Role.CLERK), number)

    link = ecard.activation_link(db, CLERK, number.lower())
    decoded = wire.decode_activation(link.url)
    key = setup.terminal_key(db)
    assert signing.verify(key.public_raw, decoded.link.signed_message, decoded.link.signature)
    assert decoded.activation.card_url == printing.card_data(db, number).qr_url  # the card it printed
    assert link.url.startswith("HTTPS://VERIFY.EXAMPLE.CN/A/") and len(link.code) == wire.CODE_LENGTH
    assert dt.timedelta(hours=23) < link.expires_at - utcnow() <= dt.timedelta(hours=24)
    assert ecard.activation_link(db, CLERK, number).code != link.code  # a new code each time
    audited = db.query("SELECT detail FROM audit_log WHERE action = 'credential.ecard_activation'")
    assert len(audited) == 2 and all(link.code not in str(row["detail"]) for row in audited)

    credentials.transition(db, actor(Role.SUPERVISOR), number, Action.SUSPEND, TODAY, reason="调查")
    with pytest.raises(InvalidTransition):
        ecard.activation_link(db, CLERK, number)
