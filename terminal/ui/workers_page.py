"""Find workers: search by name, pinyin, ID suffix, credential number or phone, filter by credential state
and service type. ID numbers and phones are masked in the list; the worker page reveals them (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from terminal.core import service_types
from terminal.core.errors import DatabaseClosed
from terminal.core.lifecycle import State
from terminal.ui.feedback import report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import queries
from terminal.usecases.queries import WorkerSummary

ModelIndex = QModelIndex | QPersistentModelIndex


PAGE_ROWS = 40  # one fetch: a screenful and a little more; scrolling fetches the next page


class WorkerTableModel(QAbstractTableModel):
    """The found workers. New results replace the old ones row by row (dataChanged, and rows inserted or
    removed only at the end), never by a reset, so the view keeps its layout and repaints only what changed.
    `more_wanted` asks the page for the next page of results when the view scrolls to the end."""

    COLUMNS = ("name", "masked_id", "masked_phone", "service_types", "credential_no", "credential_state")
    more_wanted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WorkerSummary] = []
        self.complete = True  # no more results beyond these rows
        self.lang = ui_lang()

    def set_rows(self, rows: list[WorkerSummary], complete: bool = True) -> None:
        old, new = len(self.rows), len(rows)
        self.complete = complete
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self.rows = self.rows[:new]
            self.endRemoveRows()
        changed = [i for i in range(min(old, new)) if self.rows[i] != rows[i]]
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self.rows = self.rows[:old] + rows[old:]
            self.endInsertRows()
        self.rows = list(rows)
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.COLUMNS) - 1))

    def append_rows(self, rows: list[WorkerSummary], complete: bool) -> None:
        self.complete = complete
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008  (Qt's signature)
        return not parent.isValid() and not self.complete

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and not self.complete:
            self.more_wanted.emit()

    def relabel(self) -> None:
        """The language changed: the words in every row and the headings change, the rows do not."""
        self.lang = ui_lang()
        self.beginResetModel()  # headings too; once per language switch, not per keystroke
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
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
        if column == "service_types":
            return "、".join(service_types.label(c, self.lang) for c in row.service_types)
        if column == "credential_state":
            if row.credential_state is None:
                return self.tr("未申请")
            return State(row.credential_state).label(self.lang)
        if column == "name" and row.simulated:
            suffix = self.tr("模拟")
            return f"{row.name} · {suffix}"
        value = getattr(row, column)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class SearchRequest:
    """What was asked: a result is shown only if it answers the latest request (stale ones are dropped)."""

    serial: int
    text: str
    state: str | None
    service_type: str | None
    offset: int = 0


class WorkersPage(Retranslating, QWidget):
    open_worker = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workersPage")
        self._session = session
        self._in_flight: SearchRequest | None = None
        self._serial = 0
        self._dirty = False
        self.searches = 0  # completed searches, for tests and the benchmark
        self.search = QLineEdit()
        self.search.setObjectName("workerSearch")
        self.search.setClearButtonEnabled(True)
        # The clear button's icon is loaded when the button first appears, i.e. on the first keystroke (about
        # 70 ms, a visible stutter): load it now instead, while the screen is being built.
        self.search.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton).pixmap(32)
        self.state_filter, self.type_filter = QComboBox(), QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.type_filter.setObjectName("typeFilter")
        self.model = WorkerTableModel()
        self.model.more_wanted.connect(self.fetch_more)
        self.table = QTableView()
        self.table.setObjectName("workerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
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
                self.state_filter.addItem(state.label(lang), state.value)
            self.type_filter.clear()
            self.type_filter.addItem(self.tr("全部服务类型"), None)
            for code in service_types.SERVICE_TYPES:
                self.type_filter.addItem(service_types.label(code, lang), code)
            self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(current_state)))
            self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current_type)))
        # A reset re-reads the headers in the new language. (Emitting headerDataChanged from Python
        # over-releases a bool in PySide6 6.12 and crashes the interpreter at exit.)
        self.model.relabel()
        self._show_count()

    def _request(self, offset: int = 0) -> SearchRequest:
        self._serial += 1
        return SearchRequest(self._serial, self.search.text(), self.state_filter.currentData(),
                             self.type_filter.currentData(), offset)  # fmt: skip

    def refresh(self) -> None:
        """Search with the current text and filters: one query at a time on the search's own thread (its own
        read-only connection, so a sync drain on the database thread never delays it). A keystroke
        while one runs makes that one stale: its answer is dropped and one follow-up search (the latest text)
        runs instead, so typing never queues up work and never shows results for old text."""
        if self._in_flight is not None:
            self._dirty = True
            return
        self._dirty = False
        self._run(self._request())

    def fetch_more(self) -> None:
        """The view scrolled to the end of what was fetched: the next page of the same search."""
        if self._in_flight is None and not self.model.complete:
            self._run(self._request(offset=len(self.model.rows)))

    def _run(self, request: SearchRequest) -> None:
        self._in_flight = request
        self._session.run_search(lambda db: queries.find_workers(db, request.text, request.state, request.service_type,
                                                                 limit=PAGE_ROWS + 1, offset=request.offset),
                                 lambda rows: self._found(request, rows), self._failed)  # fmt: skip

    def _found(self, request: SearchRequest, rows: list[WorkerSummary]) -> None:
        self._in_flight = None
        if self._dirty:  # typed on while this ran: this answer is stale
            self.refresh()
            return
        complete = len(rows) <= PAGE_ROWS
        if request.offset:
            self.model.append_rows(rows[:PAGE_ROWS], complete)
        else:
            self.model.set_rows(rows[:PAGE_ROWS], complete)
            self.searches += 1
        self._show_count()

    def _failed(self, error: BaseException) -> None:
        self._in_flight = None
        self._dirty = False
        if isinstance(error, DatabaseClosed):
            return  # locked or signed out while it ran: the list searches again at the next sign-in
        report_error(self, error)

    def _show_count(self) -> None:
        n = len(self.model.rows)
        if self.model.complete:
            self.count.setText(self.tr("找到 %n 人", "", n))
        else:
            self.count.setText(self.tr("已显示 %n 人，向下滚动查看更多", "", n))
