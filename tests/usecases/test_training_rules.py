"""Training rules without a screen: taps go the chosen way, a repeat within a minute changes nothing, a pass
needs the course's hours (over all its sessions), and managers' courses take a manager's card."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import NotFound
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import registration, training
from terminal.usecases.context import utcnow
from tests.builders import TODAY, actor, card_read, profile

TRAINER = actor(Role.TRAINER)


def course_and_session(db: Database, hours: float, session_hours: float, audience: str = "workers") -> str:
    code = f"C{int(hours)}{audience[0]}"
    training.add_course(db, TRAINER, code, "岗前培训", list(training.STANDARD_TOPICS), hours, audience=audience)
    return training.add_session(db, TRAINER, code, "张老师", "培训中心", utcnow(), session_hours)


def test_a_repeat_tap_never_signs_out(db: Database) -> None:
    read = card_read()
    registration.register_worker(db, actor(Role.CLERK), read, profile(), TODAY)
    session = course_and_session(db, 8, 8)
    start = utcnow() - dt.timedelta(hours=5)
    assert training.tap_card(db, TRAINER, session, read, "in", start).direction == "in"
    # The same card 20 seconds later, even with the trainer already on sign-out: the same tap.
    again = training.tap_card(db, TRAINER, session, read, "out", start + dt.timedelta(seconds=20))
    assert again.direction == "repeat" and again.hours == 0
    assert training.roster(db, session)[0].tap_out_at is None
    # Signing in twice keeps the first time.
    assert training.tap_card(db, TRAINER, session, read, "in", start + dt.timedelta(hours=1)).direction == "repeat"
    out = training.tap_card(db, TRAINER, session, read, "out", start + dt.timedelta(hours=4))
    assert out.direction == "out" and out.hours == 4 and out.photo is None


def test_sign_out_needs_a_sign_in(db: Database) -> None:
    read = card_read()
    registration.register_worker(db, actor(Role.CLERK), read, profile(), TODAY)
    session = course_and_session(db, 8, 8)
    with pytest.raises(training.NotSignedInToSession):
        training.tap_card(db, TRAINER, session, read, "out")


def test_a_pass_needs_the_course_hours_over_its_sessions(db: Database) -> None:
    read = card_read()
    worker_id = registration.register_worker(db, actor(Role.CLERK), read, profile(), TODAY)
    first = course_and_session(db, 16, 8)
    start = utcnow() - dt.timedelta(days=2)
    training.tap_card(db, TRAINER, first, read, "in", start)
    training.tap_card(db, TRAINER, first, read, "out", start + dt.timedelta(hours=8))
    with pytest.raises(training.TrainingHoursShort) as refused:
        training.record_result(db, TRAINER, first, worker_id, 95)
    assert "8" in refused.value.message("zh") and "16" in refused.value.message("en")
    assert training.record_result(db, TRAINER, first, worker_id, 30) is False  # a fail is always recorded
    second = training.add_session(db, TRAINER, "C16w", "张老师", "培训中心", utcnow(), 8)
    training.tap_card(db, TRAINER, second, read, "in", start + dt.timedelta(days=1))
    training.tap_card(db, TRAINER, second, read, "out", start + dt.timedelta(days=1, hours=8))
    assert training.record_result(db, TRAINER, second, worker_id, 95) is True  # 16 of 16 hours


def test_managers_are_known_by_their_card(db: Database) -> None:
    session = course_and_session(db, 4, 4, audience="managers")
    manager = card_read(name="钱经理")
    start = utcnow() - dt.timedelta(hours=5)
    assert training.tap_card(db, TRAINER, session, manager, "in", start).name == "钱经理"
    training.tap_card(db, TRAINER, session, manager, "out", start + dt.timedelta(hours=4))
    row = training.roster(db, session)[0]
    assert row.name == "钱经理" and row.hours == 4
    assert training.record_result(db, TRAINER, session, row.worker_id, 90) is True
    assert db.scalar("SELECT count(*) FROM agency_managers") == 1
    assert db.scalar("SELECT payload FROM outbox WHERE kind = 'training.result'").count("manager_uid") == 1
    # A workers' course still refuses a card nobody registered.
    workers = course_and_session(db, 8, 8)
    with pytest.raises(NotFound):
        training.tap_card(db, TRAINER, workers, manager, "in")
