"""`terminal-server`'s staff commands and its refusals: a database from a newer centre, an unknown agency, a
bad database URL, a decision that does not fit. Each runs the real command line in its own process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.sync.liveserver import LiveServer


def test_a_database_migrated_by_a_newer_centre_is_refused(tmp_path: Path) -> None:
    centre = LiveServer(tmp_path / "c.db")
    assert centre.command("db", "upgrade").returncode == 0
    current = centre.command("db", "current").stdout
    assert "[X] 0001_initial" in current
    for app in ("analytics", "complaints", "ecard", "evaluations", "integrity", "policecheck", "public", "review",
                "auth", "axes"):  # every app with migrations is reported, not only the first ones the centre had
        assert f"\n{app}\n" in current, app
    assert "[ ]" not in current
    with sqlite3.connect(tmp_path / "c.db") as conn:
        conn.execute("INSERT INTO django_migrations(app, name, applied) VALUES ('sync', '0099_future', '2030-01-01')")
    for argv in (("db", "current"), ("enrol-code", "--agency", "X"), ("serve", "--port", "1")):
        refused = centre.command(*argv, check=False)
        assert refused.returncode == 3, argv
        assert "较新版本" in refused.stderr and "sync.0099_future" in refused.stderr and "Traceback" not in refused.stderr


def test_agencies_codes_and_terminals(tmp_path: Path) -> None:
    centre = LiveServer(tmp_path / "c.db")
    unknown = centre.command("enrol-code", "--agency", "91310000NOSUCH000X", check=False)
    assert unknown.returncode == 1 and "terminal-server agency add" in unknown.stderr
    centre.command("agency", "add", "91310000ma1fl1111x", "--name", "甲家政", "--district", "徐汇区")
    assert "91310000MA1FL1111X\t甲家政\t徐汇区\t0 台终端" in centre.command("agency", "list").stdout
    code = centre.command("enrol-code", "--agency", "91310000MA1FL1111X").stdout.split()[-1]
    assert len(code.replace("-", "")) == 20
    missing = centre.command("terminal", "revoke", "TNOSUCH", "--reason", "x", check=False)
    assert missing.returncode == 1 and "TNOSUCH" in missing.stderr
    revoke = centre.command("revoke", "SH2026000100001", "--reason", "x", check=False)
    assert revoke.returncode == 1 and "SH2026000100001" in revoke.stderr


def test_a_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    centre = LiveServer("mysql://nobody@nowhere/centre")
    bad = centre.command("db", "current", check=False)
    assert bad.returncode == 2 and "不支持的数据库地址类型" in bad.stderr and "Traceback" not in bad.stderr
    assert "unsupported" not in bad.stderr  # one language a run
    bad = centre.command("--lang", "en", "db", "current", check=False)
    assert bad.returncode == 2 and "configuration error: unsupported database URL" in bad.stderr


def test_a_database_that_cannot_be_used_is_a_clear_error(tmp_path: Path) -> None:
    """Not a traceback: which database (never its password), the driver's reason, what to check; exit code 1, so
    systemd starts the process again for a database that comes back."""
    from terminal.centre_process import free_port

    missing_folder = LiveServer(f"sqlite:///{tmp_path / 'no-such-folder' / 'centre.db'}")
    refused = missing_folder.command("--lang", "en", "db", "upgrade", check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "The centre's database (sqlite:///" in refused.stderr and "unable to open database file" in refused.stderr
    nobody_listens = LiveServer(f"postgresql://centre:do-not-show@127.0.0.1:{free_port()}/centre")
    refused = nobody_listens.command("db", "current", check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "无法使用中心数据库（postgresql://centre:***@127.0.0.1:" in refused.stderr and "do-not-show" not in refused.stderr


def test_serve_says_where_it_listens_and_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    """The banner names the address actually taken (port 0: a free one, which then answers); a port another
    process holds is exit code 1 with the reason, before anything is started or announced (uvicorn's own exit code
    for it is 3, this program's code for a newer schema, on which systemd does not restart)."""
    import socket
    import subprocess

    import requests

    from terminal.centre_process import centre_command

    centre = LiveServer(tmp_path / "c.db")
    assert centre.command("db", "upgrade").returncode == 0
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        refused = centre.command("--lang", "en", "serve", "--port", str(port), check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and refused.stdout == ""
    assert f"The centre cannot listen on 127.0.0.1:{port}: Address already in use." in refused.stderr

    argv = [*centre_command(), "--lang", "en", "serve", "--port", "0", "--stop-on-eof", "--db", centre.db_url]
    with subprocess.Popen(argv, env=centre.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as serving:
        assert serving.stdout is not None and serving.stdin is not None
        banner = serving.stdout.readline()
        address = banner.split()[3]  # "centre serving at http://127.0.0.1:PORT · …"
        assert address.startswith("http://127.0.0.1:") and not address.endswith(":0")
        assert requests.get(address + "/healthz", timeout=30).status_code == 200
        serving.stdin.close()
        assert serving.wait(30) == 0
