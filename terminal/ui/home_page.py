"""The home screen: large tiles for the signed-in role's daily tasks with the counts of their queues, then the
reader, sync state and alerts (30 days ahead).

Which tiles a role gets (terminal/core/roles.py): a clerk registers, finds, prints and issues; a supervisor
approves first; a trainer runs sessions and records results; an administrator looks after operators, sync and
settings. A tile opens its page through `open_task` (the main window knows the pages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core.errors import SyncErrorKind, SyncFault, TerminalError
from terminal.core.lifecycle import State
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync.state import SyncState
from terminal.sync.worker import WorkerEvent, describe
from terminal.ui.reader_thread import ReaderStatus
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import queries


@dataclass(frozen=True)
class HomeData:
    dashboard: queries.Dashboard
    sync: SyncState
    write_refusal: TerminalError | None = None  # the store refuses writes: a damaged page, or a rollback
    training: dict[str, int] = field(default_factory=dict)  # sessions_today, awaiting_results


def _training_counts(db: Database, today: dt.date) -> dict[str, int]:
    """A trainer's queues: today's sessions and trainees who tapped out but have no result yet."""
    return {
        "sessions_today": int(db.scalar("SELECT count(*) FROM training_sessions WHERE substr(starts_at, 1, 10) = ?",
                                        (today.isoformat(),))),
        "awaiting_results": int(db.scalar(
            "SELECT count(*) FROM training_attendance WHERE tap_out_at IS NOT NULL AND passed IS NULL")),
    }  # fmt: skip


def load_home_data(db: Database, today: dt.date) -> HomeData:
    return HomeData(queries.dashboard(db, today), SyncState.read(SyncStateRepo(db)), db.write_refusal,
                    _training_counts(db, today))  # fmt: skip


def _value_label(name: str) -> QLabel:
    label = QLabel("…")
    label.setObjectName(name)
    label.setStyleSheet("font-size: 14pt; font-weight: bold;")
    return label


# Each role's tiles, in reading order. A tile's key is what it opens (MainWindow.open_task).
ROLE_TILES: dict[Role, tuple[str, ...]] = {
    Role.CLERK: ("register", "workers", "approved", "printed", "sync"),
    Role.SUPERVISOR: ("applied", "approved", "printed", "workers", "register", "reports"),
    Role.TRAINER: ("training", "results", "workers", "sync"),
    Role.ADMINISTRATOR: ("applied", "operators", "sync", "settings", "workers", "reports"),
}
TILE_KEYS = ("register", "workers", "applied", "approved", "printed", "training", "results", "reports", "sync",
             "operators", "settings")  # fmt: skip
QUEUE_TILES = {"applied": State.APPLIED, "approved": State.APPROVED, "printed": State.PRINTED}


class Tile(QToolButton):
    """A large button: what to do, and below it how many are waiting (when it has a queue)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = ""
        self.count: int | None = None
        self.setObjectName(f"tile_{key}")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(180, 84)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QToolButton { font-size: 15pt; font-weight: bold; border: 1px solid #90a4ae; border-radius: 8px;"
            " background: #eceff1; padding: 8px; }"
            " QToolButton:hover { background: #cfd8dc; } QToolButton[waiting=\"true\"] { background: #fff3e0;"
            " border-color: #ef6c00; }"
        )  # fmt: skip

    def show_text(self, title: str, count_text: str | None, waiting: bool) -> None:
        self.title = title
        self.setText(title if count_text is None else f"{title}\n{count_text}")
        self.setProperty("waiting", waiting)
        self.style().unpolish(self)
        self.style().polish(self)


