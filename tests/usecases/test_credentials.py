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
from terminal.core.issuing import ApplicationReturned, Condition, IssuingConditionsUnmet, Stage
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync import state as sync_keys
from terminal.usecases import application_file, central, credentials, printing, registration, training, work_lists
from terminal.usecases.context import utcnow
from tests.builders import actor, person, photo_scan, profile
from wirecontract.identity import CardRead

TODAY = dt.date.today()
CLERK, SUP, TRAINER = actor(Role.CLERK), actor(Role.SUPERVISOR), actor(Role.TRAINER)


def _fresh_pull(db: Database, age: dt.timedelta = dt.timedelta(hours=1)) -> None:
    SyncStateRepo(db).set(sync_keys.LAST_PULL_AT, (utcnow() - age).isoformat())


def _register(db: Database, complete: bool = True, trained: bool = True) -> tuple[int, CardRead]:
    read = synthetic.simulated_read(person())
    worker_id = registration.register_worker(db, CLERK, read, profile(complete=complete, photo=photo_scan()), TODAY)
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


def test_every_issuing_condition_is_checked_at_approval(db: Database) -> None:
    read = synthetic.simulated_read(person())
    bare = dataclasses.replace(profile(complete=False), insurance=None)
    worker_id = registration.register_worker(db, CLERK, read, bare, TODAY)  # no photo, training, letters, insurance
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    with pytest.raises(IssuingConditionsUnmet) as info:
        credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    assert set(info.value.unmet) == {Condition.PHOTO, Condition.TRAINING, Condition.INSURANCE,
                                     Condition.EMPLOYMENT_LETTER, Condition.CREDIT_LETTER}  # fmt: skip
    zh, en = info.value.message("zh"), info.value.message("en")
    assert "照片" in zh and "培训" in zh and "photo" not in zh  # one language at a time
    assert "photo" in en and "training" in en and "照片" not in en
    assert credentials.get(db, no).state is State.APPLIED


def test_a_condition_that_lapses_after_approval_stops_printing_before_the_printer(db: Database) -> None:
    _fresh_pull(db)
    SyncStateRepo(db).set("server_url", "https://centre.example.test")
    worker_id, _read = _register(db)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    later = TODAY + dt.timedelta(days=400)  # the health check and insurance have lapsed by then
    with pytest.raises(IssuingConditionsUnmet, match="health check") as info:
        printing.cards_for_print(db, [no], later)
    assert info.value.stage is Stage.PRINT and Condition.INSURANCE in info.value.unmet
    with pytest.raises(IssuingConditionsUnmet):
        credentials.transition(db, CLERK, no, Action.PRINT, later)
    assert credentials.get(db, no).state is State.APPROVED
    assert [card.credential_no for card in printing.cards_for_print(db, [no], TODAY)] == [no]


def test_a_returned_application_leaves_the_approval_queue_until_the_clerk_hands_it_in(db: Database) -> None:
    worker_id, _ = _register(db)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    with pytest.raises(InvalidInput):
        application_file.return_to_clerk(db, SUP, no, "  ")
    with pytest.raises(PermissionDenied):
        application_file.return_to_clerk(db, CLERK, no, "照片不清晰")
    application_file.return_to_clerk(db, SUP, no, "照片不清晰，请重拍")
    assert work_lists.credential_queue(db, State.APPLIED, TODAY) == []
    [returned] = work_lists.credential_queue(db, State.APPLIED, TODAY, returned=True)
    assert returned.credential_no == no and returned.returned_reason == "照片不清晰，请重拍"
    with pytest.raises(ApplicationReturned):
        credentials.transition(db, SUP, no, Action.APPROVE, TODAY)
    application_file.resubmit(db, CLERK, no)
    assert [e.credential_no for e in work_lists.credential_queue(db, State.APPLIED, TODAY)] == [no]
    assert credentials.transition(db, SUP, no, Action.APPROVE, TODAY).state is State.APPROVED
    actions = [r[0] for r in db.query("SELECT action FROM audit_log WHERE action LIKE 'credential.re%' ORDER BY seq")]
    assert actions == ["credential.return", "credential.resubmit"]
    assert db.scalar("SELECT count(*) FROM outbox WHERE kind LIKE 'credential.re%'") == 0  # the centre's state is unchanged


def test_the_application_file_holds_the_whole_file_masked(db: Database) -> None:
    worker_id, _ = _register(db)
    no = credentials.apply(db, CLERK, worker_id, TODAY)
    file = application_file.load(db, SUP, no, TODAY)
    full = str(db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))
    assert file.photo is not None and file.photo[:4] == b"\x89PNG"
    assert full not in file.masked_id and full not in repr(file) and file.name not in repr(file)
    assert {letter.kind for letter in file.letters} >= {"employment_commitment", "credit_authorisation"}
    assert file.health_check is not None and file.insurance is not None and file.training[0].passed
    assert file.unmet == () and file.returned_reason is None


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
