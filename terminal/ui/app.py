"""`terminal` / `terminal --demo`: start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from terminal.logsetup import add_file_log
from terminal.store.home import Home
from terminal.ui.controller import TerminalApp, demo_home_path
from terminal.ui.i18n import load_app_font


def run_app(home: str | None, demo: bool, lang: str | None, exit_when_ready: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("上门服务证登记终端")
    load_app_font(app)
    where = demo_home_path(home) if demo else Home.resolve(home)
    add_file_log(where.root)  # logs/terminal.log in the data folder: no personal data is ever logged
    terminal = TerminalApp(app, where, demo, lang)
    if exit_when_ready:
        terminal.on_window = lambda _window: _ready(app)
    terminal.start()
    code = app.exec()
    terminal.shutdown()
    return code


def _ready(app: QApplication) -> None:
    """The sign-in window is on screen: say so and leave (start-up smoke tests and the bundle benchmark)."""
    print("ready", flush=True)
    QTimer.singleShot(0, app.quit)
