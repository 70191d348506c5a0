"""Sign-in, wrong password, idle lock back to the lock screen, menus by role, language switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from terminal.core.errors import AuthenticationFailed
from terminal.reader.virtual import VirtualSamReader
from terminal.store.home import Home
from terminal.ui import translations_build
from terminal.ui.i18n import ui_lang
from tests.ui.conftest import Running, start_app
from tests.ui.helpers import fill_profile, tap, visible


def test_wrong_password_shows_beside_the_field(running: Running) -> None:
    screen = running.window.signin
    screen.username.setText("dengji")
    screen.password.setText("not-the-password1")
    screen.submit.click()
    running.qtbot.waitUntil(lambda: visible(screen.error), timeout=10_000)
    assert screen.error.text() == AuthenticationFailed().message("zh")
    assert running.window.locked and running.window.session.actor is None
    assert screen.password.text() == ""  # a wrong password is not left in the field
    running.sign_in()
    assert not running.window.locked


@pytest.fixture
def quick_lock(qtbot: QtBot, demo_home: Home, device: VirtualSamReader) -> Iterator[Running]:
    gen = start_app(qtbot, demo_home, device, idle_ms=300)
    app = next(gen)
    qtbot.waitUntil(lambda: app.terminal.window is not None, timeout=10_000)
    yield app
    next(gen, None)


def test_idle_lock_keeps_work_for_the_same_operator(quick_lock: Running, device: VirtualSamReader) -> None:
    quick_lock.sign_in()
    window = quick_lock.window
    window.idle.disarm()  # typing below is not user input; re-armed right after
    tap(quick_lock, device, "resident")
    fill_profile(window.register.form, phone="13700002222")
    window.idle.arm()
    quick_lock.qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    assert window.signin.username.text() == "dengji" and "锁定" in window.signin.title.text()
    device.remove()
    quick_lock.sign_in()
    assert window.register.form.phone.text() == "13700002222"  # nothing typed was lost
    assert window.register.panel.preview is not None


def test_menus_follow_the_role(running: Running) -> None:
    running.sign_in("peixun")  # a trainer may not register workers
    actions = running.window.menu_actions
    assert actions["workers"].isVisible() and not actions["register"].isVisible()
    running.window.show_page(running.window.register)
    assert running.window.pages.currentWidget() is not running.window.register
    running.window.sign_out()
    running.sign_in("dengji")
    assert actions["register"].isVisible()


def test_language_switches_at_run_time(running: Running, tmp_path: Path) -> None:
    built = translations_build.build()
    assert built and all(p.exists() for p in built)
    running.sign_in()
    window = running.window
    assert window.menu_actions["workers"].text() == "查找人员"
    window.switch_language("en")
    assert ui_lang() == "en"
    # Qt posts LanguageChange to every widget; each re-sets its texts when the event arrives.
    running.qtbot.waitUntil(lambda: window.menu_actions["workers"].text() == "Find workers", timeout=5_000)
    assert window.register.save_button.text() == "&Save registration"
    assert window.home.refresh_button.text() == "Refresh"
    assert running.terminal.home.config()["language"] == "en"
    window.switch_language("zh")
    running.qtbot.waitUntil(lambda: window.menu_actions["workers"].text() == "查找人员", timeout=5_000)
