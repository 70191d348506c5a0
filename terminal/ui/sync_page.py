"""The sync screen: where this terminal stands with the centre (server, last push and pull, clock drift,
whether issuing is blocked), the outbox, the reconciliation receipt, and events the centre rejected —
each with its record and reason, for an operator to act on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from terminal.core.errors import TerminalError
from terminal.store.db import Database
from terminal.store.outbox import OutboxEvent, OutboxRepo, SyncStateRepo
from terminal.sync.state import SyncState
from terminal.sync.verdict_words import explain_rejection
from terminal.sync.worker import WorkerEvent, describe
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import staleness, sync_actions
from terminal.usecases.context import utcnow
from wirecontract.receipt import Reconciliation

DRIFT_WARNING_SECONDS = 120


@dataclass(frozen=True)
class SyncView:
    state: SyncState
    counts: dict[str, int]
    rejected: list[tuple[OutboxEvent, int | None]]  # the event and the worker it concerns, when known
    issuing_blocked: bool


def load_sync_view(db: Database) -> SyncView:
    repo = OutboxRepo(db)
    rejected = []
    for event in repo.rejected():
        worker_uid = event.entity_uid if event.entity == "worker" else event.payload.get("worker_uid")
        worker_id = db.scalar("SELECT id FROM workers WHERE uid = ?", (worker_uid,)) if worker_uid else None
        rejected.append((event, int(worker_id) if worker_id is not None else None))
    state = SyncStateRepo(db)
    return SyncView(SyncState.read(state), repo.counts(), rejected, staleness.issuing_blocked(db, utcnow()))


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


class SyncPage(Retranslating, QWidget):
    open_worker = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self._session = session
        self.view: SyncView | None = None
        self.reconciliation: Reconciliation | TerminalError | None = None
        self.status_box, self.rejected_box = QGroupBox(), QGroupBox()
        self.fields = {name: QLabel() for name in ("status", "server", "terminal", "last_push", "last_pull",
                                                     "drift", "issuing", "outbox", "receipt")}  # fmt: skip
        # The worker's latest event: why it waits, or that a bug stopped it (the store may be unable to say).
        self.worker_event: WorkerEvent | None = session.sync_control.status() if session.sync_control else None
        self.captions = {name: QLabel() for name in self.fields}
        form = QFormLayout(self.status_box)
        for name, label in self.fields.items():
            label.setObjectName(f"sync_{name}")
            label.setWordWrap(True)
            form.addRow(self.captions[name], label)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("rejectedEvents")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        self.sync_button, self.receipt_button = QPushButton(), QPushButton()
        self.restart_button = QPushButton()
        self.restart_button.setObjectName("restartSync")
        self.restart_button.clicked.connect(self.restart)
        self.open_button, self.resend_button = QPushButton(), QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.receipt_button.setObjectName("reconcile")
        self.resend_button.setObjectName("resendRejected")
        self.sync_button.clicked.connect(self.sync_now)
        self.receipt_button.clicked.connect(self.reconcile)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.resend_button.clicked.connect(self.resend)
        rejected_layout = QVBoxLayout(self.rejected_box)
        rejected_layout.addWidget(self.table)
        row = QHBoxLayout()
        for button in (self.open_button, self.resend_button):
            row.addWidget(button)
        row.addStretch(1)
        rejected_layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_box)
        layout.addLayout(buttons)
        layout.addWidget(self.rejected_box, 1)
        session.signals.sync_changed.connect(self._sync_event)
        self.retranslate()

    def retranslate(self) -> None:
        self.status_box.setTitle(self.tr("与中心同步"))
        self.rejected_box.setTitle(self.tr("中心退回的记录（请处理）"))
        captions = {"status": self.tr("同步状态"), "server": self.tr("中心服务器"), "terminal": self.tr("终端编号"), "last_push": self.tr("最近上传"),
                    "last_pull": self.tr("最近获取中心决定"), "drift": self.tr("本机时钟偏差"),
                    "issuing": self.tr("发证"), "outbox": self.tr("待上传 / 已接收 / 退回"), "receipt": self.tr("对账")}  # fmt: skip
        for name, text in captions.items():
            self.captions[name].setText(text)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("记录"), self.tr("事件"), self.tr("代码"),
                                              self.tr("原因")])  # fmt: skip
        self.sync_button.setText(self.tr("立即同步"))
        self.receipt_button.setText(self.tr("与中心对账"))
        self.restart_button.setText(self.tr("重新启动同步"))
        self.open_button.setText(self.tr("打开人员档案"))
        self.resend_button.setText(self.tr("已处理，重新上传"))
        self._show_status()
        self._show()

    def refresh(self) -> None:
        self._session.run(load_sync_view, self._loaded)

    @Slot(object)
    def _sync_event(self, event: object) -> None:
        if isinstance(event, WorkerEvent):
            self.worker_event = event
            self._show_status()
        self.refresh_if_shown()

    def _show_status(self) -> None:
        event = self.worker_event
        live = describe(event, self._session.languages.lang) if event is not None else None
        if live is not None:
            text = live
        elif event is not None:
            text = self.tr("正常")
        elif self.view is not None and self.view.state.last_error:
            text = self.tr("同步出错：") + self.view.state.last_error
        else:
            text = "—"
        self.fields["status"].setText(text)
        self.restart_button.setVisible(event is not None and event.stopped)

    def restart(self) -> None:
        control = self._session.sync_control
        if control is not None and control.restart():
            self.fields["status"].setText(self.tr("正在重新启动同步…"))
            self.restart_button.setVisible(False)

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def _loaded(self, view: SyncView) -> None:
        self.view = view
        self._show()

    def _show(self) -> None:
        view = self.view
        if view is None:
            return
        state = view.state
        self._show_status()
        self.fields["server"].setText(state.server_url or self.tr("未注册，离线工作"))
        self.fields["terminal"].setText(state.terminal_id or "—")
        self.fields["last_push"].setText(_when(state.last_push_at))
        self.fields["last_pull"].setText(_when(state.last_pull_at))
        if state.drift_seconds is None:
            self.fields["drift"].setText("—")
        else:
            drift = state.drift_seconds
            text = self.tr("%1 秒（中心时间 %2）").replace("%1", f"{drift:+.1f}").replace("%2", _when(state.server_time))
            if abs(drift) > DRIFT_WARNING_SECONDS:
                text += " " + self.tr("— 本机时钟不准，请校准")
            self.fields["drift"].setText(text)
        self.fields["issuing"].setText(self.tr("已暂停：超过期限未从中心获取决定") if view.issuing_blocked
                                       else self.tr("正常"))  # fmt: skip
        c = view.counts
        self.fields["outbox"].setText(f"{c['queued'] + c['sent']} / {c['accepted'] + c['duplicate']} / {c['rejected']}")
        self.fields["receipt"].setText(self._receipt_text())
        self.table.setRowCount(len(view.rejected))
        for row, (event, _worker) in enumerate(view.rejected):
            values = (event.created_at[:19].replace("T", " "), f"{event.entity} {event.entity_uid[:8]}", event.kind,
                      explain_rejection(event.reject_code, self._session.languages.lang),
                      event.reject_reason or "")  # fmt: skip
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.resend_button.setEnabled(bool(view.rejected))
        self.open_button.setEnabled(bool(view.rejected))

    def _receipt_text(self) -> str:
        r = self.reconciliation
        if r is None:
            return "—"
        if isinstance(r, TerminalError):
            return r.message(self._session.languages.lang)
        counts = f"{r.local.count} / {r.server.count}"
        if r.matches:
            return self.tr("一致：本机已确认 %1 条，中心持有 %1 条，摘要相同").replace("%1", str(r.local.count))
        return self.tr("不一致（本机 / 中心）：") + counts

    def sync_now(self) -> None:
        control = self._session.sync_control
        if control is None or not control.sync_now():
            self.fields["receipt"].setText(self.tr("未注册中心服务器，无法同步"))

    def reconcile(self) -> None:
        control = self._session.sync_control
        if control is None:
            return
        self.fields["receipt"].setText(self.tr("正在对账…"))
        control.reconcile(self._reconciled)

    def _reconciled(self, result: object) -> None:
        if isinstance(result, (Reconciliation, TerminalError)):
            self.reconciliation = result
        self._show()

    def _selected(self) -> tuple[OutboxEvent, int | None] | None:
        row = self.table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.rejected):
            return None
        return self.view.rejected[row]

    def _open(self, row: int) -> None:
        if self.view is not None and 0 <= row < len(self.view.rejected):
            worker_id = self.view.rejected[row][1]
            if worker_id is not None:
                self.open_worker.emit(worker_id)

    def resend(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        event_id = chosen[0].event_id
        actor = self._session.require_actor()
        self._session.run(lambda db: sync_actions.requeue_rejected(db, actor, event_id), lambda _none: self._resent())

    def _resent(self) -> None:
        self.refresh()
        if self._session.sync_control is not None:
            self._session.sync_control.sync_now()
