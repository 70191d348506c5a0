"""Training: courses (standard topics), sessions (trainer, place, date, hours), the session's roster,
attendance by card tap for a trainer on site (first tap in, second out, hours counted) and results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)  # fmt: skip

from terminal.core.errors import TerminalError
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui.feedback import report_error
from terminal.ui.form_dialog import FormDialog
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import training, work_lists
from wirecontract.identity import CardRead


@dataclass(frozen=True)
class TrainingData:
    courses: list[work_lists.CourseInfo]
    sessions: list[work_lists.SessionInfo]
    roster: list[training.Attendance]


def load_training(db: Database, course: str | None, session_uid: str | None) -> TrainingData:
    sessions = work_lists.sessions(db, course) if course else []
    known = session_uid in {s.uid for s in sessions}
    return TrainingData(work_lists.courses(db), sessions, training.roster(db, session_uid) if known and session_uid else [])


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[tuple[object, ...]], current: int) -> None:
    table.blockSignals(True)  # refilling is not the operator choosing another row
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    if 0 <= current < len(rows):
        table.selectRow(current)
    table.blockSignals(False)


def _local(moment: str | None) -> str:
    """Taps are stored in UTC; the trainer reads local time."""
    return dt.datetime.fromisoformat(moment).astimezone().strftime("%m-%d %H:%M") if moment else ""


class TrainingPage(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPage")
        self._session = session
        self.data: TrainingData | None = None
        self.course: str | None = None
        self.session_uid: str | None = None
        self.taking_taps = False
        self.dialog: FormDialog | None = None
        self.courses, self.sessions, self.roster = _table("courses"), _table("sessions"), _table("roster")
        self.courses.itemSelectionChanged.connect(self._course_chosen)
        self.sessions.itemSelectionChanged.connect(self._session_chosen)
        self.captions = [QLabel() for _ in range(3)]
        self.add_course_button, self.add_session_button = QPushButton(), QPushButton()
        self.taps_button, self.result_button = QPushButton(), QPushButton()
        self.taps_button.setObjectName("tapsButton")
        self.taps_button.setCheckable(True)
        self.taps_button.toggled.connect(self._taps_toggled)
        self.add_course_button.clicked.connect(self.new_course)
        self.add_session_button.clicked.connect(self.new_session)
        self.result_button.clicked.connect(self.enter_result)
        self.status = QLabel()
        self.status.setObjectName("trainingStatus")
        self.status.setStyleSheet("font-size: 12pt;")
        grid = QGridLayout(self)
        for col, (caption, table, buttons) in enumerate((
            (self.captions[0], self.courses, (self.add_course_button,)),
            (self.captions[1], self.sessions, (self.add_session_button,)),
            (self.captions[2], self.roster, (self.taps_button, self.result_button)),
        )):  # fmt: skip
            grid.addWidget(caption, 0, col)
            grid.addWidget(table, 1, col)
            for i, button in enumerate(buttons):
                grid.addWidget(button, 2 + i, col)
        grid.addWidget(self.status, 4, 0, 1, 3)
        grid.setColumnStretch(2, 2)
        session.signals.data_changed.connect(self.refresh_if_shown)
        self.retranslate()

    def retranslate(self) -> None:
        for caption, text in zip(self.captions, (self.tr("课程"), self.tr("培训场次"), self.tr("签到名单")), strict=True):
            caption.setText(text)
        self.add_course_button.setText(self.tr("新建课程"))
        self.add_session_button.setText(self.tr("新建场次"))
        self.result_button.setText(self.tr("录入所选人员成绩"))
        self._show()


    def refresh(self) -> None:
        course, uid = self.course, self.session_uid
        self._session.run(lambda db: load_training(db, course, uid), self._loaded)

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _loaded(self, data: TrainingData) -> None:
        self.data = data
        self._show()

    def _show(self) -> None:
        manage, attend = self._session.may(Action.MANAGE_TRAINING), self._session.may(Action.RECORD_ATTENDANCE)
        self.add_course_button.setVisible(manage)
        self.add_session_button.setVisible(manage)
        self.result_button.setVisible(manage)
        self.taps_button.setVisible(attend)
        self.taps_button.setEnabled(self.session_uid is not None)
        self.taps_button.setText(self.tr("结束刷卡") if self.taking_taps else self.tr("开始刷卡签到/签退"))
        if self.data is None:
            return
        d = self.data
        _fill(self.courses, [self.tr("代码"), self.tr("名称"), self.tr("学时"), self.tr("合格分"), self.tr("场次")],
              [(c.code, c.title, c.hours, c.pass_score, c.sessions) for c in d.courses],
              next((i for i, c in enumerate(d.courses) if c.code == self.course), -1))  # fmt: skip
        _fill(self.sessions, [self.tr("时间"), self.tr("培训师"), self.tr("地点"), self.tr("学时"), self.tr("人数")],
              [(s.starts_at[:16].replace("T", " "), s.trainer, s.place, s.hours, s.attendees) for s in d.sessions],
              next((i for i, s in enumerate(d.sessions) if s.uid == self.session_uid), -1))  # fmt: skip
        passed = {True: self.tr("合格"), False: self.tr("不合格"), None: ""}
        _fill(self.roster, [self.tr("姓名"), self.tr("签到"), self.tr("签退"), self.tr("学时"), self.tr("成绩"), self.tr("结果")],
              [(a.name, _local(a.tap_in_at), _local(a.tap_out_at), a.hours, a.score, passed[a.passed])
               for a in d.roster], self.roster.currentRow())  # fmt: skip

    def _course_chosen(self) -> None:
        row = self.courses.currentRow()
        if self.data is not None and 0 <= row < len(self.data.courses):
            self.course, self.session_uid = self.data.courses[row].code, None
            self._stop_taps()
            self.refresh()

    def _session_chosen(self) -> None:
        row = self.sessions.currentRow()
        if self.data is not None and 0 <= row < len(self.data.sessions):
            if self.data.sessions[row].uid != self.session_uid:
                self._stop_taps()
            self.session_uid = self.data.sessions[row].uid
            self.refresh()

    def choose(self, course: str, session_uid: str | None = None) -> None:
        self.course, self.session_uid = course, session_uid
        self.refresh()

    # --- taps ----------------------------------------------------------------------------------------
    def _taps_toggled(self, on: bool) -> None:
        self.taking_taps = on and self.session_uid is not None
        self.status.setText(self.tr("请学员将身份证放在读卡器上：第一次签到，第二次签退") if self.taking_taps else "")
        self._show()

    def _stop_taps(self) -> None:
        self.taps_button.setChecked(False)

    @property
    def wants_card(self) -> bool:
        return self.taking_taps

    def card_presented(self, card: CardRead) -> None:
        uid = self.session_uid
        if not self.taking_taps or uid is None:
            return
        actor = self._session.require_actor()
        self._session.run(lambda db: training.tap(db, actor, uid, card), self._tapped, self._tap_refused)

    def _tapped(self, direction: str) -> None:
        self.status.setText(self.tr("签到成功") if direction == "in" else self.tr("签退成功，学时已计入"))
        self._session.signals.data_changed.emit()
        self.refresh()

    def _tap_refused(self, error: BaseException) -> None:
        if isinstance(error, TerminalError):
            self.status.setText(error.message(ui_lang()))
        report_error(self, error)

    # --- dialogs -------------------------------------------------------------------------------------
    def _submit(self, dialog: FormDialog, op: Callable[[Database], object]) -> None:
        def done(_result: object) -> None:
            dialog.done_ok()
            self._session.signals.data_changed.emit()
            self.refresh()

        dialog.on_submit = lambda: self._session.run(op, done, dialog.refused)
        self.dialog = dialog
        dialog.open()

    def new_course(self) -> None:
        actor = self._session.require_actor()
        d = FormDialog("courseDialog", self.tr("新建课程"), self)
        code, title = QLineEdit(), QLineEdit()
        code.setObjectName("code")
        title.setObjectName("title")
        topics = QListWidget()
        topics.setObjectName("topics")
        for topic in training.STANDARD_TOPICS:
            item = QListWidgetItem(topic)
            item.setCheckState(Qt.CheckState.Checked)
            topics.addItem(item)
        hours, pass_score = QDoubleSpinBox(), QDoubleSpinBox()
        hours.setObjectName("hours")
        pass_score.setObjectName("passScore")
        hours.setRange(0, 200)
        hours.setValue(16)
        pass_score.setRange(0, 100)
        pass_score.setValue(60)
        for caption, widget in ((self.tr("代码"), code), (self.tr("名称"), title), (self.tr("主题"), topics),
                                (self.tr("学时"), hours), (self.tr("合格分"), pass_score)):  # fmt: skip
            d.add_row(caption, widget)

        def chosen() -> list[str]:
            return [i.text() for i in (topics.item(r) for r in range(topics.count()))
                    if i is not None and i.checkState() == Qt.CheckState.Checked]  # fmt: skip

        self._submit(d, lambda db: training.add_course(db, actor, code.text().strip(), title.text(), chosen(),
                                                        hours.value(), pass_score.value()))  # fmt: skip

    def new_session(self) -> None:
        course = self.course
        if course is None:
            self.status.setText(self.tr("请先选择课程"))
            return
        actor = self._session.require_actor()
        d = FormDialog("sessionDialog", self.tr("新建场次"), self)
        trainer, place = QLineEdit(actor.display_name or actor.username), QLineEdit()
        trainer.setObjectName("trainer")
        place.setObjectName("place")
        starts = QDateTimeEdit(QDateTime.currentDateTime())
        starts.setObjectName("startsAt")
        starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        hours = QDoubleSpinBox()
        hours.setObjectName("hours")
        hours.setRange(0.5, 200)
        hours.setValue(8)
        for caption, widget in ((self.tr("培训师"), trainer), (self.tr("地点"), place), (self.tr("开始时间"), starts),
                                (self.tr("学时"), hours)):  # fmt: skip
            d.add_row(caption, widget)

        def when() -> dt.datetime:
            value = starts.dateTime().toPython()
            assert isinstance(value, dt.datetime)
            return value.astimezone(dt.UTC)  # the operator types local time

        self._submit(d, lambda db: training.add_session(db, actor, course, trainer.text(), place.text(), when(), hours.value()))

    def enter_result(self) -> None:
        row, uid = self.roster.currentRow(), self.session_uid
        if self.data is None or uid is None or not 0 <= row < len(self.data.roster):
            self.status.setText(self.tr("请先在签到名单中选择人员"))
            return
        actor, attendee = self._session.require_actor(), self.data.roster[row]
        d = FormDialog("resultDialog", f"{self.tr('成绩')} {attendee.name}", self)
        score = QDoubleSpinBox()
        score.setObjectName("score")
        score.setRange(0, 100)
        score.setValue(attendee.score or 80)
        d.add_row(self.tr("成绩（0-100）"), score)
        self._submit(d, lambda db: training.record_result(db, actor, uid, attendee.worker_id, score.value()))
