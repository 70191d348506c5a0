"""The home screen: reader state, sync state, today's registrations, credential queues and alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal.core.errors import SyncErrorKind, SyncFault, TerminalError
from terminal.core.lifecycle import State
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


def load_home_data(db: Database, today: dt.date) -> HomeData:
    return HomeData(queries.dashboard(db, today), SyncState.read(SyncStateRepo(db)), db.write_refusal)


def _value_label(name: str) -> QLabel:
    label = QLabel("…")
    label.setObjectName(name)
    label.setStyleSheet("font-size: 16pt; font-weight: bold;")
    return label


class HomePage(Retranslating, QWidget):
    open_queue = Signal(object)  # State: a queue count was clicked

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._session = session
        self.data: HomeData | None = None
        # The worker's latest event: its reason wins over the stored state, which a full disk cannot update.
        self.worker_event: WorkerEvent | None = session.sync_control.status() if session.sync_control else None
        self._reader_box, self._sync_box = QGroupBox(), QGroupBox()
        self._work_box, self._alert_box = QGroupBox(), QGroupBox()
        self.reader_state = QLabel()
        self.reader_state.setObjectName("readerState")
        # Shown only while the store refuses writes: nothing else on the page would say why saving fails.
        self.store_alert = QLabel()
        self.store_alert.setObjectName("storeAlert")
        self.store_alert.setWordWrap(True)
        self.store_alert.setStyleSheet("color: white; background: #b00020; padding: 8px; font-weight: bold;")
        self.store_alert.hide()
        self.sync_state, self.sync_queue, self.sync_last = QLabel(), QLabel(), QLabel()
        self.sync_state.setObjectName("syncState")
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
        self.queue_links: dict[str, QPushButton] = {}
        for col, state in enumerate((State.APPLIED, State.APPROVED, State.PRINTED), start=1):
            name = state.value
            link = self.queue_links[name] = QPushButton()
            link.setObjectName(f"open_{name}")
            link.setFlat(True)
            link.clicked.connect(lambda _checked=False, s=state: self.open_queue.emit(s))
            work.addWidget(link, 2, col)
        alerts = QGridLayout(self._alert_box)
        for col, name in enumerate(("expiring_health_checks", "expiring_insurance", "expiring_credentials")):
            alerts.addWidget(self.values[name], 0, col)
            alerts.addWidget(self._captions[name], 1, col)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        layout = QGridLayout(self)
        layout.addWidget(self.store_alert, 0, 0, 1, 2)
        layout.addWidget(self._reader_box, 1, 0)
        layout.addWidget(self._sync_box, 1, 1)
        layout.addWidget(self._work_box, 2, 0, 1, 2)
        layout.addWidget(self._alert_box, 3, 0, 1, 2)
        layout.addWidget(self.refresh_button, 4, 1)
        layout.setRowStretch(5, 1)
        session.signals.data_changed.connect(self.refresh)
        session.signals.sync_changed.connect(self._sync_event)
        if session.reader is not None:
            session.reader.status_changed.connect(self._reader_status)  # a bound slot: delivered in this thread
        self.retranslate()

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
        for link in self.queue_links.values():
            link.setText(self.tr("打开队列 →"))
        self._show_reader()
        self._show()


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
        self.reader_state.setText(f"{reader.reader_name}\n{text}")

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
