"""Builds sync objects from an open store: the one place that knows where each piece comes from.

Used by the command line and the app (SyncWorker's `open_engine`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from terminal.sync import errors
from terminal.sync import state as keys
from terminal.sync.client import Enrolment, SyncClient
from terminal.sync.engine import SyncEngine
from terminal.sync.state import SyncState
from terminal.sync.transport import Transport
from terminal.sync.via_executor import DirectExecutor, engine_via
from terminal.usecases import staleness
from terminal.usecases.setup import terminal_key
from wirecontract.signing import b64url


def enrol_terminal(db: Database, code: str, server_url: str, transport: Transport | None = None) -> Enrolment:
    agency = db.query_one("SELECT name, credit_code FROM agency WHERE id = 1")
    if agency is None:
        raise errors.EnrolmentRefused("this data folder has no agency yet")
    number = db.scalar("SELECT value FROM settings WHERE key = 'terminal_number'") or ""
    client = SyncClient(server_url, terminal_key(db), transport=transport)
    enrolment = client.enrol(code, str(agency["credit_code"]), str(agency["name"]), f"terminal {number}".strip(),
                             requested_number=number)  # fmt: skip
    state = SyncStateRepo(db)
    with db.transaction():
        state.set(keys.SERVER_URL, client.base_url)
        state.set(keys.TERMINAL_ID, enrolment.terminal_id)
        state.set(keys.AGENCY_ID, enrolment.agency_id)
        state.set(keys.CENTRE_KEY, b64url(enrolment.centre_public_key))
        # The centre's number range for this terminal: credential numbers are unique in the city.
        SettingsRepo(db).set("terminal_number", enrolment.terminal_number)
    return enrolment


def engine_for(db: Database, transport: Transport | None = None, timeout: float = 30.0) -> SyncEngine:
    return engine_via(DirectExecutor(db), transport, timeout)


def status_of(db: Database, now: dt.datetime) -> dict[str, Any]:
    state = SyncStateRepo(db)
    return {
        **SyncState.read(state).to_json(),
        "outbox": OutboxRepo(db).counts(),
        "issuing_blocked": staleness.issuing_blocked(db, now),
        "staleness_limit_days": staleness.limit_days(db),
    }
