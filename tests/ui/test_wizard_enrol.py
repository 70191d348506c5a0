"""The set-up wizard enrols the terminal with the centre when given an address and a one-time code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from terminal.reader.virtual import VirtualSamReader
from terminal.store.home import Home
from terminal.store.outbox import SyncStateRepo
from terminal.usecases.setup import make_credit_code
from tests.sync.liveserver import LiveServer
from tests.ui.conftest import start_app


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "centre.db").start()
    yield server
    server.stop()


def _fill(wizard: object, url: str, code: str) -> None:
    agency = wizard.agency_page  # type: ignore[attr-defined]
    for edit, text in ((agency.name, "测试家政"), (agency.credit_code, make_credit_code("91310105MA1FL3K2X")),
                       (agency.licence_no, "310105000111"), (agency.legal, "张三"), (agency.address, "上海市")):  # fmt: skip
        edit.setText(text)
    wizard.next()  # type: ignore[attr-defined]
    admin = wizard.admin_page  # type: ignore[attr-defined]
    admin.username.setText("boss")
    admin.password.setText("secret123")
    admin.again.setText("secret123")
    wizard.next()  # type: ignore[attr-defined]
    assert wizard.reader_page.chooser.choose("virtual")  # type: ignore[attr-defined]
    wizard.next()  # type: ignore[attr-defined]
    wizard.server_page.url.setText(url)  # type: ignore[attr-defined]
    wizard.server_page.code.setText(code)  # type: ignore[attr-defined]
    wizard.next()  # type: ignore[attr-defined]


def test_wizard_enrols_with_a_code(qtbot: QtBot, tmp_path: Path, device: VirtualSamReader, centre: LiveServer) -> None:
    home = Home(tmp_path / "fresh")
    gen = start_app(qtbot, home, device)
    running = next(gen)
    wizard = running.terminal.wizard
    assert wizard is not None
    _fill(wizard, centre.url, centre.enrolment_code(make_credit_code("91310105MA1FL3K2X"), "测试家政"))
    key_page = wizard.key_page
    qtbot.waitUntil(lambda: key_page.recovery_key is not None, timeout=20_000)
    db = home.open(recovery_key=key_page.recovery_key)
    try:
        assert SyncStateRepo(db).get("terminal_id") and SyncStateRepo(db).get("server_url") == centre.url
    finally:
        db.close()
    next(gen, None)


def test_a_bad_code_still_creates_the_home_and_says_how_to_enrol(
    qtbot: QtBot, tmp_path: Path, device: VirtualSamReader, centre: LiveServer
) -> None:
    home = Home(tmp_path / "fresh")
    gen = start_app(qtbot, home, device)
    running = next(gen)
    wizard = running.terminal.wizard
    assert wizard is not None
    _fill(wizard, centre.url, "WRONG-CODE-1234")
    key_page = wizard.key_page
    qtbot.waitUntil(lambda: key_page.recovery_key is not None, timeout=20_000)
    assert home.exists() and "terminal enrol" in key_page.status.text()
    next(gen, None)
