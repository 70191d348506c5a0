"""The credential queues: applications waiting for approval, applications returned to the clerk, approved cards
waiting for printing, printed cards waiting to be handed over.

Beside the queue, the selected credential's whole file (application_view: photo, identity masked, letters, health
check, insurance, training, background check and every issuing condition). The approver approves the ticked
applications after confirming their count (one refusal never stops the others) or returns one with a reason; the
clerk hands a returned one in again. Printing (print_panel), and issue by the holder's card tap: no receipt
without the tap, the holder's photo beside the list."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
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
from terminal.ui.application_view import ApplicationView
from terminal.ui.credential_printing import JobResult
from terminal.ui.feedback import report_error, show_dialog
from terminal.ui.form_dialog import FormDialog
from terminal.ui.i18n import ui_lang
from terminal.ui.print_panel import PrintPanel
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import application_file, credentials, work_lists
from terminal.usecases.credential_batches import BatchItem, batch_transition
from wirecontract.identity import CardRead


class Queue(enum.StrEnum):
    """The page's tabs; the values are the credential states (a returned application is still `applied`), so a
    State looks the same queue up."""

    APPROVAL = "applied"
    RETURNED = "returned"
    PRINT = "approved"
    ISSUE = "printed"


QUEUES = tuple(Queue)


def _queue(which: State | Queue | str) -> Queue:
    return Queue(str(which))


@dataclass(frozen=True)
class Queues:
    entries: dict[Queue, list[work_lists.QueueEntry]]


def load_queues(db: Database, today: dt.date) -> Queues:
    return Queues({
        Queue.APPROVAL: work_lists.credential_queue(db, State.APPLIED, today),
        Queue.RETURNED: work_lists.credential_queue(db, State.APPLIED, today, returned=True),
        Queue.PRINT: work_lists.credential_queue(db, State.APPROVED, today),
        Queue.ISSUE: work_lists.credential_queue(db, State.PRINTED, today),
    })  # fmt: skip


class CredentialsPage(Retranslating, QWidget):
    open_worker = Signal(int)

    def __init__(self, session: Session, print_system: PrintSystem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialsPage")
        self._session = session
        self.queues: Queues | None = None
        self.awaiting: work_lists.QueueEntry | None = None  # the credential whose holder must tap now
        self.dialog: FormDialog | None = None
        self.confirm: QMessageBox | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("queueTabs")
        self.tables: dict[Queue, QTableWidget] = {}
        for queue in QUEUES:
            table = QTableWidget()
            table.setObjectName(f"queue_{queue.value}")
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            table.cellDoubleClicked.connect(lambda row, _col, q=queue: self._open_row(q, row))
            table.currentCellChanged.connect(lambda row, _c, _pr, _pc, q=queue: self._row_selected(q, row))
            self.tables[queue] = table
            self.tabs.addTab(table, "")
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.file_view = ApplicationView()
        self.file_view.setMinimumWidth(380)
        self.tick_all = QPushButton()
        self.tick_all.clicked.connect(self.tick_all_rows)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self.approve_ticked)
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnButton")
        self.return_button.clicked.connect(self.start_return)
        self.resubmit_button = QPushButton()
        self.resubmit_button.setObjectName("resubmitButton")
        self.resubmit_button.clicked.connect(self.resubmit_selected)
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
        self.print_panel = PrintPanel(session, lambda: self.ticked(Queue.PRINT), print_system)
        self.print_panel.printed.connect(self._printed)
        buttons = QHBoxLayout()
        for button in (self.tick_all, self.approve_button, self.return_button, self.resubmit_button,
                       self.issue_button, self.cancel_issue):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tabs, 1)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addWidget(self.print_panel)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.file_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        session.signals.data_changed.connect(self.refresh_if_shown)
        # The last operator's outcome ("approved 1, refused 2") is not the next one's news.
        session.signals.signed_in.connect(self._forget_outcome)
        self.retranslate()

    def _forget_outcome(self, _actor: object) -> None:
        self.status.clear()

    def retranslate(self) -> None:
        self.tick_all.setText(self.tr("全选"))
        self.approve_button.setText(self.tr("审核通过所选"))
        self.return_button.setText(self.tr("退回补正…"))
        self.resubmit_button.setText(self.tr("补正后重新提交"))
        self.issue_button.setText(self.tr("发证（持证人刷身份证确认）"))
        self.cancel_issue.setText(self.tr("取消发证"))
        self.refresh_button.setText(self.tr("刷新"))
        self._show()

    def _titles(self) -> dict[Queue, str]:
        return {Queue.APPROVAL: self.tr("待审核"), Queue.RETURNED: self.tr("已退回"), Queue.PRINT: self.tr("待打印"),
                Queue.ISSUE: self.tr("待发放")}  # fmt: skip

    # --- data ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self._session.today()
        self.print_panel.show_printer()
        self._session.run(lambda db: load_queues(db, today), self._loaded)

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _loaded(self, queues: Queues) -> None:
        self.queues = queues
        self._show()
        self._row_selected(self.current_queue, self.tables[self.current_queue].currentRow())

    def _missing(self, entry: work_lists.QueueEntry) -> str:
        lang = ui_lang()
        return ("；" if lang == "zh" else "; ").join(c.label(lang) for c in entry.missing)

    def _show(self) -> None:
        headers = [self.tr("证件号"), self.tr("姓名"), self.tr("证件号码"), self.tr("版本"), self.tr("申请时间"),
                   self.tr("有效期至"), self.tr("尚缺条件")]  # fmt: skip
        for queue, table in self.tables.items():
            entries = self.queues.entries[queue] if self.queues else []
            columns = [*headers, self.tr("退回原因")] if queue is Queue.RETURNED else headers
            current = table.currentRow()
            table.clear()
            table.setColumnCount(len(columns))
            table.setHorizontalHeaderLabels(columns)
            table.setRowCount(len(entries))
            for row, e in enumerate(entries):
                values = [e.credential_no, e.name, e.masked_id, str(e.version), e.applied_at[:16].replace("T", " "),
                          e.valid_to or "", self._missing(e)]  # fmt: skip
                if queue is Queue.RETURNED:
                    values.append(e.returned_reason or "")
                for col, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if col == 0:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Unchecked)
                    if col == 6 and e.missing:
                        item.setForeground(Qt.GlobalColor.darkRed)
                    table.setItem(row, col, item)
            if 0 <= current < len(entries):
                table.setCurrentCell(current, 0)
        for i, (queue, title) in enumerate(self._titles().items()):
            count = len(self.queues.entries[queue]) if self.queues else 0
            self.tabs.setTabText(i, f"{title} ({count})")
        self._show_buttons()

    @property
    def current_queue(self) -> Queue:
        return QUEUES[self.tabs.currentIndex()]

    def _tab_changed(self) -> None:
        self._show_buttons()
        self._row_selected(self.current_queue, self.tables[self.current_queue].currentRow())

    def _show_buttons(self) -> None:
        queue = self.current_queue
        approver = queue is Queue.APPROVAL and self._session.may(Action.APPROVE)
        self.tick_all.setVisible(queue in (Queue.APPROVAL, Queue.PRINT))
        self.approve_button.setVisible(approver)
        self.return_button.setVisible(approver)
        self.resubmit_button.setVisible(queue is Queue.RETURNED and self._session.may(Action.APPLY))
        self.print_panel.setVisible(queue is Queue.PRINT and self._session.may(Action.PRINT))
        self.issue_button.setVisible(queue is Queue.ISSUE and self._session.may(Action.ISSUE))
        self.issue_button.setEnabled(self.awaiting is None)
        self.cancel_issue.setVisible(self.awaiting is not None)

    def show_queue(self, which: State | Queue) -> None:
        self.tabs.setCurrentIndex(QUEUES.index(_queue(which)))

    def _boxes(self, which: State | Queue) -> list[QTableWidgetItem]:
        table = self.tables[_queue(which)]
        return [item for r in range(table.rowCount()) if (item := table.item(r, 0)) is not None]

    def ticked(self, which: State | Queue) -> list[str]:
        return [item.text() for item in self._boxes(which) if item.checkState() == Qt.CheckState.Checked]

    def tick(self, which: State | Queue, credential_no: str) -> None:
        for item in self._boxes(which):
            if item.text() == credential_no:
                item.setCheckState(Qt.CheckState.Checked)

    def tick_all_rows(self) -> None:
        for item in self._boxes(self.current_queue):
            item.setCheckState(Qt.CheckState.Checked)

    def select(self, which: State | Queue, credential_no: str) -> None:
        table = self.tables[_queue(which)]
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.text() == credential_no:
                table.setCurrentCell(row, 0)

    def _entry(self, queue: Queue, row: int) -> work_lists.QueueEntry | None:
        if self.queues is None or not 0 <= row < len(self.queues.entries[queue]):
            return None
        return self.queues.entries[queue][row]

    def _open_row(self, queue: Queue, row: int) -> None:
        entry = self._entry(queue, row)
        if entry is not None:
            self.open_worker.emit(entry.worker_id)

    # --- the selected credential's whole file ------------------------------------------------------
    def _row_selected(self, queue: Queue, row: int) -> None:
        if queue is not self.current_queue:
            return
        entry = self._entry(queue, row)
        if entry is None or self._session.actor is None:
            self.file_view.show_file(None)
            return
        actor, today, number = self._session.require_actor(), self._session.today(), entry.credential_no
        self._session.run(lambda db: application_file.load(db, actor, number, today), self._file_loaded)

    def _file_loaded(self, file: application_file.ApplicationFile) -> None:
        entry = self._entry(self.current_queue, self.tables[self.current_queue].currentRow())
        if entry is not None and entry.credential_no == file.credential_no:  # a late answer for another row is dropped
            self.file_view.show_file(file)

    def selected(self) -> work_lists.QueueEntry | None:
        return self._entry(self.current_queue, self.tables[self.current_queue].currentRow())

    # --- approval ------------------------------------------------------------------------------------
    def approve_ticked(self) -> None:
        """Ask first, naming the count (and how many lack a condition and will be refused), then approve."""
        numbers = self.ticked(Queue.APPROVAL)
        if not numbers:
            self.status.setText(self.tr("请先勾选要审核的申请"))
            return
        entries = {e.credential_no: e for e in (self.queues.entries[Queue.APPROVAL] if self.queues else [])}
        blocked = sum(1 for n in numbers if n in entries and entries[n].missing)
        text = self.tr("审核通过所选的 %1 份申请？").replace("%1", str(len(numbers)))
        if blocked:
            text += "\n" + self.tr("其中 %1 份尚缺发证条件，不会通过，将列出原因。").replace("%1", str(blocked))
        box = self.confirm = QMessageBox(QMessageBox.Icon.Question, self.tr("确认审核"), text,
                                         QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.setObjectName("approveConfirm")
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("审核通过 %1 份").replace("%1", str(len(numbers))))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._approve(numbers) if button is yes else None)
        show_dialog(box)

    def _approve(self, numbers: list[str]) -> None:
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

    # --- return to the clerk, and handing in again -------------------------------------------------
    def start_return(self) -> None:
        entry = self.selected()
        if entry is None:
            self.status.setText(self.tr("请先选择要退回的申请"))
            return
        title = self.tr("退回申请 %1（%2）").replace("%1", entry.credential_no).replace("%2", entry.name)
        dialog = self.dialog = FormDialog("returnDialog", title, self)
        dialog.setMinimumWidth(480)
        note = QLabel(self.tr("申请将退回登记员的“已退回”列表，登记员补正后重新提交，再回到待审核。"))
        note.setWordWrap(True)
        dialog.form.addRow(note)
        reason = QLineEdit()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("退回原因（必填）"), reason)
        number, actor = entry.credential_no, self._session.require_actor()

        def submit() -> None:
            text = reason.text()
            self._session.run(lambda db: application_file.return_to_clerk(db, actor, number, text),
                              lambda _none: self._returned(dialog, number), dialog.refused)  # fmt: skip

        dialog.on_submit = submit
        dialog.open()

    def _returned(self, dialog: FormDialog, number: str) -> None:
        dialog.done_ok()
        self.status.setText(self.tr("申请 %1 已退回登记员").replace("%1", number))
        self._session.signals.data_changed.emit()
        self.refresh()

    def resubmit_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            self.status.setText(self.tr("请先选择要重新提交的申请"))
            return
        number, actor = entry.credential_no, self._session.require_actor()

        def done(_none: None) -> None:
            self.status.setText(self.tr("申请 %1 已重新提交审核").replace("%1", number))
            self._session.signals.data_changed.emit()
            self.refresh()

        self._session.run(lambda db: application_file.resubmit(db, actor, number), done)

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
        entry = self._entry(Queue.ISSUE, self.tables[Queue.ISSUE].currentRow())
        if entry is None:
            self.status.setText(self.tr("请先选择要发放的证件"))
            return
        self.awaiting = entry
        self.status.setText(self.tr("请 %1 将本人身份证放在读卡器上，确认领取证件 %2；请核对右侧照片与本人相符")
                            .replace("%1", entry.name).replace("%2", entry.credential_no))  # fmt: skip
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
