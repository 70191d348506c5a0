from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from terminal.core import synthetic
from terminal.core.errors import (
    InvalidInput,
    InvalidTransition,
    IssuePreconditionFailed,
    PermissionDenied,
    StaleCentralData,
)
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync import state as sync_keys
from terminal.usecases import central, credentials, registration, training
from terminal.usecases.context import utcnow
from tests.builders import actor, person, profile
from wirecontract.identity import CardRead

TODAY = dt.date.today()
CLERK, SUP, TRAINER = actor(Role.CLERK), actor(Role.SUPERVISOR), actor(Role.TRAINER)


def _fresh_pull(db: Database, age: dt.timedelta = dt.timedelta(hours=1)) -> None:
    SyncStateRepo(db).set(sync_keys.LAST_PULL_AT, (utcnow() - age).isoformat())


def _register(db: Database, complete: bool = True, trained: bool = True) -> tuple[int, CardRead]:
    read = synthetic.simulated_read(person())
    worker_id = registration.register_worker(db, CLERK, read, profile(complete=complete), TODAY)
    if trained:
        code = "C1"
        if not db.scalar("SELECT 1 FROM training_courses WHERE code = ?", (code,)):
            training.add_course(db, TRAINER, code, "岗前培训", list(training.STANDARD_TOPICS), 8)
        session = training.add_session(db, TRAINER, code, "张老师", "培训中心", utcnow(), 8)
        start = utcnow() - dt.timedelta(hours=9)
        assert training.tap(db, TRAINER, session, read, start) == "in"
        assert training.tap(db, TRAINER, session, read, start + dt.timedelta(hours=8)) == "out"
        assert training.record_result(db, TRAINER, session, worker_id, 88)
    return worker_id, read


def _to_printed(db: Database, worker_id: int) -> str:
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    credentials.transition(db, CLERK, no, Action.PRINT, TODAY)
    return no


def test_full_lifecycle_is_audited_and_queued(db: Database) -> None:
    _fresh_pull(db)
    worker_id, read = _register(db)
    no = _to_printed(db, worker_id)
    issued = credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)
    assert issued.state is State.ISSUED and issued.valid_to is not None
    reprinted = credentials.transition(db, SUP, no, Action.REPRINT, TODAY, reason="遗失")
    assert reprinted.version == 2 and reprinted.state is State.APPROVED
    credentials.transition(db, CLERK, no, Action.PRINT, TODAY)
    credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)
    credentials.transition(db, SUP, no, Action.SUSPEND, TODAY, reason="调查")
    credentials.transition(db, SUP, no, Action.RESUME, TODAY)
    final = credentials.transition(db, SUP, no, Action.REVOKE, TODAY, reason="离职")
    assert final.state is State.REVOKED
    kinds = [r[0] for r in db.query("SELECT kind FROM outbox WHERE entity = 'credential' ORDER BY seq")]
    assert kinds == ["credential.applied", "credential.approved", "credential.printed", "credential.issued",
                     "credential.approved", "credential.printed", "credential.issued", "credential.suspended",
                     "credential.issued", "credential.revoked"]  # fmt: skip
    versions = [r[0] for r in db.query("SELECT record_version FROM outbox WHERE entity = 'credential' ORDER BY seq")]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    issue_reads = db.scalar("SELECT count(*) FROM identity_reads WHERE purpose = 'credential_issue'")
    assert issue_reads == 2


def test_issue_needs_training_health_check_and_letters(db: Database) -> None:
    _fresh_pull(db)
    worker_id, read = _register(db, complete=False, trained=False)
    no = _to_printed(db, worker_id)
    with pytest.raises(IssuePreconditionFailed) as info:
        credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)
    text = info.value.message("en")
    assert "training" in text and "employment commitment" in text and "credit authorisation" in text
    assert credentials.get(db, no).state is State.PRINTED


def test_issue_needs_a_valid_health_check(db: Database) -> None:
    _fresh_pull(db)
    old = TODAY - dt.timedelta(days=800)
    read = synthetic.simulated_read(person())
    lapsed = dataclasses.replace(
        profile(), health_check=registration.HealthCheckInput(old, old + dt.timedelta(days=365), "医院")
    )
    worker_id = registration.register_worker(db, CLERK, read, lapsed, TODAY)
    no = _to_printed(db, worker_id)
    with pytest.raises(IssuePreconditionFailed, match="health check"):
        credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)


def test_issue_needs_the_holders_card_tap(db: Database) -> None:
    _fresh_pull(db)
    worker_id, _read = _register(db)
    no = _to_printed(db, worker_id)
    with pytest.raises(InvalidInput):
        credentials.transition(db, CLERK, no, Action.ISSUE, TODAY)
    with pytest.raises(InvalidInput, match="not the holder"):
        credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=synthetic.simulated_read(person()))


def test_stale_central_data_blocks_issue_but_not_registration(db: Database) -> None:
    _fresh_pull(db, dt.timedelta(days=8))
    worker_id, read = _register(db)
    no = _to_printed(db, worker_id)
    with pytest.raises(StaleCentralData):
        credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)
    _fresh_pull(db)
    assert credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read).state is State.ISSUED


def test_roles_and_states_are_enforced(db: Database) -> None:
    worker_id, _ = _register(db, trained=False)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    with pytest.raises(PermissionDenied):
        credentials.transition(db, CLERK, no, Action.APPROVE, TODAY)
    with pytest.raises(InvalidTransition):
        credentials.transition(db, CLERK, no, Action.PRINT, TODAY)
    with pytest.raises(PermissionDenied):
        credentials.apply(db, TRAINER, worker_id, TODAY)
    with pytest.raises(InvalidInput):
        credentials.apply(db, CLERK, worker_id, TODAY)  # already holds a live credential


def test_centre_revocation_and_background_check_apply_in_order(db: Database) -> None:
    _fresh_pull(db)
    worker_id, read = _register(db)
    no = _to_printed(db, worker_id)
    credentials.transition(db, CLERK, no, Action.ISSUE, TODAY, card_read=read)
    id_number = str(db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))
    changes = [
        {"seq": 2, "kind": "credential.revoked", "data": {"credential_no": no, "reason": "中心注销", "version": 1}},
        {"seq": 1, "kind": "background_check", "data": {"id_number": id_number, "result": "adverse"}},
        {"seq": 3, "kind": "credit_record", "data": {"uid": "c1", "id_number": id_number, "kind": "negative",
                                                     "description": "失信记录"}},
        {"seq": 4, "kind": "complaint", "data": {"uid": "k1", "id_number": id_number, "summary": "中心受理投诉"}},
        {"seq": 5, "kind": "credential.revoked", "data": {"credential_no": "SH-UNKNOWN", "reason": "x"}},
    ]  # fmt: skip
    assert central.apply_pulled(db, changes, "cursor-5") == 5
    assert credentials.get(db, no).state is State.REVOKED
    assert central.cursor(db) == "cursor-5"
    assert db.scalar("SELECT source FROM credit_records WHERE uid = 'c1'") == "centre"
    assert db.scalar("SELECT source FROM complaints WHERE uid = 'k1'") == "centre"
    # Applying the same page again after a crash changes nothing.
    central.apply_pulled(db, changes, "cursor-5")
    assert db.scalar("SELECT count(*) FROM credit_records WHERE uid = 'c1'") == 1
    # The adverse background check blocks a new application.
    with pytest.raises(IssuePreconditionFailed, match="background"):
        credentials.apply(db, CLERK, worker_id, TODAY)
    # Centre decisions are not sent back to the centre.
    assert db.scalar("SELECT count(*) FROM outbox WHERE kind = 'credential.revoked'") == 0
