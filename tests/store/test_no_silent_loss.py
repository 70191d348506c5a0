"""No silent loss: a database that lost its -wal file (or was swapped for an old copy) is noticed on open and
refuses writes; a database with a damaged page goes read-only; the data folder and its files are private."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest

from terminal.core.errors import CorruptDatabase, DatabaseRolledBack
from terminal.store import audit, marks
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.outbox import OutboxRepo
from terminal.usecases import registration
from tests.builders import actor, card_read, make_home, person, profile, sign_in_staff

TODAY = dt.date.today()
CLERK = actor()


def _register(home_db: Database, start: int, count: int) -> None:
    sign_in_staff(home_db)
    for i in range(start, start + count):
        read = card_read(**person(name=f"登记{i}", id_number=_number(i)))
        registration.register_worker(home_db, CLERK, read, profile(), TODAY)


def _number(i: int) -> str:
    from wirecontract import idnumber

    return idnumber.make_valid_18(f"31010519900101{i:03d}")


def _crash_and_lose_the_wal(home: Home, tmp_path: Path) -> int:
    """Register 5 workers (checkpointed), then 20 more that stay in the WAL; then "crash" and delete the WAL.
    Returns the outbox's last sequence number before the loss."""
    db = home.open()
    _register(db, 0, 5)
    db.close()  # checkpoints: these 5 are in the main file
    db = home.open()
    db.conn.execute("PRAGMA wal_autocheckpoint = 0").fetchall()
    _register(db, 5, 20)
    last = int(db.scalar("SELECT max(seq) FROM outbox"))
    # The main file as a crash leaves it, before any checkpoint: the 20 are only in the WAL.
    shutil.copyfile(home.db_path, tmp_path / "main-at-crash.db")
    db.close()
    shutil.copyfile(tmp_path / "main-at-crash.db", home.db_path)
    for suffix in ("-wal", "-shm"):
        Path(str(home.db_path) + suffix).unlink(missing_ok=True)
    return last


def test_a_deleted_wal_is_noticed_and_writes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    last = _crash_and_lose_the_wal(home, tmp_path)
    db = home.open()
    try:
        assert db.scalar("SELECT count(*) FROM workers") == 5  # the loss is real...
        refusal = db.write_refusal
        assert isinstance(refusal, DatabaseRolledBack)  # ...and no longer silent
        assert refusal.params["expected"] == last
        # No new event can reuse a sequence number the centre may already hold.
        with pytest.raises(DatabaseRolledBack):
            _register(db, 100, 1)
        assert int(db.scalar("SELECT max(seq) FROM outbox")) < last
        # `audit verify` no longer calls the shortened chain intact.
        report = audit.verify(db)
        assert not report.ok and report.problem is not None and "rolled back" in report.problem
        # Reading (and so backing up) still works.
        assert len(OutboxRepo(db).pending()) > 0
    finally:
        db.close()
    # The marks are not moved back by opening the rolled-back database.
    stored = marks.load(home.root)
    assert stored is not None and stored.outbox_seq == last


def test_an_old_copy_of_the_same_length_is_noticed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database that reached the marks' length by a different history is not this terminal's history."""
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    _register(db, 0, 2)
    db.close()
    stored = marks.load(home.root)
    assert stored is not None
    marks.save(home.root, marks.Marks(stored.outbox_seq, stored.audit_seq, "0" * 64))
    db = home.open()
    try:
        assert isinstance(db.write_refusal, DatabaseRolledBack)
    finally:
        db.close()


def test_normal_use_moves_the_marks_and_never_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    for round_ in range(3):
        db = home.open()
        assert db.write_refusal is None
        _register(db, round_ * 3, 3)
        now = marks.current(db)
        db.close()
        assert marks.load(home.root) == now


def test_a_home_without_marks_gets_them_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    (home.root / marks.MARKS_FILE).unlink(missing_ok=True)
    db = home.open()
    try:
        assert db.write_refusal is None
        assert marks.load(home.root) == marks.current(db)
    finally:
        db.close()


def test_a_damaged_page_makes_the_store_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    with db.transaction():
        for i in range(300):
            db.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (f"k{i}", "x" * 200))
    db.close()
    data = bytearray(home.db_path.read_bytes())
    data[len(data) - 2048] ^= 0x01  # inside the last page: the settings rows just written
    home.db_path.write_bytes(bytes(data))
    db = home.open()
    try:
        assert db.write_refusal is None  # nothing has touched the damaged page yet
        with pytest.raises(CorruptDatabase):
            db.query("SELECT * FROM settings")
        assert isinstance(db.write_refusal, CorruptDatabase)
        # A write that would not even touch the damaged page is refused: the file is not to be trusted.
        with pytest.raises(CorruptDatabase):
            _register(db, 0, 1)
    finally:
        db.close()


def test_integrity_check_problems_also_make_it_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    db.close()
    data = bytearray(home.db_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    home.db_path.write_bytes(bytes(data))
    db = home.open()
    try:
        assert db.integrity_check()
        assert isinstance(db.write_refusal, CorruptDatabase)
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows ACLs are set by the installer")
def test_the_data_folder_and_its_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    _register(db, 0, 1)
    try:

        def mode(path: Path) -> int:
            return stat.S_IMODE(path.stat().st_mode)

        assert mode(home.root) == 0o700
        for name in ("keys.json", "terminal.db", "terminal.db-wal", "marks.json"):
            assert mode(home.root / name) == 0o600, name
    finally:
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_old_world_readable_home_is_tightened_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    home.root.chmod(0o755)
    home.db_path.chmod(0o644)
    home.open().close()
    assert stat.S_IMODE(home.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(home.db_path.stat().st_mode) == 0o600


def test_doctor_reports_a_rolled_back_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from terminal.doctor import run_checks

    home, _ = make_home(tmp_path / "h", monkeypatch)
    healthy = {c.name: c for c in run_checks(home)}
    assert healthy["database"].ok
    _crash_and_lose_the_wal(home, tmp_path)
    database = {c.name: c for c in run_checks(home)}["database"]
    assert not database.ok and "older than this terminal has confirmed" in database.detail
