"""The credential queues: applications waiting for approval, approved cards waiting for printing, printed
cards waiting to be handed over. Batch approval (one refusal never stops the others), batch printing
(print_panel) and issue by the holder's card tap: no receipt without the tap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core.errors import TerminalError
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.print.jobs import PrintSystem
from terminal.store.db import Database
from terminal.ui.credential_printing import JobResult
from terminal.ui.feedback import report_error, show_dialog
from terminal.ui.i18n import ui_lang
from terminal.ui.print_panel import PrintPanel, available_printers
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import credentials, work_lists
from terminal.usecases.credential_batches import BatchItem, batch_transition
from wirecontract.identity import CardRead

QUEUES = (State.APPLIED, State.APPROVED, State.PRINTED)


@dataclass(frozen=True)
class Queues:
    entries: dict[State, list[work_lists.QueueEntry]]


def load_queues(db: Database, today: dt.date) -> Queues:
    return Queues({state: work_lists.credential_queue(db, state, today) for state in QUEUES})


class CredentialsPage(Retranslating, QWidget):
    open_worker = Signal(int)

    def __init__(self, session: Session, print_system: PrintSystem | None = None,
                 list_printers: Callable[[], list[str]] = available_printers, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("credentialsPage")
        self._session = session
        self.queues: Queues | None = None
        self.awaiting: work_lists.QueueEntry | None = None  # the credential whose holder must tap now
        self.tabs = QTabWidget()
        self.tabs.setObjectName("queueTabs")
        self.tables: dict[State, QTableWidget] = {}
        for state in QUEUES:
            table = QTableWidget()
            table.setObjectName(f"queue_{state.value}")
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.cellDoubleClicked.connect(lambda row, _col, s=state: self._open_row(s, row))
            self.tables[state] = table
            self.tabs.addTab(table, "")
        self.tabs.currentChanged.connect(lambda _i: self._show_buttons())
        self.tick_all = QPushButton()
        self.tick_all.clicked.connect(self.tick_all_rows)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self.approve_ticked)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self.start_issue)
        self.cancel_issue = QPushButton()
        self.cancel_issue.setObjectName("cancelIssue")
        self.cancel_issue.clicked.connect(self.stop_issue)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("queueStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        self.print_panel = PrintPanel(session, lambda: self.ticked(State.APPROVED), print_system, list_printers)
        self.print_panel.printed.connect(self._printed)
        buttons = QHBoxLayout()
        for button in (self.tick_all, self.approve_button, self.issue_button, self.cancel_issue):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.print_panel)
        session.signals.data_changed.connect(self.refresh_if_shown)
        self.retranslate()

    def retranslate(self) -> None:
        for i, title in enumerate((self.tr("待审核"), self.tr("待打印"), self.tr("待发放"))):
            self.tabs.setTabText(i, title)
        self.tick_all.setText(self.tr("全选"))
        self.approve_button.setText(self.tr("审核通过所选"))
        self.issue_button.setText(self.tr("发证（持证人刷身份证确认）"))
        self.cancel_issue.setText(self.tr("取消发证"))
        self.refresh_button.setText(self.tr("刷新"))
        self._show()


    # --- data ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self._session.today()
        self._session.run(lambda db: load_queues(db, today), self._loaded)

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _loaded(self, queues: Queues) -> None:
        self.queues = queues
        self._show()

    def _show(self) -> None:
        headers = [self.tr("证件号"), self.tr("姓名"), self.tr("证件号码"), self.tr("版本"), self.tr("申请时间"),
                   self.tr("有效期至"), self.tr("发证尚缺")]  # fmt: skip
        for state, table in self.tables.items():
            entries = self.queues.entries[state] if self.queues else []
            table.clear()
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.setRowCount(len(entries))
            for row, e in enumerate(entries):
                values = (e.credential_no, e.name, e.masked_id, str(e.version), e.applied_at[:16].replace("T", " "),
                          e.valid_to or "", "；".join(m.split(" / ")[0 if ui_lang() == "zh" else -1] for m in e.missing))  # fmt: skip
                for col, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if col == 0:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Unchecked)
                    table.setItem(row, col, item)
        for i, state in enumerate(QUEUES):
            count = len(self.queues.entries[state]) if self.queues else 0
            self.tabs.setTabText(i, f"{self.tabs.tabText(i).split(' (')[0]} ({count})")
        self._show_buttons()

    def _show_buttons(self) -> None:
        state = QUEUES[self.tabs.currentIndex()]
        self.approve_button.setVisible(state is State.APPLIED and self._session.may(Action.APPROVE))
        self.print_panel.setVisible(state is State.APPROVED and self._session.may(Action.PRINT))
        self.issue_button.setVisible(state is State.PRINTED and self._session.may(Action.ISSUE))
        self.issue_button.setEnabled(self.awaiting is None)
        self.cancel_issue.setVisible(self.awaiting is not None)

    def show_queue(self, state: State) -> None:
        self.tabs.setCurrentIndex(QUEUES.index(state))

    def _boxes(self, state: State) -> list[QTableWidgetItem]:
        table = self.tables[state]
        return [item for r in range(table.rowCount()) if (item := table.item(r, 0)) is not None]

    def ticked(self, state: State) -> list[str]:
        return [item.text() for item in self._boxes(state) if item.checkState() == Qt.CheckState.Checked]

    def tick(self, state: State, credential_no: str) -> None:
        for item in self._boxes(state):
            if item.text() == credential_no:
                item.setCheckState(Qt.CheckState.Checked)

    def tick_all_rows(self) -> None:
        for item in self._boxes(QUEUES[self.tabs.currentIndex()]):
            item.setCheckState(Qt.CheckState.Checked)

    def _open_row(self, state: State, row: int) -> None:
        if self.queues is not None and row < len(self.queues.entries[state]):
            self.open_worker.emit(self.queues.entries[state][row].worker_id)

    # --- approval ------------------------------------------------------------------------------------
    def approve_ticked(self) -> None:
        numbers = self.ticked(State.APPLIED)
        if not numbers:
            self.status.setText(self.tr("请先勾选要审核的申请"))
            return
        actor, today = self._session.require_actor(), self._session.today()
        self._session.run(lambda db: batch_transition(db, actor, numbers, Action.APPROVE, today), self._approved)

    def _approved(self, items: list[BatchItem]) -> None:
        ok = [i for i in items if i.ok]
        refused = [i for i in items if not i.ok]
        self.status.setText(self.tr("已审核通过 %1 份，未通过 %2 份").replace("%1", str(len(ok))).replace("%2", str(len(refused))))
        if refused:
            lines = [f"{i.credential_no}: {i.error.message(ui_lang()) if i.error else ''}" for i in refused]
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("部分申请未通过审核"), "\n".join(lines),
                              QMessageBox.StandardButton.Ok, self)  # fmt: skip
            box.setObjectName("batchRefusals")
            show_dialog(box)
        self._session.signals.data_changed.emit()
        self.refresh()

    # --- printing ------------------------------------------------------------------------------------
    def _printed(self, results: list[JobResult]) -> None:
        done = sum(len(r.job.credential_nos) for r in results if r.fault is None)
        failed = [r for r in results if r.fault is not None]
        text = self.tr("已打印 %1 张").replace("%1", str(done))
        if failed:
            fault = failed[0].fault
            assert fault is not None
            text += "；" + self.tr("打印失败，证件仍在待打印：") + fault.message(ui_lang())
        self.status.setText(text)
        self.refresh()

    # --- issue by the holder's tap --------------------------------------------------------------------
    def start_issue(self) -> None:
        table = self.tables[State.PRINTED]
        row = table.currentRow()
        if self.queues is None or row < 0 or row >= len(self.queues.entries[State.PRINTED]):
            self.status.setText(self.tr("请先选择要发放的证件"))
            return
        self.awaiting = self.queues.entries[State.PRINTED][row]
        self.status.setText(self.tr("请 %1 将本人身份证放在读卡器上，确认领取证件 %2")
                            .replace("%1", self.awaiting.name).replace("%2", self.awaiting.credential_no))  # fmt: skip
        self._show_buttons()

    def stop_issue(self) -> None:
        self.awaiting = None
        self.status.clear()
        self._show_buttons()

    @property
    def wants_card(self) -> bool:
        return self.awaiting is not None

    def card_presented(self, card: CardRead) -> None:
        if self.awaiting is None:
            return
        number, actor, today = self.awaiting.credential_no, self._session.require_actor(), self._session.today()
        self._session.run(lambda db: credentials.transition(db, actor, number, Action.ISSUE, today, card_read=card),
                          self._issued, self._issue_refused)  # fmt: skip

    def _issued(self, cred: credentials.Credential) -> None:
        self.awaiting = None
        self.status.setText(self.tr("证件 %1 已发放（第 %2 版）").replace("%1", cred.credential_no).replace("%2", str(cred.version)))
        self._session.signals.data_changed.emit()
        self.refresh()

    def _issue_refused(self, error: BaseException) -> None:
        """The credential stays waiting; the right holder may still tap, or the clerk cancels."""
        if isinstance(error, TerminalError):
            self.status.setText(self.tr("未发证：") + error.message(ui_lang()))
        report_error(self, error)
