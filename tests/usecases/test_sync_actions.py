"""Sending a rejected event again is a use case: role-checked, audited, only for rejected events."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import NotFound, NotSignedIn, PermissionDenied
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from terminal.usecases import registration, sync_actions
from terminal.usecases.context import Actor
from tests.builders import actor, card_read, profile


def _rejected_event(db: Database) -> str:
    registration.register_worker(db, actor(), card_read(), profile(), dt.date.today())
    event_id = str(db.scalar("SELECT event_id FROM outbox WHERE kind = 'worker.registered'"))
    OutboxRepo(db).record_results([(event_id, "rejected", "identity_registered_elsewhere", "另一机构已登记")])
    return event_id


def test_requeue_is_checked_audited_and_only_for_rejected_events(db: Database) -> None:
    event_id = _rejected_event(db)
    with pytest.raises(PermissionDenied):
        sync_actions.requeue_rejected(db, actor(Role.TRAINER), event_id)
    with pytest.raises(NotSignedIn):
        sync_actions.requeue_rejected(db, Actor("someone", Role.ADMINISTRATOR), event_id)
    assert db.scalar("SELECT state FROM outbox WHERE event_id = ?", (event_id,)) == "rejected"
    sync_actions.requeue_rejected(db, actor(Role.CLERK), event_id)
    row = db.query_one("SELECT state, reject_code FROM outbox WHERE event_id = ?", (event_id,))
    assert row is not None and row["state"] == "queued" and row["reject_code"] is None
    audit_row = db.query_one("SELECT operator, detail FROM audit_log WHERE action = 'outbox.requeued'")
    assert audit_row is not None and audit_row["operator"] == "clerk" and event_id in audit_row["detail"]
    with pytest.raises(NotFound):  # queued now, not rejected: nothing to send again
        sync_actions.requeue_rejected(db, actor(Role.CLERK), event_id)
