"""No silent loss after a rolled-back database: the terminal fetches its own accepted events back from a real
centre, re-applies the registrations, numbers new events after them (so the centre never sees a number
twice) and says what it could not bring back. `terminal sync recover` runs the same use case."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from terminal.cli.main import main
from terminal.core.errors import CorruptDatabase, DatabaseRolledBack, PermissionDenied
from terminal.core.roles import Role
from terminal.store import marks
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.outbox import OutboxRepo
from terminal.sync.wiring import engine_for, enrol_terminal
from terminal.usecases import recovery
from tests.builders import sign_in_staff
from tests.store.test_no_silent_loss import _register
from tests.sync.liveserver import LiveServer


def _rolled_back_home(home: Home, server: LiveServer, tmp_path: Path) -> tuple[int, int, int]:
    """3 workers synced and checkpointed; 4 more synced but only in the WAL; 1 more never synced. Then the
    WAL is lost. Returns (the centre's last number, the outbox's last number, workers before the loss)."""
    db = home.open()
    enrol_terminal(db, server.code_for(db), server.url)
    _register(db, 0, 3)
    engine_for(db).sync_once()
    db.close()  # checkpoints
    db = home.open()
    db.conn.execute("PRAGMA wal_autocheckpoint = 0").fetchall()
    _register(db, 3, 4)
    engine_for(db).sync_once()
    centre_last = int(db.scalar("SELECT max(seq) FROM outbox WHERE state = 'accepted'"))
    _register(db, 7, 1)  # queued, never delivered
    last = int(db.scalar("SELECT max(seq) FROM outbox"))
    workers = int(db.scalar("SELECT count(*) FROM workers"))
    shutil.copyfile(home.db_path, tmp_path / "main-at-crash.db")
    db.close()
    shutil.copyfile(tmp_path / "main-at-crash.db", home.db_path)
    for suffix in ("-wal", "-shm"):
        Path(str(home.db_path) + suffix).unlink(missing_ok=True)
    return centre_last, last, workers


def _fetch(db: Database) -> recovery.FetchPage:
    return engine_for(db).client.my_events


def test_recovery_brings_back_what_the_centre_holds_and_names_the_rest(
    demo_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import make_home

    home, _ = make_home(tmp_path / "h", monkeypatch)
    centre_last, last, workers = _rolled_back_home(home, demo_server, tmp_path)
    db = home.open()
    try:
        assert isinstance(db.write_refusal, DatabaseRolledBack)
        staff = sign_in_staff(db)  # staff can still sign in to a store that refuses writes
        local_before = int(db.scalar("SELECT max(seq) FROM outbox"))
        assert db.scalar("SELECT count(*) FROM workers") == 3 < workers
        with pytest.raises(PermissionDenied):
            recovery.recover_from_centre(db, staff[Role.SUPERVISOR], _fetch(db))

        report = recovery.recover_from_centre(db, staff[Role.ADMINISTRATOR], _fetch(db))
        assert report.was_rolled_back and report.local_seq_before == local_before
        assert report.events_restored == centre_last - local_before
        assert report.workers_reapplied == 4
        assert report.local_seq_after == centre_last
        assert report.never_delivered == last - centre_last > 0  # the unsynced registration's events
        assert report.audit_entries_lost > 0
        assert sum(report.not_reapplied.values()) == report.events_restored - 4  # each named, by kind
        # The people are back, searchable, with their card reads; the store writes again.
        assert db.scalar("SELECT count(*) FROM workers") == 7
        assert db.write_refusal is None
        entry = db.query_one("SELECT detail FROM audit_log WHERE action = ?", (recovery.RECOVERED,))
        assert entry is not None and json.loads(entry["detail"])["events_restored"] == report.events_restored

        # New events are numbered after the centre's: the centre accepts them, nothing is refused seq_reused.
        _register(db, 20, 1)
        assert int(db.scalar("SELECT min(seq) FROM outbox WHERE state = 'queued'")) > centre_last
        sync = engine_for(db).sync_once()
        assert sync.rejected == 0 and sync.accepted > 0
        assert engine_for(db).reconcile().matches
        assert OutboxRepo(db).pending() == []
    finally:
        db.close()
    # The marks follow the recovered store: opening it again refuses nothing.
    db = home.open()
    try:
        assert db.write_refusal is None and marks.load(home.root) == marks.current(db)
    finally:
        db.close()


@pytest.mark.expected_logs("centre rejected")
def test_without_recovery_the_centre_refuses_a_reused_number(
    demo_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What recovery prevents: the rolled-back store's numbers, reused (marks lost too), are refused."""
    from tests.builders import make_home

    home, _ = make_home(tmp_path / "h", monkeypatch)
    centre_last, _, _ = _rolled_back_home(home, demo_server, tmp_path)
    (home.root / marks.MARKS_FILE).unlink()  # the marks went with the WAL: nothing stops the writes
    db = home.open()
    try:
        assert db.write_refusal is None
        _register(db, 30, 2)
        assert int(db.scalar("SELECT min(seq) FROM outbox WHERE state = 'queued'")) <= centre_last
        report = engine_for(db).sync_once()
        assert report.rejected_codes.get("seq_reused", 0) > 0
        # Recovery still works: it fetches what lies beyond the local outbox and names nothing as lost.
        staff = sign_in_staff(db)
        found = recovery.recover_from_centre(db, staff[Role.ADMINISTRATOR], _fetch(db))
        assert not found.was_rolled_back and found.local_seq_after >= centre_last
    finally:
        db.close()


def test_a_damaged_store_is_not_recovered_this_way(
    demo_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import make_home

    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    try:
        enrol_terminal(db, demo_server.code_for(db), demo_server.url)
        staff = sign_in_staff(db)
        db.refuse_writes(CorruptDatabase)
        with pytest.raises(CorruptDatabase):
            recovery.recover_from_centre(db, staff[Role.ADMINISTRATOR], _fetch(db))
        assert isinstance(db.write_refusal, CorruptDatabase)
    finally:
        db.close()


def test_terminal_sync_recover_on_the_command_line(
    demo_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.builders import make_home

    home, _ = make_home(tmp_path / "h", monkeypatch)
    centre_last, _, _ = _rolled_back_home(home, demo_server, tmp_path)
    monkeypatch.setenv("TERMINAL_OPERATOR", "admin")
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", "admin1234")
    assert main(["--home", str(home.root), "sync", "recover", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["local_seq_after"] == centre_last and out["workers_reapplied"] == 4
    assert main(["--home", str(home.root), "--lang", "en", "sync", "recover"]) == 0  # nothing more to fetch
    said = capsys.readouterr().out
    assert "fetched back from the centre: 0 events" in said and "取回" not in said  # one language at a time
    assert main(["--home", str(home.root), "--lang", "zh", "sync", "recover"]) == 0
    said = capsys.readouterr().out
    assert "已从中心取回 0 条记录" in said and "fetched" not in said
