"""The main window: sign-in/lock screen in front of the pages, a toolbar and menus built from the operator's
role, language switch, a banner above the pages for success, warnings and work in progress (also in the status
bar), idle lock. It opens at a size that fits a 1366×768 screen with its taskbar (`fit_to_screen`)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from terminal.core import messages
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.ui.agency_page import install as install_agency_page
from terminal.ui.casework_page import CaseworkPage
from terminal.ui.credentials_page import CredentialsPage
from terminal.ui.feedback import Banner, MessageBridge
from terminal.ui.home_page import HomePage
from terminal.ui.identity_panel import PhotoDecoder
from terminal.ui.idle import IdleWatcher
from terminal.ui.operators_page import ChangePasswordDialog, OperatorsPage
from terminal.ui.register_page import RegisterPage
from terminal.ui.reports_page import ReportsPage
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.ui.signin import SignInScreen
from terminal.ui.sync_page import SyncPage
from terminal.ui.training_page import TrainingPage
from terminal.ui.worker_page import WorkerPage
from terminal.ui.workers_page import WorkersPage
from terminal.usecases import demo, operators
from terminal.usecases.context import Actor
from wirecontract.identity import CardRead

# The size the window opens at: a 1366×768 screen less a taskbar (40) and the window's title bar (about 30).
FIT_SIZE = QSize(1366, 768 - 40 - 30)
TOOLBAR_KEYS = ("home", "register", "workers", "credentials", "training", "reports", "sync")


class MainWindow(Retranslating, QMainWindow):
    closed = Signal()

    def __init__(self, session: Session, idle: IdleWatcher, decode_photo: PhotoDecoder, agency_name: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.idle = idle
        self.front = QStackedWidget()
        demo_home = session.home.is_demo
        self.signin = SignInScreen(session, agency_name, demo_accounts=demo.DEMO_OPERATORS if demo_home else (),
                                   demo_password=demo.DEMO_PASSWORD if demo_home else "")  # fmt: skip
        self.pages = QStackedWidget()
        self.home = HomePage(session)
        self.register = RegisterPage(session, decode_photo)
        self.workers = WorkersPage(session)
        self.worker = WorkerPage(session)
        self.credentials = CredentialsPage(session)
        self.training = TrainingPage(session)
        self.reports = ReportsPage(session)
        self.sync = SyncPage(session)
        self.operators = OperatorsPage(session)
        self.casework = CaseworkPage(session)  # returned registrations and the centre's complaints
        self.password_dialog: ChangePasswordDialog | None = None
        for page in (self.home, self.register, self.workers, self.worker, self.credentials, self.training, self.reports,
                     self.sync, self.operators, self.casework):  # fmt: skip
            self.pages.addWidget(page)
        self.banner = Banner()
        work_area = QWidget()
        work_area.setObjectName("workArea")
        work_layout = QVBoxLayout(work_area)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(4)
        work_layout.addWidget(self.banner)
        work_layout.addWidget(self.pages, 1)
        self.front.addWidget(self.signin)
        self.front.addWidget(work_area)
        self.work_area = work_area
        self.setCentralWidget(self.front)
        self.signin.signed_in.connect(self._signed_in)
        self.register.open_worker.connect(self.open_worker)
        self.workers.open_worker.connect(self.open_worker)
        self.credentials.open_worker.connect(self.open_worker)
        self.sync.open_worker.connect(self.open_worker)
        self.home.open_queue.connect(self.open_queue)
        self.home.open_task.connect(self.open_task)
        idle.idle.connect(self.lock)
        self.busy = QProgressBar()
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        # Showing and hiding must not change the status bar's size: that would lay out and repaint the whole
        # window on every search keystroke.
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.busy.hide()
        self.user_label = QLabel()
        self.demo = session.home.is_demo
        self.demo_mark = QLabel()
        self.demo_mark.setObjectName("demoMark")
        if self.demo:  # a demo home says so wherever it shows
            self.demo_mark.setStyleSheet("color: white; background: #c62828; padding: 1px 6px; font-weight: bold;")
            self.statusBar().addPermanentWidget(self.demo_mark)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.busy)
        session.db.busy_changed.connect(self._busy_changed)
        self.bridge = MessageBridge()
        self.bridge.shown.connect(self._show_message)
        if session.reader is not None:
            session.reader.card_read.connect(self._card_read)
            session.reader.fault.connect(self.register.read_failed)
        self.menu_actions: dict[str, QAction] = {}
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet("QToolButton { font-size: 11pt; padding: 4px 10px; }")
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self._build_menus()
        self.agency = install_agency_page(self)  # H5: the agency's registration file (agency_page.py)
        for key in TOOLBAR_KEYS:
            self.toolbar.addAction(self.menu_actions[key])
        self.retranslate()
        self.fit_to_screen()
        self.signin.reset()

    def fit_to_screen(self) -> None:
        """Open at FIT_SIZE, or smaller on a smaller screen, so the status bar is never below the screen's edge."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else FIT_SIZE
        self.resize(min(FIT_SIZE.width(), room.width()), min(FIT_SIZE.height(), room.height() - 30))

    def _busy_changed(self, pending: int) -> None:
        self.busy.setVisible(pending > 0)
        self.banner.set_busy(pending > 0)

    def open_reader_settings(self) -> None:
        """Settings → Card reader (config.json); the dialog is kept so it is not collected while open."""
        from terminal.ui.settings_page import SettingsDialog  # reader, printer, calibration, centre, language

        self.reader_settings = SettingsDialog(self.session, self)
        self.reader_settings.open()

    # --- menus -------------------------------------------------------------------------------------
    def _action(self, key: str, shortcut: str | None, slot: object) -> QAction:
        action = QAction(self)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu_actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.work_menu = bar.addMenu("")
        self.work_menu.addAction(self._action("home", "F2", lambda: self.show_page(self.home)))
        self.work_menu.addAction(self._action("register", "F3", lambda: self.show_page(self.register)))
        self.work_menu.addAction(self._action("workers", "F4", lambda: self.show_page(self.workers)))
        self.work_menu.addAction(self._action("credentials", "F5", lambda: self.show_page(self.credentials)))
        self.work_menu.addAction(self._action("training", "F6", lambda: self.show_page(self.training)))
        self.work_menu.addAction(self._action("reports", "F7", lambda: self.show_page(self.reports)))
        self.work_menu.addAction(self._action("sync", "F8", lambda: self.show_page(self.sync)))
        self.work_menu.addAction(self._action("operators", "F9", lambda: self.show_page(self.operators)))
        self.work_menu.addAction(self._action("casework", "F10", lambda: self.show_page(self.casework)))
        self.work_menu.addAction(self._action("reader_settings", None, self.open_reader_settings))
        self.work_menu.addSeparator()
        self.work_menu.addAction(self._action("change_password", None, self.change_password))
        self.work_menu.addAction(self._action("lock", "Ctrl+L", self.lock))
        self.work_menu.addAction(self._action("sign_out", None, self.sign_out))
        self.lang_menu = bar.addMenu("")
        self.lang_menu.addAction(self._action("lang_zh", None, lambda: self.switch_language("zh")))
        self.lang_menu.addAction(self._action("lang_en", None, lambda: self.switch_language("en")))
        self._apply_role(None)

    def _apply_role(self, actor: Actor | None) -> None:
        signed_in = actor is not None
        for key in ("home", "workers", "credentials", "reports", "sync", "casework", "lock", "sign_out", "change_password"):
            self.menu_actions[key].setVisible(signed_in)
        self.menu_actions["operators"].setVisible(signed_in and self.session.may(Action.MANAGE_OPERATORS))
        self.menu_actions["reader_settings"].setVisible(signed_in and self.session.may(Action.MANAGE_AGENCY))
        self.menu_actions["register"].setVisible(signed_in and self.session.may(Action.REGISTER_WORKER))
        self.menu_actions["training"].setVisible(signed_in and (self.session.may(Action.MANAGE_TRAINING)
                                                                or self.session.may(Action.RECORD_ATTENDANCE)))  # fmt: skip
        self.work_menu.menuAction().setVisible(signed_in)
        self.toolbar.setVisible(signed_in)
        self.home.show_role()

    def retranslate(self) -> None:
        demo = " — " + self.tr("演示系统") if self.demo else ""
        self.setWindowTitle(self.tr("上门服务证登记终端") + demo)
        self.demo_mark.setText(self.tr("演示数据"))
        self.work_menu.setTitle(self.tr("工作(&W)"))
        self.lang_menu.setTitle(self.tr("语言(&L)"))
        texts = {"home": self.tr("首页"), "register": self.tr("登记人员"), "workers": self.tr("查找人员"),
                 "credentials": self.tr("证件办理"), "training": self.tr("培训"), "reports": self.tr("统计报表"), "sync": self.tr("同步与对账"),
                 "operators": self.tr("操作员管理"), "reader_settings": self.tr("设置…"), "casework": self.tr("中心退回与投诉"), "change_password": self.tr("修改我的密码"),
                 "lock": self.tr("锁定"), "sign_out": self.tr("退出登录"), "lang_zh": "中文", "lang_en": "English"}  # fmt: skip
        for key, text in texts.items():
            self.menu_actions[key].setText(text)
        actor = self.session.actor
        lang = self.session.languages.lang
        self.user_label.setText(f"{actor.display_name or actor.username}（{actor.role.label(lang)}）" if actor else "")
        self.banner.retranslate(lang)


    def change_password(self) -> None:
        self.password_dialog = ChangePasswordDialog(self.session, self)
        self.password_dialog.open()

    def switch_language(self, lang: str) -> None:
        self.session.languages.switch(lang)
        self.session.home.update_config(language=self.session.languages.lang)

    # --- sign-in and lock ---------------------------------------------------------------------------
    def _signed_in(self, actor: Actor) -> None:
        previous = self.session.actor
        self.session.actor = actor
        if previous is not None and previous.username != actor.username:
            self.register.start_over()  # another operator: nothing of the previous one's work stays open
            self.worker.view = None
            self.show_page(self.home)
        elif previous is None:
            self.show_page(self.home)
        self._apply_role(actor)
        self.retranslate()
        self.front.setCurrentWidget(self.work_area)
        self.idle.arm()
        self.session.resume_search()
        self.home.refresh()
        self.workers.refresh()
        self.session.signals.signed_in.emit(actor)

    def lock(self) -> None:
        """Back to the lock screen; the pages (and anything typed) stay as they are for the same operator."""
        if self.session.actor is None:
            return
        self.idle.disarm()
        self.session.suspend_search()
        self.signin.reset(self.session.actor.username)
        self.front.setCurrentWidget(self.signin)
        self.work_menu.menuAction().setVisible(False)

    def sign_out(self) -> None:
        self.idle.disarm()
        actor = self.session.actor
        if actor is not None:
            self.session.run(lambda db: operators.sign_out(db, actor))  # the store stops believing it
        self.session.actor = None
        self.session.suspend_search()
        self.register.start_over()
        self._apply_role(None)
        self.retranslate()
        self.signin.reset()
        self.front.setCurrentWidget(self.signin)

    @property
    def locked(self) -> bool:
        return self.front.currentWidget() is self.signin

    # --- pages ---------------------------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        if page is self.register and not self.session.may(Action.REGISTER_WORKER):
            return
        if page is self.operators and not self.session.may(Action.MANAGE_OPERATORS):
            return
        self.pages.setCurrentWidget(page)
        if page is self.home:
            self.home.refresh()
        elif page is self.workers:
            self.workers.search.setFocus()
        elif page in (self.credentials, self.training, self.reports, self.casework):
            page.refresh()

    def open_task(self, key: str) -> None:
        """A home tile's task: its page (the training page for results too), or the settings."""
        if key == "settings":
            self.open_settings()
            return
        page = {"register": self.register, "workers": self.workers, "training": self.training,
                "results": self.training, "reports": self.reports, "sync": self.sync,
                "operators": self.operators}.get(key)  # fmt: skip
        if page is not None:
            self.show_page(page)

    def open_settings(self) -> None:
        """The administrator's settings (the card reader for now)."""
        self.open_reader_settings()

    def open_queue(self, state: State) -> None:
        self.credentials.show_queue(state)
        self.show_page(self.credentials)

    def open_worker(self, worker_id: int) -> None:
        self.worker.load(worker_id)
        self.pages.setCurrentWidget(self.worker)

    def _card_read(self, card: CardRead) -> None:
        if self.locked:
            return  # a card tapped on a locked terminal is ignored: nobody is responsible for it
        current = self.pages.currentWidget()
        for taker in (self.credentials, self.training, self.casework, self.agency):  # + the legal representative
            if current is taker and taker.wants_card:
                taker.card_presented(card)
                return
        if not self.session.may(Action.REGISTER_WORKER):
            return
        self.show_page(self.register)
        self.register.card_presented(card)

    def _show_message(self, message: messages.Message) -> None:
        lang = self.session.languages.lang
        self.statusBar().showMessage(message.text(lang), 10_000)
        self.banner.show_message(message, lang)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.close()
        self.credentials.print_panel.shutdown()
        self.closed.emit()
        super().closeEvent(event)
