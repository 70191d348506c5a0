"""The electronic credential's activation (电子上门服务证): at issue, or when the worker's phone was lost, the
agency gives her a link with a one-time code, signed by this terminal's key, that her phone opens to register a
key it makes itself (wirecontract/ecard.py). The centre believes the link only from a terminal of the agency that
owns the credential, once, before it expires, and only for an issued, current, unexpired credential; a later
activation voids the phone activated before it. Qt-free: the CLI and the dialog call this."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from terminal.core.errors import InvalidTransition
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.store import audit
from terminal.store.db import Database
from terminal.usecases import credentials, printing, setup
from terminal.usecases.context import Actor, authorise, utcnow
from wirecontract import ecard
from wirecontract.errors import Text

ACTION_TEXT = Text("开通电子证件", "activate the electronic credential")


def new_code() -> str:
    """Ten base32 characters (50 bits) from the system's random source: the one-time part of the link."""
    return base64.b32encode(secrets.token_bytes(8)).decode("ascii")[: ecard.CODE_LENGTH]


@dataclass(frozen=True)
class ActivationLink:
    credential_no: str
    version: int
    url: str
    code: str
    expires_at: dt.datetime


def activation_link(
    db: Database, actor: Actor, credential_no: str, now: dt.datetime | None = None,
    code: Callable[[], str] = new_code,
) -> ActivationLink:  # fmt: skip
    """A signed activation link for an issued, unexpired credential; audited (without the code)."""
    authorise(db, actor, Action.ISSUE)
    now = now or utcnow()
    cred = credentials.get(db, credential_no.strip().upper())
    if cred.state is not State.ISSUED or not cred.valid_to or cred.valid_to < now.date().isoformat():
        raise InvalidTransition(state=cred.state.text, action=ACTION_TEXT)
    card_url = printing.card_data(db, cred.credential_no).qr_url
    activation = ecard.Activation(code(), int(now.timestamp()), ecard.ACTIVATION_TTL_MINUTES, card_url)
    url = ecard.encode_activation(activation, setup.terminal_key(db), printing.verification_base(db))
    with db.transaction():
        audit.append(db, actor.username, "credential.ecard_activation", "credential", cred.uid,
                     {"credential_no": cred.credential_no, "version": cred.version})  # fmt: skip
    expires = dt.datetime.fromtimestamp(activation.expires, dt.UTC)
    return ActivationLink(cred.credential_no, cred.version, url, activation.code, expires)
