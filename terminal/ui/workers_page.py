"""Find workers: search by name, pinyin, ID suffix, credential number or phone, filter by credential state
and service type. ID numbers and phones are masked in the list; the worker page reveals them (audited)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from terminal.core import service_types
from terminal.core.lifecycle import State
from terminal.ui.feedback import report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import queries
from terminal.usecases.queries import WorkerSummary

ModelIndex = QModelIndex | QPersistentModelIndex


class WorkerTableModel(QAbstractTableModel):
    COLUMNS = ("name", "masked_id", "masked_phone", "service_types", "credential_no", "credential_state")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WorkerSummary] = []

    def set_rows(self, rows: list[WorkerSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("姓名"), self.tr("证件号码"), self.tr("手机"), self.tr("服务类型"), self.tr("证件编号"),
                self.tr("证件状态"))[section]  # fmt: skip

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        lang = ui_lang()
        if column == "service_types":
            return "、".join(service_types.label(c, lang) for c in row.service_types)
        if column == "credential_state":
            if row.credential_state is None:
                return self.tr("未申请")
            state = State(row.credential_state)
            return state.label_zh if lang == "zh" else state.value
        if column == "name" and row.simulated:
            suffix = self.tr("模拟")
            return f"{row.name} · {suffix}"
        value = getattr(row, column)
        return "" if value is None else str(value)


class WorkersPage(Retranslating, QWidget):
    open_worker = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workersPage")
        self._session = session
        self._in_flight = False
        self._dirty = False
        self.searches = 0  # completed searches, for tests and the benchmark
        self.search = QLineEdit()
        self.search.setObjectName("workerSearch")
        self.search.setClearButtonEnabled(True)
        self.state_filter, self.type_filter = QComboBox(), QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.type_filter.setObjectName("typeFilter")
        self.model = WorkerTableModel()
        self.table = QTableView()
        self.table.setObjectName("workerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.open_worker.emit(self.model.rows[index.row()].worker_id))
        self.count = QLabel()
        self.count.setObjectName("workerCount")
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.table.setFocus)
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.type_filter.currentIndexChanged.connect(self.refresh)
        session.signals.data_changed.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.state_filter, 1)
        bar.addWidget(self.type_filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索：姓名、拼音、证件号后几位、证件编号、手机号"))
        lang = ui_lang()
        with QSignalBlocker(self.state_filter), QSignalBlocker(self.type_filter):
            current_state, current_type = self.state_filter.currentData(), self.type_filter.currentData()
            self.state_filter.clear()
            self.state_filter.addItem(self.tr("全部状态"), None)
            self.state_filter.addItem(self.tr("未申请"), "none")
            for state in State:
                self.state_filter.addItem(state.label_zh if lang == "zh" else state.value, state.value)
            self.type_filter.clear()
            self.type_filter.addItem(self.tr("全部服务类型"), None)
            for code in service_types.SERVICE_TYPES:
                self.type_filter.addItem(service_types.label(code, lang), code)
            self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(current_state)))
            self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current_type)))
        # A reset re-reads the headers in the new language. (Emitting headerDataChanged from Python
        # over-releases a bool in PySide6 6.12 and crashes the interpreter at exit.)
        self.model.set_rows(self.model.rows)
        self._show_count()


    def refresh(self) -> None:
        """Search with the current text and filters. Keystrokes while a search runs are coalesced into
        one follow-up search, so typing never queues up work."""
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight, self._dirty = True, False
        text, state, stype = self.search.text(), self.state_filter.currentData(), self.type_filter.currentData()
        self._session.run(lambda db: queries.find_workers(db, text, state, stype, limit=200),
                          self._found, self._failed)  # fmt: skip

    def _found(self, rows: list[WorkerSummary]) -> None:
        self._in_flight = False
        if self._dirty:
            self.refresh()
            return
        self.model.set_rows(rows)
        self.searches += 1
        self._show_count()

    def _failed(self, error: BaseException) -> None:
        self._in_flight = False
        report_error(self, error)

    def _show_count(self) -> None:
        self.count.setText(self.tr("找到 %1 人（最多显示 200 人）").replace("%1", str(len(self.model.rows))))

