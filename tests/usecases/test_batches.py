from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import InvalidTransition, NotSignedIn, PermissionDenied
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.usecases import credentials
from terminal.usecases.context import Actor
from terminal.usecases.credential_batches import batch_transition, expire_due
from terminal.usecases.credentials import EXPIRY_STEP
from tests.builders import actor, register_eligible

TODAY = dt.date.today()
CLERK, SUP = actor(Role.CLERK), actor(Role.SUPERVISOR)


def test_batch_approval_reports_each_item_and_goes_on(db: Database) -> None:
    numbers = [credentials.apply(db, CLERK, register_eligible(db)[0], TODAY)
               for _ in range(3)]  # fmt: skip
    credentials.transition(db, SUP, numbers[1], Action.APPROVE, TODAY)  # already approved: refused in the batch
    results = batch_transition(db, SUP, [*numbers, "SH-MISSING"], Action.APPROVE, TODAY)
    assert [r.ok for r in results] == [True, False, True, False]
    assert all(credentials.get(db, n).state is State.APPROVED for n in numbers)
    with pytest.raises(PermissionDenied):
        batch_transition(db, CLERK, numbers, Action.APPROVE, TODAY)


def test_expire_due(db: Database) -> None:
    worker_id, _ = register_eligible(db)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    # An issued credential from a year ago (how it got issued is not what this test is about).
    with db.transaction():
        db.execute("UPDATE credentials SET state = 'issued', valid_to = ? WHERE credential_no = ?",
                   ((TODAY - dt.timedelta(days=1)).isoformat(), no))  # fmt: skip
    assert expire_due(db, TODAY, SUP) == [no]
    assert credentials.get(db, no).state is State.EXPIRED
    assert expire_due(db, TODAY, SUP) == []


def _issued_until(db: Database, valid_to: dt.date) -> str:
    worker_id, _ = register_eligible(db)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    with db.transaction():
        db.execute("UPDATE credentials SET state = 'issued', valid_to = ? WHERE credential_no = ?",
                   (valid_to.isoformat(), no))  # fmt: skip
    return no


def test_the_expiry_step_runs_without_an_operator_and_only_on_ended_credentials(db: Database) -> None:
    ended, valid = _issued_until(db, TODAY - dt.timedelta(days=1)), _issued_until(db, TODAY + dt.timedelta(days=30))
    assert expire_due(db, TODAY) == [ended]
    assert credentials.get(db, ended).state is State.EXPIRED and credentials.get(db, valid).state is State.ISSUED
    row = db.query_one("SELECT operator FROM credential_events WHERE action = 'expire'")
    assert row is not None and row["operator"] == EXPIRY_STEP.username
    # The expiry step's actor is no way around sign-in: elsewhere it is an unchecked claim like any other.
    with pytest.raises(NotSignedIn):
        credentials.transition(db, EXPIRY_STEP, valid, Action.EXPIRE, TODAY)
    with pytest.raises(NotSignedIn):
        expire_due(db, TODAY, Actor("intruder", Role.SUPERVISOR))


def test_the_expiry_step_cannot_expire_a_credential_still_valid(db: Database) -> None:
    valid = _issued_until(db, TODAY + dt.timedelta(days=30))
    with pytest.raises(InvalidTransition):
        credentials.expire_ended(db, valid, TODAY)
    assert credentials.get(db, valid).state is State.ISSUED