class HomePage(Retranslating, QWidget):
    open_queue = Signal(object)  # State: a queue tile was clicked
    open_task = Signal(str)  # a tile's key (register, workers, training, results, reports, sync, operators, settings)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._session = session
        self.data: HomeData | None = None
        # The worker's latest event: its reason wins over the stored state, which a full disk cannot update.
        self.worker_event: WorkerEvent | None = session.sync_control.status() if session.sync_control else None
        self.greeting = QLabel()
        self.greeting.setObjectName("homeGreeting")
        self.greeting.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.tiles = {key: Tile(key) for key in TILE_KEYS}
        for key, tile in self.tiles.items():
            if key in QUEUE_TILES:
                tile.clicked.connect(lambda _checked=False, s=QUEUE_TILES[key]: self.open_queue.emit(s))
            else:
                tile.clicked.connect(lambda _checked=False, k=key: self.open_task.emit(k))
        # The queue tiles are also the links to the queues (tests and the keyboard reach them by state).
        self.queue_links: dict[str, QToolButton] = {key: self.tiles[key] for key in QUEUE_TILES}
        self._tile_grid = QGridLayout()
        self._tile_grid.setSpacing(12)
        self._reader_box, self._sync_box = QGroupBox(), QGroupBox()
        self._work_box, self._alert_box = QGroupBox(), QGroupBox()
        self.reader_state = QLabel()
        self.reader_state.setObjectName("readerState")
        self.reader_state.setWordWrap(True)
        # Shown only while the store refuses writes: nothing else on the page would say why saving fails.
        self.store_alert = QLabel()
        self.store_alert.setObjectName("storeAlert")
        self.store_alert.setWordWrap(True)
        self.store_alert.setStyleSheet("color: white; background: #b00020; padding: 8px; font-weight: bold;")
        self.store_alert.hide()
        self.sync_state, self.sync_queue, self.sync_last = QLabel(), QLabel(), QLabel()
        self.sync_state.setObjectName("syncState")
        self.sync_state.setWordWrap(True)
        self.sync_queue.setObjectName("syncQueue")
        self.sync_last.setObjectName("syncLast")
        QVBoxLayout(self._reader_box).addWidget(self.reader_state)
        sync_layout = QVBoxLayout(self._sync_box)
        for w in (self.sync_state, self.sync_queue, self.sync_last):
            sync_layout.addWidget(w)
        self.values = {name: _value_label(name) for name in (
            "registered_today", "applied", "approved", "printed", "workers",
            "expiring_health_checks", "expiring_insurance", "expiring_credentials")}  # fmt: skip
        self._captions = {name: QLabel() for name in self.values}
        work = QGridLayout(self._work_box)
        for col, name in enumerate(("registered_today", "applied", "approved", "printed", "workers")):
            work.addWidget(self.values[name], 0, col)
            work.addWidget(self._captions[name], 1, col)
        alerts = QGridLayout(self._alert_box)
        for col, name in enumerate(("expiring_health_checks", "expiring_insurance", "expiring_credentials")):
            alerts.addWidget(self.values[name], 0, col)
            alerts.addWidget(self._captions[name], 1, col)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("homeRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        heading = QHBoxLayout()
        heading.addWidget(self.greeting, 1)
        heading.addWidget(self.refresh_button)
        status = QGridLayout()
        status.addWidget(self._reader_box, 0, 0)
        status.addWidget(self._sync_box, 0, 1)
        status.addWidget(self._work_box, 1, 0)
        status.addWidget(self._alert_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.store_alert)
        layout.addLayout(heading)
        layout.addLayout(self._tile_grid)
        layout.addLayout(status)
        layout.addStretch(1)
        session.signals.data_changed.connect(self.refresh)
        session.signals.sync_changed.connect(self._sync_event)
        if session.reader is not None:
            session.reader.status_changed.connect(self._reader_status)  # a bound slot: delivered in this thread
        self.show_role()
        self.retranslate()

    def role_tiles(self) -> tuple[str, ...]:
        actor = self._session.actor
        return ROLE_TILES.get(actor.role, ()) if actor is not None else ()

    def show_role(self) -> None:
        """Lay out the signed-in role's tiles (three to a row); the others are hidden."""
        keys = self.role_tiles()
        for tile in self.tiles.values():
            self._tile_grid.removeWidget(tile)
            tile.hide()
        for i, key in enumerate(keys):
            self._tile_grid.addWidget(self.tiles[key], i // 3, i % 3)
            self.tiles[key].show()

    def retranslate(self) -> None:
        self._reader_box.setTitle(self.tr("读卡器"))
        self._sync_box.setTitle(self.tr("与中心同步"))
        self._work_box.setTitle(self.tr("今日工作"))
        self._alert_box.setTitle(self.tr("提醒（30天内到期）"))
        captions = {
            "registered_today": self.tr("今日登记"), "applied": self.tr("待审核"), "approved": self.tr("待打印"),
            "printed": self.tr("待发放"), "workers": self.tr("登记人员总数"),
            "expiring_health_checks": self.tr("体检到期"), "expiring_insurance": self.tr("保险到期"),
            "expiring_credentials": self.tr("证件到期"),
        }  # fmt: skip
        for name, text in captions.items():
            self._captions[name].setText(text)
        self.refresh_button.setText(self.tr("刷新"))
        self._show_reader()
        self._show()
        self._show_tiles()

    def _tile_titles(self) -> dict[str, str]:
        return {"register": self.tr("登记人员"), "workers": self.tr("查找人员"), "applied": self.tr("审核证件"),
                "approved": self.tr("打印证件"), "printed": self.tr("发放证件"), "training": self.tr("培训签到"),
                "results": self.tr("录入培训成绩"), "reports": self.tr("统计报表"), "sync": self.tr("同步与对账"),
                "operators": self.tr("操作员管理"), "settings": self.tr("设置")}  # fmt: skip

    def _tile_counts(self) -> dict[str, tuple[str, int]]:
        """Each queue tile's count line and how many wait (0: nothing waits)."""
        if self.data is None:
            return {}
        board, training = self.data.dashboard, self.data.training
        waiting = {key: board.waiting.get(key, 0) for key in QUEUE_TILES}
        queued = board.outbox.get("queued", 0) + board.outbox.get("sent", 0)
        rejected = board.outbox.get("rejected", 0)
        counts = {key: (self.tr("%n 人等待", "", n), n) for key, n in waiting.items()}
        counts["register"] = (self.tr("今日已登记 %n 人", "", board.registered_today), 0)
        counts["workers"] = (self.tr("共 %n 人", "", board.workers), 0)
        counts["sync"] = ((self.tr("%n 条被退回", "", rejected), rejected) if rejected
                          else (self.tr("待上传 %n 条", "", queued), 0))  # fmt: skip
        counts["training"] = (self.tr("今日 %n 场", "", training.get("sessions_today", 0)), 0)
        n = training.get("awaiting_results", 0)
        counts["results"] = (self.tr("%n 人待录入", "", n), n)
        return counts

    def _show_tiles(self) -> None:
        counts = self._tile_counts()
        for key, title in self._tile_titles().items():
            line, waiting = counts.get(key, (None, 0))
            self.tiles[key].show_text(title, line, waiting > 0)
        actor = self._session.actor
        self.greeting.setText(self.tr("%1，您好").replace("%1", actor.display_name or actor.username) if actor else "")

    def refresh(self) -> None:
        today = self._session.today()
        self._session.run(lambda db: load_home_data(db, today), self._loaded)

    @Slot(object)
    def _sync_event(self, event: object) -> None:
        if isinstance(event, WorkerEvent):
            self.worker_event = event
            self._show()
        self.refresh()

    @Slot(str)
    def _reader_status(self, _status: str) -> None:
        self._show_reader()

    def _loaded(self, data: HomeData) -> None:
        self.data = data
        self._show()
        self._show_tiles()

    def _show_reader(self) -> None:
        reader = self._session.reader
        if reader is None:
            self.reader_state.setText(self.tr("未选择读卡器"))
            return
        status = reader.status
        if status is ReaderStatus.FAULT:
            text = self.tr("故障：") + (reader.last_fault.message(self._session.languages.lang)
                                       if reader.last_fault else "")
        elif status is ReaderStatus.STOPPED:
            text = self.tr("已停止")
        else:
            text = self.tr("就绪，请放置证件")
        # The built-in demo reader's name is ours to say in the UI's language; a device's name is the device's.
        virtual = getattr(reader.service.transport, "kind", "") == "virtual"
        name = self.tr("虚拟身份证读卡器（演示）") if virtual else reader.reader_name
        self.reader_state.setText(f"{name}\n{text}")

    def _show(self) -> None:
        if self.data is None:
            return
        board, sync = self.data.dashboard, self.data.sync
        refusal = self.data.write_refusal
        self.store_alert.setVisible(refusal is not None)
        self.store_alert.setText(refusal.message(self._session.languages.lang) if refusal is not None else "")
        for name in ("registered_today", "workers", "expiring_health_checks", "expiring_insurance",
                     "expiring_credentials"):  # fmt: skip
            self.values[name].setText(str(getattr(board, name)))
        for state in ("applied", "approved", "printed"):
            self.values[state].setText(str(board.waiting.get(state, 0)))
        event = self.worker_event
        offline = (SyncErrorKind.OFFLINE, SyncErrorKind.TIMEOUT)
        if not sync.server_url:
            state = self.tr("离线工作（未设置服务器地址）")
        elif event is not None and isinstance(event.fault, SyncFault) and event.fault.kind in offline:
            state = self.tr("离线：无法连接中心，数据已保存在本机")
        elif event is not None and (event.stopped or event.fault is not None):
            state = describe(event, self._session.languages.lang) or ""
        elif event is None and sync.last_error in {kind.value for kind in offline}:
            state = self.tr("离线：无法连接中心，数据已保存在本机")
        elif event is None and sync.last_error:
            state = self.tr("同步出错：") + sync.last_error
        else:
            state = self.tr("在线")
        self.sync_state.setText(state)
        self.sync_queue.setText(self.tr("待上传：%n 条", "", board.outbox.get("queued", 0) + board.outbox.get("sent", 0)))
        last = max((t for t in (sync.last_push_at, sync.last_pull_at) if t is not None), default=None)
        self.sync_last.setText(self.tr("上次成功：") + (last.astimezone().strftime("%Y-%m-%d %H:%M") if last else self.tr("从未")))
