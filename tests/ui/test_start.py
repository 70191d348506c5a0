"""Start-up paths: first-run wizard with the recovery key confirm, unlocking with the recovery key (wrong
then right), demo home creation, crash reports (no personal data) offered at the next start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from terminal.core.errors import WrongKey
from terminal.reader.virtual import VirtualSamReader
from terminal.store.home import Home
from terminal.ui.crash import OFFERED_SUFFIX, CrashHandler, pending_reports
from terminal.usecases import setup
from tests.ui.conftest import start_app
from tests.ui.helpers import open_dialogs, visible

CODE = setup.make_credit_code("91310105MA1FL3K2X")


def test_wizard_creates_home_and_confirms_recovery_key(qtbot: QtBot, tmp_path: Path, device: VirtualSamReader) -> None:
    home = Home(tmp_path / "fresh")
    gen = start_app(qtbot, home, device)
    running = next(gen)
    wizard = running.terminal.wizard
    assert wizard is not None and running.terminal.window is None
    agency = wizard.agency_page
    for edit, text in ((agency.name, "测试家政"), (agency.credit_code, "91310105MA1FL3K2Y"), (agency.licence_no, "310105000111"),
                       (agency.legal, "张三"), (agency.address, "上海市长宁区1号")):  # fmt: skip
        edit.setText(text)
    wizard.next()
    assert wizard.currentPage() is agency and visible(agency.code_error)  # bad check character, shown beside it
    agency.credit_code.setText(CODE)
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText("boss")
    admin.password.setText("secret123")
    admin.again.setText("secret123")
    wizard.next()
    assert wizard.reader_page.chooser.choose("virtual")  # listed at once, never chosen unless picked
    wizard.next()
    wizard.next()  # server address left empty: offline
    key_page = wizard.key_page
    qtbot.waitUntil(lambda: key_page.recovery_key is not None, timeout=20_000)
    assert home.exists() and key_page.key_label.text() == key_page.recovery_key
    assert not key_page.isComplete()
    key_page.confirm.setText("XXXX")
    assert not key_page.isComplete()
    key_page.confirm.setText(key_page.recovery_key.split("-")[-1])
    assert key_page.isComplete()
    assert home.config()["server_url"] == "" and home.config()["reader"] == "virtual"
    next(gen, None)


@pytest.mark.expected_logs("wrong_key")
def test_recovery_key_asked_when_key_unavailable(qtbot: QtBot, tmp_path: Path, device: VirtualSamReader) -> None:
    home = Home(tmp_path / "real")
    recovery = setup.init_home(home, setup.AgencyInput("测试", CODE, "business_licence", "1", "张三", "上海"),
                               "boss", "老板", "secret123")  # fmt: skip
    home.update_config(reader="virtual")  # as the wizard writes it when the virtual reader is chosen
    gen = start_app(qtbot, home, device)
    running = next(gen)
    qtbot.waitUntil(lambda: running.terminal.unlock_dialog is not None, timeout=10_000)
    dialog = running.terminal.unlock_dialog
    assert dialog is not None
    dialog.key.setText("AAAA-" * 7 + "AAAA")
    dialog.try_key()
    qtbot.waitUntil(lambda: visible(dialog.error), timeout=10_000)
    assert dialog.error.text() == WrongKey().message("zh")
    dialog.key.setText(recovery)
    dialog.try_key()
    qtbot.waitUntil(lambda: running.terminal.window is not None, timeout=10_000)
    running.sign_in("boss", "secret123")
    next(gen, None)


@pytest.mark.expected_logs("terminal.ui.crash")
def test_crash_report_has_no_personal_data_and_is_offered_next_start(qtbot: QtBot, demo_home: Home, device: VirtualSamReader) -> None:
    handler = CrashHandler(demo_home.crash_dir)
    try:
        raise ValueError("310119198503140019 13812345678")
    except ValueError:
        kind, exc, tb = sys.exc_info()
        assert kind is not None and exc is not None
        handler(kind, exc, tb)
    report = handler.last_report
    assert report is not None and report.exists()
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_start.py" in text
    assert "310119198503140019" not in text and "13812345678" not in text
    qtbot.waitUntil(lambda: bool(open_dialogs("crashDialog")))
    gen = start_app(qtbot, demo_home, device)
    next(gen)
    assert open_dialogs("crashReportsOffer")
    assert pending_reports(demo_home.crash_dir) == []
    assert report.with_suffix(OFFERED_SUFFIX).exists()
    next(gen, None)


def test_demo_home_is_created_when_missing(qtbot: QtBot, tmp_path: Path, device: VirtualSamReader) -> None:
    home = Home(tmp_path / "demo")
    from PySide6.QtWidgets import QApplication

    from terminal.ui.controller import TerminalApp

    app = QApplication.instance()
    terminal = TerminalApp(app, home, True, virtual_device=device, demo_workers=5)  # type: ignore[arg-type]
    terminal.start()
    qtbot.waitUntil(lambda: terminal.window is not None, timeout=30_000)
    assert home.is_demo
    terminal.window.close()  # type: ignore[union-attr]
