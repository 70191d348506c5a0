"""Builds sync objects from an open store: the one place that knows where each piece comes from.

Used by the command line and the app (SyncWorker's `open_engine`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from terminal.sync.via_executor import DirectExecutor, Executor, engine_via
from terminal.usecases import staleness
from terminal.usecases.setup import terminal_key
from wirecontract.signing import TerminalKey, b64url


def enrol_terminal(db: Database, code: str, server_url: str, transport: Transport | None = None) -> Enrolment:
    return enrol_via(DirectExecutor(db), code, server_url, transport)


def enrol_via(executor: Executor, code: str, server_url: str, transport: Transport | None = None) -> Enrolment:
    """Enrol with the centre: the agency and key are read, and the answer recorded, through `executor` (the
    database thread in the app), while the network wait runs on the caller's thread and never holds the
    database thread (a slow centre would keep the app from closing)."""
    facts = executor.call(_enrolment_facts)
    client = SyncClient(server_url, facts.key, transport=transport)
    enrolment = client.enrol(code, facts.credit_code, facts.agency_name, f"terminal {facts.number}".strip(),
                             requested_number=facts.number)  # fmt: skip
    executor.call(lambda db: _record_enrolment(db, client.base_url, enrolment))
    return enrolment


@dataclass(frozen=True)
class _EnrolmentFacts:
    agency_name: str
    credit_code: str
    number: str
    key: TerminalKey


def _enrolment_facts(db: Database) -> _EnrolmentFacts:
    agency = db.query_one("SELECT name, credit_code FROM agency WHERE id = 1")
    if agency is None:
        raise errors.EnrolmentRefused("this data folder has no agency yet")
    number = db.scalar("SELECT value FROM settings WHERE key = 'terminal_number'") or ""
    return _EnrolmentFacts(str(agency["name"]), str(agency["credit_code"]), str(number), terminal_key(db))


def _record_enrolment(db: Database, base_url: str, enrolment: Enrolment) -> None:
    state = SyncStateRepo(db)
    with db.transaction():
        state.set(keys.SERVER_URL, base_url)
        state.set(keys.TERMINAL_ID, enrolment.terminal_id)
        state.set(keys.AGENCY_ID, enrolment.agency_id)
        state.set(keys.CENTRE_KEY, b64url(enrolment.centre_public_key))
        # The centre's number range for this terminal: credential numbers are unique in the city.
        SettingsRepo(db).set("terminal_number", enrolment.terminal_number)


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
