"""The centre on PostgreSQL (by URL): enrolment, push, pull and reconciliation as on SQLite."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.core.lifecycle import State
from terminal.core.roles import Action, Role
from terminal.store.home import Home
from terminal.sync.wiring import engine_for, enrol_terminal
from terminal.usecases import credentials, setup
from tests.builders import actor, agency, register_eligible, sign_in_staff
from tests.server.postgres import PrivatePostgres
from tests.sync.liveserver import LiveServer


@pytest.fixture
def postgres() -> Iterator[PrivatePostgres]:
    # Not under pytest's temporary folder: that is private to root, and PostgreSQL runs as `postgres`.
    root = Path(tempfile.mkdtemp(prefix="terminal-pg-"))
    server = PrivatePostgres(root).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_sync_round_trip_on_postgresql(postgres: PrivatePostgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    centre = LiveServer(postgres.url, demo=True).start()
    try:
        monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", "pg-secret-1")
        home = Home(tmp_path / "home")
        setup.init_home(home, agency(), "admin", "A", "admin1234", unlock_secret="pg-secret-1")
        db = home.open()
        try:
            sign_in_staff(db)
            enrol_terminal(db, centre.code_for(db), centre.url)
            today = dt.date.today()
            worker, _ = register_eligible(db)
            number = credentials.apply(db, actor(Role.CLERK), worker, today)
            credentials.transition(db, actor(Role.SUPERVISOR), number, Action.APPROVE, today)
            report = engine_for(db).sync_once()
            assert report.accepted == db.scalar("SELECT count(*) FROM outbox") and report.rejected == 0
            assert engine_for(db).sync_once().accepted == 0  # nothing twice
            assert engine_for(db).reconcile().matches
            centre.set_credential_status(number, "revoked", "中心注销")
            engine_for(db).sync_once()
            assert credentials.get(db, number).state is State.REVOKED
        finally:
            db.close()
    finally:
        centre.stop()
