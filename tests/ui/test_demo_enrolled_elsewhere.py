"""A demo home enrolled with another centre keeps that centre: starting the app no longer switches its server
address to the built-in demo centre. An unenrolled demo home still gets its own demo centre."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from terminal.reader.virtual import VirtualSamReader
from terminal.store.home import Home
from terminal.store.outbox import SyncStateRepo
from terminal.sync import state as keys
from terminal.ui.sync_runner import is_loopback_address
from tests.ui.conftest import Running, start_app

ELSEWHERE = "https://centre.example.invalid"


@pytest.fixture
def enrolled_elsewhere(qtbot: QtBot, demo_home: Home, device: VirtualSamReader) -> Iterator[Running]:
    db = demo_home.open()
    try:
        state = SyncStateRepo(db)
        state.set(keys.SERVER_URL, ELSEWHERE)
        state.set(keys.TERMINAL_ID, "T-ELSEWHERE")
    finally:
        db.close()
    gen = start_app(qtbot, demo_home, device)
    app = next(gen)
    qtbot.waitUntil(lambda: app.terminal.window is not None, timeout=10_000)
    yield app
    next(gen, None)


def test_a_demo_home_enrolled_elsewhere_keeps_its_centre(enrolled_elsewhere: Running) -> None:
    runner = enrolled_elsewhere.terminal.sync
    assert runner is not None
    # The first round has run (and failed: that centre does not exist), so the start-up decision is behind us.
    enrolled_elsewhere.qtbot.waitUntil(lambda: runner.status() is not None, timeout=20_000)
    assert runner.demo_centre is False
    url = enrolled_elsewhere.terminal.db.call(lambda db: SyncStateRepo(db).get(keys.SERVER_URL))
    assert url == ELSEWHERE


def test_an_unenrolled_demo_home_uses_its_own_centre(running: Running) -> None:
    runner = running.terminal.sync
    assert runner is not None
    running.qtbot.waitUntil(lambda: runner.status() is not None, timeout=90_000)  # a Django centre starting: slow under load
    assert runner.demo_centre is True
    url = running.terminal.db.call(lambda db: SyncStateRepo(db).get(keys.SERVER_URL))
    assert url is not None and is_loopback_address(url)


@pytest.mark.parametrize(
    ("url", "loopback"),
    [("http://127.0.0.1:18650", True), ("http://localhost:1", True), ("http://[::1]:8", True),
     ("https://centre.example", False), ("http://10.0.0.5", False), ("not a url", False)],
)  # fmt: skip
def test_loopback_addresses(url: str, loopback: bool) -> None:
    assert is_loopback_address(url) is loopback
