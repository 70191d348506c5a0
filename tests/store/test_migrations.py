"""Every earlier schema migrates to the latest with its data; a newer one is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from terminal.core.errors import NewerSchema
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.migrate import migrate, schema_version
from terminal.store.migrations import LATEST, MIGRATIONS
from terminal.store.search import search
from terminal.usecases import registration, setup
from tests.builders import actor, agency, card_read, profile, sign_in_staff

TODAY = dt.date.today()


def _fresh(path: Path) -> Database:
    return Database.open(path, keys.new_database_key())


@pytest.mark.parametrize("start", range(LATEST + 1))
def test_migrates_from_every_earlier_schema(tmp_path: Path, start: int) -> None:
    key = keys.new_database_key()
    db = Database.open(tmp_path / "t.db", key)
    migrate(db, start)
    assert schema_version(db) == start
    old_data = 2 <= start < LATEST
    if old_data:
        # A worker registered under the old schema, written as that version's code wrote it.
        read = card_read(name="李小萌")
        identity_cols = "card_type, id_number, name, sex_code, birth_date, raw_text, raw_sha256, reader, sam_id, read_at, simulated, operator"
        from terminal.store.identity_reads import decode

        ident = decode(read)
        with db.transaction():
            read_id = db.execute(
                f"INSERT INTO identity_reads({identity_cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (ident.card_type.value, ident.id_number, ident.name, ident.sex_code, ident.birth_date.isoformat(),
                 read.raw_text, read.provenance.raw_sha256, read.provenance.reader, read.provenance.sam_id,
                 read.provenance.read_at.isoformat(), 1, "old"),
            )  # fmt: skip
            worker_id = db.execute(
                "INSERT INTO workers(uid, id_number, identity_read_id, phone, created_at, created_by, updated_at)"
                " VALUES ('old-uid', ?, ?, '13700001111', 'then', 'old', 'then')",
                (ident.id_number, read_id),
            )
            if start >= 4:  # from the search index's migration on, registering also indexed the worker
                from terminal.store.search import reindex_worker

                reindex_worker(db.conn, worker_id)
    applied = migrate(db)
    assert len(applied) == LATEST - start
    assert schema_version(db) == LATEST
    assert [r[0] for r in db.query("SELECT number FROM schema_migrations ORDER BY number")] == list(range(1, LATEST + 1))
    if old_data:
        assert search(db, "李小萌") and search(db, "lxm") and search(db, "1111")
    db.close()


def test_each_migration_is_named_and_numbered() -> None:
    names = [m.NAME for m in MIGRATIONS]
    assert len(set(names)) == len(names)
    for number, module in enumerate(MIGRATIONS, start=1):
        assert module.__name__.rsplit(".", 1)[-1].startswith(f"m{number:04d}_")


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _fresh(tmp_path / "t.db")
    migrate(db, 2)
    broken = MIGRATIONS[2]
    monkeypatch.setattr(broken, "STATEMENTS", [*broken.STATEMENTS, "CREATE TABLE credentials (x)"])
    with pytest.raises(Exception, match="already exists"):
        migrate(db)
    assert schema_version(db) == 2
    assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'print_jobs'") == 0
    db.close()


def test_newer_database_is_refused_without_changes(tmp_path: Path) -> None:
    db = _fresh(tmp_path / "t.db")
    setup.initialise_database(db, agency(), "admin", "A", "admin1234")
    db.conn.execute(f"PRAGMA user_version = {LATEST + 3}")
    with pytest.raises(NewerSchema):
        migrate(db)
    assert schema_version(db) == LATEST + 3
    db.close()


def test_register_after_migration_works(tmp_path: Path) -> None:
    db = _fresh(tmp_path / "t.db")
    setup.initialise_database(db, agency(), "admin", "A", "admin1234")
    sign_in_staff(db)
    registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    assert db.scalar("SELECT count(*) FROM workers") == 1
    db.close()
