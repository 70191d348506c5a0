"""A push's rows are written with one statement per table (centre/sync/rows.py): the verdicts and exactly-once
hold within one batch and across batches racing each other, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from typing import Any

import pytest

from terminal.sync.client import EventResult
from tests.console_workflows.djangodb import setup_django, use_database
from tests.server.postgres import PrivatePostgres
from tests.server.test_protocol import client_of, wire
from tests.sync.conftest import Terminal
from tests.sync.conftest import test_number as id_number_of
from tests.sync.liveserver import LiveServer
from wirecontract.protocol import EventStatus, RejectCode


def _registration(i: int) -> dict[str, Any]:
    return wire(uuid.uuid4().hex, 1, {"identity": {"id_number": id_number_of(i), "name": f"批次{i}"}})


def _counts(server: LiveServer, terminal_id: str) -> tuple[int, ...]:
    [(events,)] = server.query("SELECT COUNT(*) FROM events WHERE terminal_id = ?", terminal_id)
    [(records,)] = server.query("SELECT COUNT(*) FROM records WHERE entity = 'worker'")
    [(people,)] = server.query("SELECT COUNT(*) FROM identity_registry")
    [(reviews,)] = server.query("SELECT COUNT(*) FROM review_items WHERE status = 'pending'")
    return events, records, people, reviews


def test_an_event_twice_in_one_batch_is_stored_once(live_server: LiveServer, terminal: Terminal) -> None:
    client = client_of(live_server, terminal)
    first, second = _registration(900), _registration(901)
    changed = {**second, "payload": {**second["payload"], "phone": "13800000000"}}
    results = client.push([first, second, first, changed, second])
    assert [(r.status, r.code) for r in results] == [
        (EventStatus.ACCEPTED, None),
        (EventStatus.ACCEPTED, None),
        (EventStatus.DUPLICATE, None),
        (EventStatus.REJECTED, RejectCode.CONFLICT),  # the same id with other content
        (EventStatus.DUPLICATE, None),
    ]
    assert _counts(live_server, terminal.terminal_id) == (2, 2, 2, 2)
    stored = live_server.query("SELECT status, parked, reject_code FROM events WHERE event_id = ?", first["event_id"])
    assert [(status, bool(parked), code) for status, parked, code in stored] == [("accepted", False, None)]
    # The row holds what was sent: the card's identity on the record, the event's payload as it came.
    [(version,)] = live_server.query("SELECT version FROM records WHERE entity_uid = ?", first["entity_uid"])
    assert version == 1
    assert client.receipt().count == 2


def test_the_same_batch_pushed_twice_at_once_is_stored_once(live_server: LiveServer, terminal: Terminal) -> None:
    """Two pushes of one batch racing (a terminal's retry and its first attempt, served by two bulk workers): on
    PostgreSQL both may find the events new, and the second to commit meets the unique keys and runs again; on
    SQLite the second waits for the first's write lock. Either way: each event accepted once, duplicate once."""
    batch = [_registration(920 + i) for i in range(40)]
    answers: list[list[EventResult]] = []
    start = threading.Barrier(2)

    def push() -> None:
        client = client_of(live_server, terminal, timeout=60)
        start.wait()
        answers.append(client.push(batch))

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 2
    for i, event in enumerate(batch):
        statuses = Counter(answer[i].status for answer in answers)
        assert statuses == Counter({EventStatus.ACCEPTED: 1, EventStatus.DUPLICATE: 1}), event["event_id"]
    assert _counts(live_server, terminal.terminal_id) == (40, 40, 40, 40)


def test_a_duplicate_key_in_rows_copied_into_postgresql_is_an_integrity_error(
        cluster: PrivatePostgres, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """On PostgreSQL a push's rows go in with COPY (rows.py); a duplicate key must still be Django's
    IntegrityError, on which a push is run again and answered `duplicate` (centre/sync/api.py)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # a browser test earlier leaves its loop set
    setup_django()
    from django.db import IntegrityError, transaction

    from centre.sync import rows
    from centre.sync.models import IdentityRegistration

    use_database(cluster.create_database("rows_copied"))
    fields = ("id_number", "agency_id", "worker_uid", "simulated", "registered_at", "released_at", "release_reason")
    person = (id_number_of(1), "91310000MA1FL1111X", uuid.uuid4().hex, False, None, None, "")
    with transaction.atomic():
        rows.insert(IdentityRegistration, fields, [person])
    with pytest.raises(IntegrityError), transaction.atomic():  # the same person registered twice, unreleased
        rows.insert(IdentityRegistration, fields, [(*person[:2], uuid.uuid4().hex, *person[3:])])
    assert IdentityRegistration.objects.filter(id_number=id_number_of(1)).count() == 1
