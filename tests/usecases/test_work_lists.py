"""The work lists behind the credential, training screens: queues with masked numbers and what blocks issue."""

from __future__ import annotations

import datetime as dt

from terminal.core import synthetic
from terminal.core.issuing import Condition
from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.usecases import credentials, registration, training, work_lists
from terminal.usecases.context import utcnow
from tests.builders import actor, person, profile, register_eligible

TODAY = dt.date.today()
CLERK, SUP, TRAINER = actor(Role.CLERK), actor(Role.SUPERVISOR), actor(Role.TRAINER)


def test_queues_hold_each_state_with_masked_numbers_and_issue_blockers(db: Database) -> None:
    fields = person(name="钱多多")
    bare = registration.register_worker(db, CLERK, synthetic.simulated_read(person()), profile(complete=False), TODAY)
    waiting = credentials.apply(db, CLERK, bare, TODAY)
    worker, _ = register_eligible(db, synthetic.simulated_read(fields))
    applied = credentials.apply(db, CLERK, worker, TODAY)
    [blocked, ready] = work_lists.credential_queue(db, State.APPLIED, TODAY)
    assert (blocked.credential_no, ready.credential_no) == (waiting, applied) and ready.missing == ()
    assert {Condition.PHOTO, Condition.TRAINING, Condition.EMPLOYMENT_LETTER} <= set(blocked.missing)
    assert work_lists.credential_queue(db, State.PRINTED, TODAY) == []
    credentials.transition(db, SUP, applied, Action.APPROVE, TODAY)
    credentials.transition(db, CLERK, applied, Action.PRINT, TODAY)
    [entry] = work_lists.credential_queue(db, State.PRINTED, TODAY)
    assert entry.name == "钱多多" and entry.worker_id == worker and entry.version == 1
    assert fields["id_number"] not in entry.masked_id and entry.masked_id[:6] == fields["id_number"][:6]
    assert entry.valid_to == (TODAY + dt.timedelta(days=credentials.VALIDITY_DAYS)).isoformat()


def test_courses_and_sessions_count_what_they_hold(db: Database) -> None:
    training.add_course(db, TRAINER, "B2", "礼仪", ["礼仪规范"], 4)
    training.add_course(db, TRAINER, "A1", "岗前培训", list(training.STANDARD_TOPICS), 16, pass_score=70)
    first = training.add_session(db, TRAINER, "A1", "张老师", "长宁", utcnow() - dt.timedelta(days=2), 8)
    second = training.add_session(db, TRAINER, "A1", "李老师", "徐汇", utcnow(), 8)
    read = synthetic.simulated_read(person())
    registration.register_worker(db, CLERK, read, profile(), TODAY)
    training.tap(db, TRAINER, first, read)
    listed = work_lists.courses(db)
    assert [(c.code, c.sessions) for c in listed] == [("A1", 2), ("B2", 0)]
    assert listed[0].topics == training.STANDARD_TOPICS and listed[0].pass_score == 70
    found = work_lists.sessions(db, "A1")
    assert [s.uid for s in found] == [second, first]  # newest first
    assert [s.attendees for s in found] == [0, 1] and found[1].trainer == "张老师"
    assert work_lists.sessions(db, "B2") == [] and len(work_lists.sessions(db)) == 2
