"""Sync fixtures: the real server on loopback, a fault proxy, a real encrypted store with its outbox."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from terminal.core import synthetic
from terminal.store import outbox
from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.store.migrate import migrate
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from terminal.sync import state as keys
from terminal.sync.client import SyncClient
from terminal.sync.engine import SyncEngine
from terminal.usecases.central import apply_pulled
from tests.builders import person
from tests.sync.faultproxy import FaultProxy
from tests.sync.liveserver import TEST_AGENCY_ID, TEST_AGENCY_NAME, LiveServer
from wirecontract import idnumber
from wirecontract.receipt import Reconciliation
from wirecontract.signing import TerminalKey, b64url

AGENCY_ID = TEST_AGENCY_ID
TEST_READER = "test reader"


def registration(name: str, id_number: str, simulated: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a production centre needs to believe an identity: the card's raw text block and the read's
    provenance, as the terminal sends them with `worker.registered`."""
    return synthetic.registration_as_sent(person(name=name, id_number=id_number), simulated, reader=TEST_READER)


def test_number(i: int) -> str:
    """A valid, distinct resident ID number for each i (one birth date per i)."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=i)
    return idnumber.make_valid_18(f"310101{born:%Y%m%d}{i % 1000:03d}")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "central.db")
    # Delivery tests time requests out after a second or so: the bulk workers start with the centre, as in
    # production, not on the first push of a busy machine.
    server.extra_env["CENTRE_BULK_LAZY"] = "0"
    server.start()
    yield server
    server.stop()


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "central-demo.db", demo=True).start()
    yield server
    server.stop()


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(live_server.port).start()
    yield fault_proxy
    fault_proxy.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "terminal.db", os.urandom(32))
    migrate(db)
    yield db
    db.close()


def queue_workers(db: Database, count: int, simulated: bool = False, start: int = 0) -> list[str]:
    """Queue `count` worker registrations, each followed by a version-2 update: 2 × count events."""
    ids = []
    for i in range(start, start + count):
        uid = uuid.uuid4().hex
        payload, provenance = registration(f"测试{i}", test_number(i), simulated)
        with db.transaction():
            ids.append(outbox.enqueue(db, "worker", uid, 1, "worker.registered", payload, provenance=provenance,
                                      simulated=simulated))  # fmt: skip
            ids.append(outbox.enqueue(db, "worker", uid, 2, "worker.updated", {"phone": f"1380000{i:04d}"},
                                      simulated=simulated))  # fmt: skip
    return ids


@dataclass
class Terminal:
    db: Database
    key: TerminalKey
    terminal_id: str
    centre_key: bytes

    def client(self, base_url: str, **kwargs: Any) -> SyncClient:
        return SyncClient(base_url, self.key, self.terminal_id, centre_key=self.centre_key, **kwargs)

    def engine(self, base_url: str, timeout: float = 5.0, batch_size: int = 50) -> SyncEngine:
        client = self.client(base_url, timeout=timeout)
        return SyncEngine(OutboxRepo(self.db), SyncStateRepo(self.db), client,
                          lambda changes, cursor: apply_pulled(self.db, changes, cursor), batch_size=batch_size)  # fmt: skip


def enrol(db: Database, server: LiveServer, key: TerminalKey | None = None,
          agency: tuple[str, str] = (AGENCY_ID, TEST_AGENCY_NAME)) -> Terminal:  # fmt: skip
    key = key or TerminalKey.generate()
    client = SyncClient(server.url, key)
    number = SettingsRepo(db).get("terminal_number") or ""
    enrolment = client.enrol(server.enrolment_code(*agency), agency[0], agency[1], "柜台1", requested_number=number)
    state = SyncStateRepo(db)
    state.set(keys.SERVER_URL, server.url)
    state.set(keys.TERMINAL_ID, enrolment.terminal_id)
    state.set(keys.CENTRE_KEY, b64url(enrolment.centre_public_key))
    SettingsRepo(db).set("terminal_number", enrolment.terminal_number)
    return Terminal(db, key, enrolment.terminal_id, enrolment.centre_public_key)


@pytest.fixture
def terminal(store: Database, live_server: LiveServer) -> Terminal:
    return enrol(store, live_server)


def assert_exactly_once(server: LiveServer, term: Terminal, queued: list[str]) -> Reconciliation:
    """The server holds each of the terminal's events exactly once, and the receipt says so."""
    repo = OutboxRepo(term.db)
    assert repo.pending() == []
    held = server.event_ids(term.terminal_id, status=None)
    assert len(held) == len(set(held))
    assert sorted(held) == sorted(queued)
    assert sorted(repo.delivered_event_ids()) == sorted(queued)
    reconciliation = term.engine(server.url).reconcile()
    assert reconciliation.matches
    assert reconciliation.server.count == len(queued)
    return reconciliation
