"""UI test fixtures: a demo home built once per session and copied per test, the app started on it with
the in-process virtual reader, and helpers to sign in and wait for the worker threads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from terminal.reader.virtual import VirtualSamReader
from terminal.store.home import Home
from terminal.ui.controller import TerminalApp
from terminal.ui.i18n import load_app_font
from terminal.ui.main_window import MainWindow
from terminal.usecases import demo, setup

DEMO_WORKERS = 30
# The offscreen platform plugin says this whenever a top-level window is shown; it is about the plugin,
# not the app. Every other Qt warning still fails the test.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def demo_home_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = Home(tmp_path_factory.mktemp("ui-demo-template") / "home")
    setup.init_demo_home(home, lambda db: demo.fill_demo(db, workers=DEMO_WORKERS))
    return home.root


@pytest.fixture
def demo_home(demo_home_template: Path, tmp_path: Path) -> Home:
    root = tmp_path / "demo-home"
    shutil.copytree(demo_home_template, root)
    return Home(root)


@pytest.fixture
def device() -> VirtualSamReader:
    return VirtualSamReader()


class Running:
    """The app under test and what tests poke at."""

    def __init__(self, qtbot: QtBot, terminal: TerminalApp) -> None:
        self.qtbot = qtbot
        self.terminal = terminal

    @property
    def window(self) -> MainWindow:
        assert self.terminal.window is not None
        return self.terminal.window

    def wait_idle(self, timeout: int = 10_000) -> None:
        """Until the database thread and the search's thread have no queued or running work."""
        search = self.terminal.search
        self.qtbot.waitUntil(lambda: self.terminal.db.pending == 0 and (search is None or search.pending == 0),
                             timeout=timeout)  # fmt: skip

    def sign_in(self, username: str = "dengji", password: str = demo.DEMO_PASSWORD) -> None:
        screen = self.window.signin
        screen.username.setText(username)
        screen.password.setText(password)
        screen.submit.click()
        self.qtbot.waitUntil(lambda: not self.window.locked, timeout=10_000)
        self.wait_idle()


def start_app(qtbot: QtBot, home: Home, device: VirtualSamReader, **kwargs: object) -> Iterator[Running]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_app_font(app)
    terminal = TerminalApp(app, home, home.is_demo if home.exists() else False, virtual_device=device, **kwargs)  # type: ignore[arg-type]
    terminal.start()
    running = Running(qtbot, terminal)
    try:
        yield running
    finally:
        if terminal.window is not None:
            terminal.window.close()
        else:
            terminal.shutdown()
        if terminal.languages.lang != "zh":
            terminal.languages.switch("zh")
        for widget in QApplication.topLevelWidgets():  # dialogs and windows of this test go with it
            widget.close()
            widget.deleteLater()
        # Deliver the close events, then the deletions themselves: the next test starts with none of these.
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def running(qtbot: QtBot, demo_home: Home, device: VirtualSamReader) -> Iterator[Running]:
    gen = start_app(qtbot, demo_home, device)
    app = next(gen)
    qtbot.waitUntil(lambda: app.terminal.window is not None, timeout=10_000)
    yield app
    next(gen, None)


@pytest.fixture
def signed_in(running: Running) -> Running:
    running.sign_in()
    return running

