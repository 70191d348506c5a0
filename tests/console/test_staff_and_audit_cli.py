"""`terminal-server staff …` and `terminal-server audit verify` (on SQLite and PostgreSQL): accounts made with
a password from the environment (never argv), refusals in both languages, and a tampered audit chain found
whether an entry is altered, removed from the middle or removed from the end."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.liveserver import LiveServer

_databases = itertools.count()
PASSWORD = "Correct-horse-battery-9"


@pytest.fixture(params=["sqlite", "postgresql"])
def centre(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        yield LiveServer(tmp_path / "centre.db")
    else:
        yield LiveServer(request.getfixturevalue("cluster").create_database(f"cli{next(_databases)}"))


def staff(centre: LiveServer, *argv: str, password: str | None = PASSWORD) -> tuple[int, str, str]:
    centre.extra_env.pop("CENTRE_STAFF_PASSWORD", None)
    if password is not None:
        centre.extra_env["CENTRE_STAFF_PASSWORD"] = password
    done = centre.command("staff", *argv, check=False)
    return done.returncode, done.stdout, done.stderr


def test_staff_accounts_from_the_command_line(tmp_path: Path) -> None:
    centre = LiveServer(tmp_path / "centre.db")  # one backend: the chain test below covers PostgreSQL's side
    assert staff(centre, "add", "li.ming", "--role", "staff", "--name", "李明")[0] == 0
    assert staff(centre, "add", "chen.admin", "--role", "admin")[0] == 0
    code, _, err = staff(centre, "add", "li.ming", "--role", "police")
    assert code == 1 and "已存在" in err and "already exists" not in err  # one language a run
    code, _, err = staff(centre, "add", "weak", "--role", "staff", password="12345")
    assert code == 1 and "密码太弱" in err and "Traceback" not in err
    code, _, err = staff(centre, "add", "nopass", "--role", "staff", password=None)  # no TTY to prompt on
    assert code == 1 and "CENTRE_STAFF_PASSWORD" in err
    code, _, err = staff(centre, "add", "x", "--role", "superuser")
    assert code == 2 and "invalid choice" in err
    listing = staff(centre, "list")[1]
    assert "li.ming\tstaff\tactive" in listing and "chen.admin\tadmin\tactive" in listing
    assert "weak" not in listing and "nopass" not in listing and PASSWORD not in listing
    assert staff(centre, "disable", "li.ming")[0] == 0
    assert "li.ming\tstaff\tdisabled" in staff(centre, "list")[1]
    code, _, err = staff(centre, "disable", "nobody")
    assert code == 1 and "nobody" in err
    # The password is stored as an argon2 hash, and it never went through the command line.
    [(hashed,)] = centre.query("SELECT password FROM auth_user WHERE username = ?", "chen.admin")
    assert hashed.startswith("argon2$") and PASSWORD not in hashed
    assert "CENTRE_STAFF_PASSWORD" not in " ".join(os.environ)


def _verify_fails(centre: LiveServer, position: int, zh_why: str, en_why: str) -> None:
    """The break is reported in the language asked for, and only in it."""
    broken = centre.command("audit", "verify", check=False)
    assert broken.returncode == 1, broken.stdout
    assert f"第 {position} 条" in broken.stderr and zh_why in broken.stderr and en_why not in broken.stderr
    broken = centre.command("--lang", "en", "audit", "verify", check=False)
    assert broken.returncode == 1, broken.stdout
    assert f"entry {position}" in broken.stderr and en_why in broken.stderr and zh_why not in broken.stderr


def test_tampering_with_the_audit_chain_is_found(centre: LiveServer) -> None:
    from centre.audit.hashing import entry_hash

    for name in ("a.one", "a.two", "a.three"):
        assert staff(centre, "add", name, "--role", "regulator")[0] == 0
    assert "审计日志完好，共 3 条" in centre.command("audit", "verify").stdout

    _execute(centre, "UPDATE audit_entries SET subject = 'staff:someone-else' WHERE position = 2")
    _verify_fails(centre, 2, "内容被改动", "was altered")

    # A forger who recomputes entry 2's own hash still breaks entry 3, which holds the old one.
    [(at, prev, detail)] = centre.query("SELECT at, prev_hash, detail FROM audit_entries WHERE position = 2")
    moment = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at)).replace(tzinfo=dt.UTC)
    stamp = moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
    details = detail if isinstance(detail, dict) else json.loads(detail)
    forged = entry_hash(2, stamp, "command line", "staff.add", "staff:someone-else", details, prev)
    _execute(centre, f"UPDATE audit_entries SET entry_hash = '{forged}' WHERE position = 2")
    _verify_fails(centre, 3, "不衔接", "does not follow")

    _execute(centre, "DELETE FROM audit_entries WHERE position >= 2")  # the end cut off: the head knows
    _verify_fails(centre, 2, "链尾", "end of the chain")


def _execute(centre: LiveServer, sql: str) -> None:
    if centre.db_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(centre.db_url.removeprefix("sqlite:///")) as conn:
            conn.execute(sql)
    else:
        _pg_execute(centre, sql)


def _pg_execute(centre: LiveServer, sql: str) -> None:
    import psycopg

    from centre.config import database_settings

    s = database_settings(centre.db_url)
    with psycopg.connect(dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"]) as conn:
        conn.execute(sql)
