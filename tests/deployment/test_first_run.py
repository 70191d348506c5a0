"""`terminal-server init`: the schema, the keys outside the database, the first administrator; the password
only from the environment or a prompt; a second run changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.deployment.conftest import TEST_PASSWORD, server_cli


def test_init_makes_schema_keys_and_the_first_administrator(tmp_path: Path) -> None:
    db, home = tmp_path / "centre.db", tmp_path / "home"
    url = f"sqlite:///{db}"
    first = server_cli(url, home, "init", "--admin", "chief",
                       env={"CENTRE_STAFF_PASSWORD": TEST_PASSWORD, "TERMINAL_SERVER_LANG": "en"})  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "first administrator created: chief" in first.stdout
    assert TEST_PASSWORD not in first.stdout + first.stderr
    key, secret = home / "signing-key", home / "secret-key"
    assert key.stat().st_mode & 0o777 == 0o600 and secret.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT u.username, u.is_superuser, u.password FROM auth_user u JOIN auth_user_groups ug "
                            "ON ug.user_id = u.id JOIN auth_group g ON g.id = ug.group_id WHERE g.name = 'admin'").fetchall()  # fmt: skip
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert [r[0] for r in rows] == ["chief"]
    assert rows[0][2].startswith("argon2$")
    assert {"events", "terminals", "terminal_activity", "django_migrations"} <= tables
    # The key is outside the database: no table holds it.
    assert key.read_text().strip() not in db.read_bytes().decode("latin-1")

    key_before = key.read_text()
    again = server_cli(url, home, "init", env={})  # no password needed: nothing is created
    assert again.returncode == 0, again.stderr
    assert "已有管理员，未创建新用户：chief" in again.stdout  # Chinese unless a language is asked for
    assert key.read_text() == key_before and "key_id" in server_cli(url, home, "key", "show").stdout


def test_init_refuses_a_weak_password_and_asks_when_none_is_given(tmp_path: Path) -> None:
    url, home = f"sqlite:///{tmp_path / 'centre.db'}", tmp_path / "home"
    weak = server_cli(url, home, "--lang", "en", "init", env={"CENTRE_STAFF_PASSWORD": "12345678"})
    assert weak.returncode == 1 and "weak_password" not in weak.stderr and "password" in weak.stderr.lower()
    # No password in the environment and no terminal to ask on: getpass reads standard input; the two entries differ.
    prompted = server_cli(url, home, "init", stdin=f"{TEST_PASSWORD}\nsomething-else\n")
    assert prompted.returncode == 1 and "两次输入不一致" in prompted.stderr and "again" not in prompted.stderr
    assert server_cli(url, home, "init", "--password", TEST_PASSWORD).returncode == 2  # no such option: never argv
