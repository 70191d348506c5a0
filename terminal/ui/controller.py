"""Starting the app on a home: demo home creation, first-run wizard, unlocking (or asking for the recovery
key), the reader, then the main window. Also the orderly shutdown of the worker threads."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtWidgets import QApplication, QProgressDialog

from terminal.core.errors import KeyUnavailable, ReaderFault
from terminal.reader.discovery import open_reader
from terminal.reader.photo import decoder_for
from terminal.reader.service import ReaderService
from terminal.reader.transport import Transport
from terminal.reader.virtual import VirtualSamReader, VirtualTransport
from terminal.store.db import Database
from terminal.store.home import APP_NAME, Home
from terminal.store.search_connection import SearchConnection
from terminal.ui.crash import CrashHandler, offer_reports
from terminal.ui.expiry import ExpiryStep
from terminal.ui.feedback import report_error
from terminal.ui.i18n import LanguageSwitcher
from terminal.ui.idle import IdleWatcher
from terminal.ui.main_window import MainWindow
from terminal.ui.reader_thread import ReaderThread
from terminal.ui.refguard import protect_singletons
from terminal.ui.session import Session
from terminal.ui.sync_runner import SyncRunner
from terminal.ui.tasks import TaskThread
from terminal.ui.unlock import RecoveryKeyDialog
from terminal.ui.virtual_reader_menu import add_virtual_reader_menu
from terminal.ui.wizard import VIRTUAL_READER, SetupWizard
from terminal.usecases import demo as demo_data
from terminal.usecases import setup

log = logging.getLogger("terminal.ui")


def demo_home_path(arg: str | None) -> Home:
    if arg or os.environ.get("TERMINAL_HOME"):
        return Home.resolve(arg)
    return Home(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo")


class TerminalApp:
    """One running app. Tests build it with their own reader device and idle timeout."""

    def __init__(self, app: QApplication, home: Home, demo: bool, lang: str | None = None,
                 virtual_device: VirtualSamReader | None = None, idle_ms: int | None = None,
                 demo_workers: int = 200) -> None:  # fmt: skip
        protect_singletons()
        self.app, self.home, self.demo = app, home, demo
        self.languages = LanguageSwitcher(app)
        self.languages.switch(lang or (home.config().get("language") if home.root.exists() else None) or "zh")
        self.crash = CrashHandler(home.crash_dir)
        self.db: TaskThread[Database] = TaskThread("database", default_failure=lambda e: report_error(self.window, e))
        self.search: TaskThread[SearchConnection] | None = None  # the search's own connection, once unlocked
        self.virtual_device = virtual_device
        self.idle_ms = idle_ms
        self.demo_workers = demo_workers
        self.window: MainWindow | None = None
        self.wizard: SetupWizard | None = None
        self.unlock_dialog: RecoveryKeyDialog | None = None
        self.session: Session | None = None
        self._setup_thread: TaskThread[None] | None = None
        self.on_window: Callable[[MainWindow], None] | None = None
        self.sync: SyncRunner | None = None
        self.expiry: ExpiryStep | None = None

    def start(self) -> None:
        self.crash.install()
        offer_reports(self.home.crash_dir)
        if self.home.exists():
            self._open()
        elif self.demo:
            self._create_demo()
        else:
            self._run_wizard()

    # --- creating and opening ----------------------------------------------------------------------
    def _create_demo(self) -> None:
        progress = QProgressDialog("正在创建演示数据…", "", 0, 0)  # indeterminate: the work runs elsewhere
        progress.setObjectName("demoProgress")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        home, workers = self.home, self.demo_workers
        thread = self._setup_thread = TaskThread[None]("setup")

        def op(_none: None) -> None:
            setup.init_demo_home(home, lambda db: demo_data.fill_demo(db, workers))

        def done(_none: None) -> None:
            progress.close()
            self._open()

        def failed(error: BaseException) -> None:
            progress.close()
            report_error(None, error)

        thread.submit(op, done, failed)

    def _run_wizard(self) -> None:
        self._setup_thread = TaskThread[None]("setup")
        self.wizard = SetupWizard(self.home, self._setup_thread)
        self.wizard.accepted.connect(self._open)
        self.wizard.show()

    def _open(self) -> None:
        home = self.home

        def op(_none: Database | None) -> Database:
            db = home.open()
            self.db.replace_resource(db)
            return db

        self.db.submit(op, self._opened, self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        if isinstance(error, KeyUnavailable):
            self.unlock_dialog = RecoveryKeyDialog(self.home, self.db, self._opened)
            self.unlock_dialog.show()
            return
        report_error(None, error)

    def _opened(self, db: Database) -> None:
        config = self.home.config()
        # The key stays in memory while the app runs anyway (the main connection holds it).
        self.search = TaskThread("search", SearchConnection(db.path, db.key_for_export()),
                                 default_failure=lambda e: report_error(self.window, e))  # fmt: skip
        self.session = Session(self.home, self.db, self.languages, reader=self._make_reader(config.get("reader"), config),
                               search=self.search)  # fmt: skip
        idle = IdleWatcher(self.app, self.idle_ms) if self.idle_ms is not None else IdleWatcher(self.app)
        decode_photo = self._photo_decoder(config)

        self.window = MainWindow(self.session, idle, decode_photo, config.get("agency_name", ""))
        if self.virtual_device is not None:
            add_virtual_reader_menu(self.window, self.virtual_device)
        self.window.closed.connect(self.shutdown)
        self.window.show()
        if self.session.reader is not None:
            self.session.reader.start()
        self.sync = SyncRunner(self.session, self.demo or self.home.is_demo)
        self.session.centre_lookup = self.sync.registered_elsewhere
        self.session.sync_control = self.sync
        self.sync.start()
        self.expiry = ExpiryStep(self.session)
        self.expiry.start()
        if self.on_window is not None:
            self.on_window(self.window)

    def _photo_decoder(self, config: dict[str, Any]) -> Callable[[bytes], bytes]:
        transport = self.session.reader.service.transport if self.session and self.session.reader else None
        return decoder_for(transport, config.get("photo_decoder"), config.get("photo_decoder_function", "unpack"))

    def _make_reader(self, choice: str | None, config: dict[str, Any] | None = None) -> ReaderThread | None:
        transport: Transport
        # Only a demo, or an explicit choice, uses the virtual reader: a real terminal never falls back to
        # simulated identities.
        if self.demo or self.home.is_demo or choice == VIRTUAL_READER:
            self.virtual_device = self.virtual_device or VirtualSamReader()
            transport = VirtualTransport(self.virtual_device)
        else:
            try:
                transport = open_reader(str(choice).removeprefix("pcsc:") if choice else None, config=config)
            except ReaderFault as fault:
                report_error(None, fault)
                return None
        return ReaderThread(ReaderService(transport))

    def shutdown(self) -> None:
        if self.expiry is not None:
            self.expiry.stop()
        if self.sync is not None:
            self.sync.stop()  # before the database thread: the worker may be waiting on it
        if self.session is not None and self.session.reader is not None:
            self.session.reader.stop()
        if self.search is not None:  # before the main connection, whose close folds the log back into the file
            self.search.shutdown(SearchConnection.close)
        self.db.shutdown(lambda db: db.close() if db is not None else None)
        if self._setup_thread is not None:
            self._setup_thread.shutdown()
        if self.window is not None:
            self.window.idle.close()
        self.crash.uninstall()
