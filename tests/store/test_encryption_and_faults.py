"""The database file is encrypted; a wrong key, a damaged file, a full disk and a lock each give their own error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pytest

from terminal.core import synthetic
from terminal.core.errors import CorruptDatabase, DatabaseLocked, DiskFull, KeyUnavailable, NewerSchema, WrongKey
from terminal.core.roles import Role
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.migrations import LATEST
from terminal.usecases import registration
from tests.builders import UNLOCK_SECRET, actor, card_read, make_home, person, profile, sign_in_staff

TODAY = dt.date.today()


def test_file_holds_none_of_the_stored_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    sign_in_staff(db)
    fields = person(name="欧阳娜娜")
    registration.register_worker(db, actor(), synthetic.simulated_read(fields), profile(phone="13987654321"), TODAY)
    wal = Path(str(home.db_path) + "-wal").read_bytes() if Path(str(home.db_path) + "-wal").exists() else b""
    data_open = home.db_path.read_bytes() + wal
    db.close()
    data = home.db_path.read_bytes() + data_open
    needles = [fields["id_number"], "13987654321", "欧阳娜娜", "测试家政服务有限公司", fields["address"]]
    for text in needles:
        for encoding in ("utf-8", "utf-16-le"):
            assert text.encode(encoding) not in data, text
    assert b"SQLite format 3" not in data[:16]


def test_wrong_secret_is_wrong_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h")
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", "not-the-secret")
    with pytest.raises(WrongKey):
        home.open()


def test_wrong_recovery_key_is_wrong_key(tmp_path: Path) -> None:
    home, recovery = make_home(tmp_path / "h")
    with pytest.raises(WrongKey):
        home.open(recovery_key="AAAA-" + recovery[5:])
    home.open(recovery_key=recovery.lower().replace("-", " ")).close()


def test_no_protector_available_says_how_to_unlock(tmp_path: Path) -> None:
    home, _ = make_home(tmp_path / "h")
    with pytest.raises(KeyUnavailable) as info:
        home.open()
    assert "TERMINAL_UNLOCK_SECRET" in info.value.message("zh")


def test_raw_key_mismatch_is_wrong_key_not_corruption(tmp_path: Path) -> None:
    home, _ = make_home(tmp_path / "h")
    with pytest.raises(WrongKey):
        Database.open(home.db_path, b"\x01" * 32, key_verified=False)


def test_flipped_byte_is_corruption_not_wrong_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        with pytest.raises(CorruptDatabase):
            db.query("SELECT * FROM settings")
    finally:
        db.close()


def test_integrity_check_finds_a_flip_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    data = bytearray(home.db_path.read_bytes())
    data[len(data) // 2 + 17] ^= 0x40
    home.db_path.write_bytes(bytes(data))
    db = home.open()
    try:
        assert db.integrity_check() != []
    finally:
        db.close()


def test_first_page_damage_is_corruption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    data = bytearray(home.db_path.read_bytes())
    data[100] ^= 0xFF
    home.db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase):
        home.open()


def test_newer_schema_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    db.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    with pytest.raises(NewerSchema) as info:
        home.open()
    assert str(LATEST + 1) in info.value.message("en")


def test_full_disk_loses_nothing_committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    db = home.open()
    sign_in_staff(db)
    first = registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    pages = int(db.scalar("PRAGMA page_count"))
    db.conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLite reports a full disk
    with pytest.raises(DiskFull):
        for _ in range(50):
            registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    db.close()
    db = home.open()
    assert db.scalar("SELECT id FROM workers WHERE id = ?", (first,)) == first
    workers = db.scalar("SELECT count(*) FROM workers")
    events = db.scalar("SELECT count(*) FROM outbox WHERE kind = 'worker.registered'")
    assert workers == events >= 1
    db.close()


def test_locked_database_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    holder = home.open()
    other = home.open()
    other.conn.execute("PRAGMA busy_timeout = 50")
    holder.conn.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked), other.transaction():
            other.execute("INSERT INTO settings(key, value) VALUES ('a', 'b')")
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
        other.close()


def test_unlock_secret_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = make_home(tmp_path / "h")
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(UNLOCK_SECRET + "\n", encoding="utf-8")
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET_FILE", str(secret_file))
    home.open().close()


def test_keyring_protector_unlocks_without_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        store: ClassVar[dict[tuple[str, str], str]] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # type: ignore[no-untyped-call]  # keyring's __init__ is untyped
    try:
        home, _ = make_home(tmp_path / "h")
        assert "keyring" in keys.KeyFile.load(home.root).protectors
        home.open().close()
        MemoryKeyring.store.clear()  # the OS store was reset: the other protectors still work
        with pytest.raises(KeyUnavailable):
            home.open()
    finally:
        keyring.set_keyring(previous)


def test_demo_home_uses_the_labelled_demo_key(tmp_path: Path) -> None:
    from terminal.usecases import setup
    from terminal.usecases.demo import fill_demo

    home = Home(tmp_path / "demo")
    setup.init_demo_home(home, lambda db: fill_demo(db, 3))
    assert home.is_demo
    db = home.open()
    assert db.scalar("SELECT count(*) FROM workers") == 3
    assert db.scalar("SELECT count(*) FROM operators WHERE role = ?", (Role.SUPERVISOR.value,)) == 1
    db.close()
