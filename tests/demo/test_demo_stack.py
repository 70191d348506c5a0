"""`terminal --demo` runs beside the app: a demo home and the demo centre on loopback, enrolled and syncing."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.core.lifecycle import State
from terminal.demo_stack import ensure_demo_home, start_demo_server
from terminal.store.home import Home
from terminal.store.outbox import SyncStateRepo
from terminal.sync.state import TERMINAL_ID
from terminal.sync.wiring import engine_for, status_of
from terminal.usecases.context import utcnow
from tests.sync.liveserver import query


def test_demo_syncs_with_its_own_centre_and_pulls_decisions(tmp_path: Path) -> None:
    home = Home(tmp_path / "demo")
    ensure_demo_home(home, workers=12)
    stack = start_demo_server(home)
    try:
        assert stack.server is not None and stack.server_url is not None
        db = home.open()
        try:
            report = engine_for(db).sync_once()
            queued = db.scalar("SELECT count(*) FROM outbox")
            assert report.accepted == queued and report.rejected == 0
            terminal_id = SyncStateRepo(db).get(TERMINAL_ID)  # the demo centre holds its seeded agencies' events too
            assert query(stack.server.db_url, "SELECT count(*) FROM events WHERE terminal_id = ?",
                         terminal_id)[0][0] == queued  # fmt: skip
            issued = db.scalar("SELECT credential_no FROM credentials WHERE state = 'issued' LIMIT 1")
            assert issued is not None
            stack.server.command("revoke", issued, "--reason", "中心注销（演示）")
            engine_for(db).sync_once()
            assert db.scalar("SELECT state FROM credentials WHERE credential_no = ?", (issued,)) == State.REVOKED.value
            assert status_of(db, utcnow())["issuing_blocked"] is False
        finally:
            db.close()
    finally:
        stack.stop()
    again = start_demo_server(home)  # a second start keeps the enrolment
    try:
        db = home.open()
        try:
            assert engine_for(db).sync_once().rejected == 0
        finally:
            db.close()
    finally:
        again.stop()


def test_without_the_centre_the_demo_runs_offline_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The packaged terminal ships without the centre: no process, no enrolment, a reason the sync screen shows."""
    from terminal import centre_process
    from terminal.sync.errors import DemoCentreUnavailable

    def not_installed() -> list[str]:
        raise centre_process.CentreNotInstalled("terminal-server is not installed")

    monkeypatch.setattr(centre_process, "centre_command", not_installed)
    home = Home(tmp_path / "demo")
    ensure_demo_home(home, workers=2)
    stack = start_demo_server(home)
    assert stack.server is None and stack.offline_reason and "not installed" in stack.offline_reason
    message = DemoCentreUnavailable(stack.offline_reason).message("zh")
    assert "离线" in message and "not installed" in message


def test_the_demo_port_is_fixed_for_people_and_free_for_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo centre is at DEMO_PORT unless TERMINAL_DEMO_PORT says otherwise (0: any free port, as the tests
    use); a fixed port taken between the check and the centre's bind falls back to a free port, not offline."""
    import socket

    from terminal import demo_stack

    monkeypatch.delenv("TERMINAL_DEMO_PORT")
    assert demo_stack.demo_port() == demo_stack.DEMO_PORT
    monkeypatch.setenv("TERMINAL_DEMO_PORT", "0")
    assert demo_stack.demo_port() is None
    monkeypatch.setenv("TERMINAL_DEMO_PORT", "18700")
    assert demo_stack.demo_port() == 18700

    home = Home(tmp_path / "demo")
    home.root.mkdir(parents=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(demo_stack, "port_is_free", lambda _port: True)  # the race: free when checked
        server = demo_stack._start_centre(home, port)
        try:
            assert server.port != port and server._healthy()
        finally:
            server.stop()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_demo_banner_names_every_address_in_one_language(lang: str) -> None:
    from terminal.demo_stack import banner

    url = "http://127.0.0.1:8765"
    said = banner(url, lang)
    for page in ("/admin/", "/v1/docs", "/console/"):
        assert url + page in said
    has_chinese = any("\u4e00" <= c <= "\u9fff" for c in said)
    assert has_chinese is (lang == "zh") and ("demo centre" in said) is (lang == "en")
