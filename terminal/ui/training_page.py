"""Training: courses (standard topics, for workers or for the agency's own managers), sessions (trainer, place,
date, hours), the session's roster, attendance by card tap for a trainer on site and results.

Taps go the way the trainer chose (签到 or 签退), and the same card twice within a minute is one tap. Each tap
shows the trainee's name large, with the photo kept at registration; a card that cannot sign in (not
registered, not signed in yet) says so on the page, never in a dialog that stops the queue. The results
dialog names the trainee and the hours attended, and starts empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core.errors import NotFound, TerminalError
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui.feedback import announce, report_error
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
    audiences: dict[str, str]  # course code → "workers" or "managers"
    attended: dict[int, float]  # roster person → hours over every session of the course


def load_training(db: Database, course: str | None, session_uid: str | None) -> TrainingData:
    sessions = work_lists.sessions(db, course) if course else []
    known = session_uid in {s.uid for s in sessions}
    roster = training.roster(db, session_uid) if known and session_uid else []
    audiences = {str(r[0]): str(r[1]) for r in db.query("SELECT code, audience FROM training_courses")}
    attended: dict[int, float] = {}
    if roster and course is not None:
        course_id = int(db.scalar("SELECT id FROM training_courses WHERE code = ?", (course,)))
        group = training.GROUPS[audiences[course]]
        attended = {a.worker_id: training.attended_hours(db, group, course_id, a.worker_id) for a in roster}
    return TrainingData(work_lists.courses(db), sessions, roster, audiences, attended)


class TapCard(QFrame):
    """The last tap, large enough to read from where the trainee stands: photo, name, which way and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tapCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo = QLabel()
        self.photo.setObjectName("tapPhoto")
        self.photo.setFixedSize(102, 126)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #999;")
        self.name = QLabel()
        self.name.setObjectName("tapName")
        self.name.setStyleSheet("font-size: 28pt; font-weight: bold;")
        self.detail = QLabel()
        self.detail.setObjectName("tapDetail")
        self.detail.setStyleSheet("font-size: 14pt;")
        self.detail.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.detail, 1)
        row = QHBoxLayout(self)
        row.addWidget(self.photo)
        row.addLayout(text, 1)

    def show_tap(self, name: str, detail: str, colour: str, photo: bytes | None, no_photo: str) -> None:
        self.name.setText(name)
        self.detail.setText(detail)
        self.detail.setStyleSheet(f"font-size: 14pt; color: {colour};")
        pixmap = QPixmap()
        if photo is not None and pixmap.loadFromData(photo):
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.photo.clear()
            self.photo.setText(no_photo)


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
        self.sign_in_button, self.sign_out_button = QPushButton(), QPushButton()
        self.direction = QButtonGroup(self)
        for button, name in ((self.sign_in_button, "tapIn"), (self.sign_out_button, "tapOut")):
            button.setObjectName(name)
            button.setCheckable(True)
            self.direction.addButton(button)
        self.sign_in_button.setChecked(True)
        self.direction.buttonToggled.connect(lambda _b, _on: self._show_prompt())
        self.tap_card = TapCard()
        self.tap_card.hide()
        self.add_course_button.clicked.connect(self.new_course)
        self.add_session_button.clicked.connect(self.new_session)
        self.result_button.clicked.connect(self.enter_result)
        self.status = QLabel()
        self.status.setObjectName("trainingStatus")
        self.status.setStyleSheet("font-size: 12pt;")
        self.status.setWordWrap(True)
        taps = QHBoxLayout()
        taps.addWidget(self.sign_in_button)
        taps.addWidget(self.sign_out_button)
        taps.addWidget(self.taps_button, 1)
        grid = QGridLayout(self)
        for col, (caption, table, button) in enumerate((
            (self.captions[0], self.courses, self.add_course_button),
            (self.captions[1], self.sessions, self.add_session_button),
            (self.captions[2], self.roster, self.result_button),
        )):  # fmt: skip
            grid.addWidget(caption, 0, col)
            grid.addWidget(table, 3, col)
            grid.addWidget(button, 4, col)
        grid.addLayout(taps, 1, 2)
        grid.addWidget(self.tap_card, 2, 2)
        grid.addWidget(self.status, 5, 0, 1, 3)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(3, 1)
        session.signals.data_changed.connect(self.refresh_if_shown)
        self.retranslate()

    def retranslate(self) -> None:
        for caption, text in zip(self.captions, (self.tr("课程"), self.tr("培训场次"), self.tr("签到名单")), strict=True):
            caption.setText(text)
        self.add_course_button.setText(self.tr("新建课程"))
        self.add_session_button.setText(self.tr("新建场次"))
        self.result_button.setText(self.tr("录入所选人员成绩"))
        self.sign_in_button.setText(self.tr("签到"))
        self.sign_out_button.setText(self.tr("签退"))
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
        for button in (self.taps_button, self.sign_in_button, self.sign_out_button):
            button.setVisible(attend)
        self.taps_button.setEnabled(self.session_uid is not None)
        self.taps_button.setText(self.tr("结束刷卡") if self.taking_taps else self.tr("开始刷卡"))
        if self.data is None:
            return
        d = self.data
        audience = {"workers": self.tr("家政服务人员"), "managers": self.tr("机构管理人员")}
        _fill(self.courses, [self.tr("代码"), self.tr("名称"), self.tr("培训对象"), self.tr("学时"), self.tr("合格分"), self.tr("场次")],
              [(c.code, c.title, audience.get(d.audiences.get(c.code, "workers"), ""), c.hours, c.pass_score, c.sessions)
               for c in d.courses],
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
    @property
    def tap_direction(self) -> str:
        return "out" if self.sign_out_button.isChecked() else "in"

    def _show_prompt(self) -> None:
        if not self.taking_taps:
            self.status.setText("")
        elif self.tap_direction == "in":
            self.status.setText(self.tr("签到中：请学员将身份证放在读卡器上"))
        else:
            self.status.setText(self.tr("签退中：请学员将身份证放在读卡器上"))
        self.status.setStyleSheet("font-size: 12pt;")

    def _taps_toggled(self, on: bool) -> None:
        self.taking_taps = on and self.session_uid is not None
        self._show_prompt()
        self._show()

    def _stop_taps(self) -> None:
        self.taps_button.setChecked(False)
        self.tap_card.hide()

    @property
    def wants_card(self) -> bool:
        return self.taking_taps

    def card_presented(self, card: CardRead) -> None:
        uid = self.session_uid
        if not self.taking_taps or uid is None:
            return
        actor, direction = self._session.require_actor(), self.tap_direction
        self._session.run(lambda db: training.tap_card(db, actor, uid, card, direction), self._tapped, self._tap_refused)

    def _tapped(self, result: training.TapResult) -> None:
        at = _local(result.at)
        if result.direction == "in":
            detail, colour = self.tr("签到成功 %1").replace("%1", at), "#1b5e20"
        elif result.direction == "out":
            detail = self.tr("签退成功 %1，本场计 %2 学时").replace("%1", at).replace("%2", f"{result.hours:g}")
            colour = "#1b5e20"
        else:
            detail, colour = self.tr("已记录过（%1），本次刷卡未作改动").replace("%1", at), "#37474f"
        self.tap_card.show_tap(result.name, f"{result.masked_id}\n{detail}", colour, result.photo, self.tr("无照片"))
        if result.direction in ("in", "out"):  # the banner too (masked number only: messages are logged)
            hours = f"{result.hours:g}"
            zh, en = (("签到成功", "Signed in") if result.direction == "in" else
                      (f"签退成功，本场计 {hours} 学时", f"Signed out: {hours} hours for this session"))
            announce(f"{zh}：{result.masked_id}", f"{en}: {result.masked_id}")
        self.tap_card.show()
        self._show_prompt()
        self._session.signals.data_changed.emit()
        self.refresh()

    def _tap_refused(self, error: BaseException) -> None:
        """Said on the page: the next trainee in the queue can tap at once."""
        if not isinstance(error, TerminalError):
            report_error(self, error)
            return
        if isinstance(error, NotFound):
            text = self.tr("此证件的持有人未在本机构登记，不能参加本课程签到。请先办理登记。")
        else:
            text = error.message(ui_lang())
        self.tap_card.show_tap(self.tr("未能签到") if self.tap_direction == "in" else self.tr("未能签退"), text,
                               "#b00020", None, "")  # fmt: skip
        self.tap_card.show()

    # --- dialogs -------------------------------------------------------------------------------------
    def _submit(self, dialog: FormDialog, op: Callable[[Database], object],
                success: tuple[str, str] | None = None) -> None:  # fmt: skip
        def done(_result: object) -> None:
            dialog.done_ok()
            if success is not None:
                announce(*success)
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
        audience = QComboBox()
        audience.setObjectName("audience")
        audience.addItem(self.tr("家政服务人员"), "workers")
        audience.addItem(self.tr("机构管理人员"), "managers")
        for caption, widget in ((self.tr("代码"), code), (self.tr("名称"), title), (self.tr("主题"), topics),
                                (self.tr("培训对象"), audience), (self.tr("学时"), hours),
                                (self.tr("合格分"), pass_score)):  # fmt: skip
            d.add_row(caption, widget)

        def chosen() -> list[str]:
            return [i.text() for i in (topics.item(r) for r in range(topics.count()))
                    if i is not None and i.checkState() == Qt.CheckState.Checked]  # fmt: skip

        self._submit(d, lambda db: training.add_course(db, actor, code.text().strip(), title.text(), chosen(),
                                                        hours.value(), pass_score.value(), audience.currentData()))  # fmt: skip

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
        course = next((c for c in self.data.courses if c.code == self.course), None)
        d = FormDialog("resultDialog", self.tr("录入成绩：%1").replace("%1", attendee.name), self)
        who = QLabel()
        who.setObjectName("resultFor")
        who.setStyleSheet("font-size: 14pt; font-weight: bold;")
        who.setText(attendee.name)
        hours = QLabel()
        hours.setObjectName("resultHours")
        attended = self.data.attended.get(attendee.worker_id, attendee.hours)
        hours.setText(self.tr("已参加 %1 学时，课程要求 %2 学时").replace("%1", f"{attended:g}")
                      .replace("%2", f"{course.hours:g}" if course else "?"))  # fmt: skip
        score = QDoubleSpinBox()
        score.setObjectName("score")
        score.setRange(-1, 100)
        score.setSpecialValueText(" ")  # -1 shows empty: the trainer types the score, nothing is suggested
        score.setValue(attendee.score if attendee.score is not None else -1)
        d.add_row(self.tr("学员"), who)
        d.add_row(self.tr("学时"), hours)
        d.add_row(self.tr("成绩（0-100）"), score)
        self._submit(d, lambda db: training.record_result(db, actor, uid, attendee.worker_id, score.value()),
                     ("成绩已保存", "Result saved"))  # fmt: skip
        submit = d.on_submit

        def checked_submit() -> None:
            if score.value() < 0:
                d.error.show_error(self.tr("请输入成绩"))
                return
            if submit is not None:
                submit()

        d.on_submit = checked_submit
