"""One worker's record: profile, credentials, training, contracts, evaluations, complaints, credit records,
and a timeline of everything recorded with each event's sync state. The full ID number is shown only to
roles that may see it, on request, and each reveal is audited (queries.reveal_id_number). Supervisors release
a worker who leaves the agency (离职/转出, leaving.release_worker) with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core import service_types
from terminal.core.lifecycle import State
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui import history
from terminal.ui.credential_actions import CredentialActions
from terminal.ui.feedback import announce
from terminal.ui.form_dialog import FormDialog
from terminal.ui.i18n import ui_lang
from terminal.ui.photo_view import WorkerPhoto
from terminal.ui.retranslate import Retranslating
from terminal.ui.service_records import ServiceRecords
from terminal.ui.session import Session
from terminal.usecases import leaving, queries
from terminal.usecases.context import Actor
from wirecontract import idnumber

TABLE_TABS = ("credentials", "credential_events", "training", "contracts", "evaluations", "complaints",
              "credit_records", "background_checks")


@dataclass(frozen=True)
class WorkerView:
    record: queries.WorkerRecord
    timeline: list[queries.TimelineEvent]


def load_worker(db: Database, actor: Actor, worker_id: int) -> WorkerView:
    return WorkerView(queries.worker_record(db, actor, worker_id), queries.timeline(db, worker_id))


# The header badge's colours by the latest credential's state: green may work, amber waits, red may not.
BADGE_COLOURS = {State.ISSUED: "#2e7d32", State.APPLIED: "#ef6c00", State.APPROVED: "#ef6c00",
                 State.PRINTED: "#ef6c00", State.SUSPENDED: "#c62828", State.REVOKED: "#c62828",
                 State.EXPIRED: "#616161"}  # fmt: skip


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class WorkerPage(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workerPage")
        self._session = session
        self.view: WorkerView | None = None
        self.revealed_id: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("workerHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.badge = QLabel()  # the latest credential's state, where the eye lands first
        self.badge.setObjectName("stateBadge")
        self.badge.hide()
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("revealId")
        self.reveal_button.clicked.connect(self.reveal)
        self.release_button = QPushButton()
        self.release_button.setObjectName("releaseWorker")
        self.release_button.clicked.connect(self.start_release)
        self.dialog: FormDialog | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workerTabs")
        self.profile = QWidget()
        self._profile_form = QFormLayout(self.profile)
        self.profile_values: dict[str, QLabel] = {}
        self._profile_captions: dict[str, QLabel] = {}
        for key in ("id", "phone", "address", "permit", "education", "types", "health", "insurance", "central", "photo"):
            self.profile_values[key], self._profile_captions[key] = QLabel(), QLabel()
            self.profile_values[key].setObjectName(f"profile_{key}")
            self._profile_form.addRow(self._profile_captions[key], self.profile_values[key])
        self.tables = {name: _table(name) for name in (*TABLE_TABS, "timeline")}
        self.tabs.addTab(self.profile, "")
        for name in (*TABLE_TABS, "timeline"):
            self.tabs.addTab(self.tables[name], "")
        self.credential_actions = CredentialActions(session)
        self.service_records = ServiceRecords(session, self.selected_complaint)
        for bar in (self.credential_actions, self.service_records):
            bar.changed.connect(self.reload)
        self.photo = WorkerPhoto(session)  # the face to check against the person at the desk (photo_view.py)
        top = QHBoxLayout()
        top.addWidget(self.photo)
        top.addWidget(self.heading)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.reveal_button)
        top.addWidget(self.release_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.credential_actions)
        layout.addWidget(self.service_records)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        titles = [self.tr("基本资料"), self.tr("证件"), self.tr("证件历史"), self.tr("培训"), self.tr("服务合同"),
                  self.tr("服务评价"), self.tr("投诉"), self.tr("信用记录"), self.tr("背景审查"), self.tr("时间线")]  # fmt: skip
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        captions = {"id": self.tr("证件号码"), "phone": self.tr("手机"), "address": self.tr("现住址"),
                    "permit": self.tr("居住证号"), "education": self.tr("文化程度"), "types": self.tr("服务类型"),
                    "health": self.tr("体检"), "insurance": self.tr("保险"), "central": self.tr("中心核查"),
                    "photo": self.tr("照片来源")}  # fmt: skip
        for key, text in captions.items():
            self._profile_captions[key].setText(text)
        self.reveal_button.setText(self.tr("显示完整证件号（将记录审计）"))
        self.release_button.setText(self.tr("离职/转出"))
        self._show()


    def _photo_source(self, source: str | None) -> str:
        """A supervisor comparing a face must know whether the picture is the card's or the agency's own."""
        return {"card": self.tr("证件照片（读卡器解码）"), "camera": self.tr("摄像头拍摄"),
                "file": self.tr("照片文件")}.get(source or "", self.tr("无照片"))  # fmt: skip

    def load(self, worker_id: int) -> None:
        actor = self._session.require_actor()
        self.revealed_id = None
        self.photo.load(worker_id)
        self._session.run(lambda db: load_worker(db, actor, worker_id), self._loaded)

    def reload(self) -> None:
        if self.view is not None:
            self.load(self.view.record.worker_id)

    def selected_complaint(self) -> str | None:
        """The uid of the complaint row the operator selected (kept on the row's first cell)."""
        table, row = self.tables["complaints"], self.tables["complaints"].currentRow()
        item = table.item(row, 0) if row >= 0 else None
        uid = item.data(history.ROW_UID) if item is not None else None
        return str(uid) if uid else None

    def _loaded(self, view: WorkerView) -> None:
        self.view = view
        self.credential_actions.show_for(view.record)
        self.service_records.show_for(view.record)
        self._show()

    def reveal(self) -> None:
        if self.view is None:
            return
        actor, worker_id = self._session.require_actor(), self.view.record.worker_id
        self._session.run(lambda db: queries.reveal_id_number(db, actor, worker_id), self._revealed)

    def start_release(self) -> None:
        """Ask for the reason, then release; a refusal (a live credential, no reason) stays in the dialog."""
        if self.view is None:
            return
        record = self.view.record
        dialog = self.dialog = FormDialog("releaseDialog", f"{self.tr('离职/转出')} {record.identity.display_name}", self)
        reason = QLineEdit()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("原因（必填）"), reason)
        dialog.on_submit = lambda: self._release(record.worker_id, reason.text(), dialog)
        dialog.open()

    def _release(self, worker_id: int, reason: str, dialog: FormDialog) -> None:
        actor = self._session.require_actor()

        name = self.view.record.identity.display_name if self.view is not None else ""

        def done(_: None) -> None:
            dialog.done_ok()
            announce(f"已为 {name} 办理离职/转出", f"{name} has left the agency")
            self._session.signals.data_changed.emit()
            self.reload()

        self._session.run(lambda db: leaving.release_worker(db, actor, worker_id, reason), done, dialog.refused)

    def _revealed(self, number: str) -> None:
        self.revealed_id = number
        self._show()

    def _show(self) -> None:
        may_reveal = self._session.may(Action.VIEW_FULL_ID)
        self.reveal_button.setVisible(may_reveal and self.view is not None and self.revealed_id is None)
        active = self.view is not None and self.view.record.status == "active"
        self.release_button.setVisible(active and self._session.may(Action.REVOKE))
        if self.view is None:
            self.heading.clear()
            self.badge.hide()
            return
        record, lang = self.view.record, ui_lang()
        left = "" if active else f"  {self.tr('（已离职）')}"
        sex = {"男": self.tr("男"), "女": self.tr("女")}.get(record.identity.sex, record.identity.sex)
        self.heading.setText(f"{record.identity.display_name}  {sex}  "
                             f"{record.identity.birth_date.isoformat()}{left}")  # fmt: skip
        tables = record.tables
        health = tables["health_checks"][0] if tables["health_checks"] else None
        insurance = tables["insurance"][0] if tables["insurance"] else None
        values = {
            "id": self.revealed_id or record.masked_id,
            "phone": record.phone if may_reveal else idnumber.mask_phone(record.phone),
            "address": record.current_address, "permit": record.residence_permit_no or "",
            "education": record.education or "",
            "types": "、".join(service_types.label(c, lang) for c in record.service_types),
            "health": f"{health['checked_on']} – {health['expires_on']} {health['institution']}" if health else "",
            "insurance": f"{insurance['insurer']} {insurance['policy_no']} – {insurance['expires_on']}" if insurance else "",
            "central": record.central_status or self.tr("未核查"),
            "photo": self._photo_source(record.photo_source),
        }  # fmt: skip
        for key, text in values.items():
            self.profile_values[key].setText(text)
        self._show_badge(tables["credentials"])
        for name in TABLE_TABS:
            history.fill(self.tables[name], name, tables[name])
        history.fill(self.tables["timeline"], "timeline", [
            {"at": e.at, "operator": e.operator, "action": e.action, "sync": e.sync_state,
             "reason": e.reject_reason} for e in reversed(self.view.timeline)])  # fmt: skip, newest first
        for table in self.tables.values():
            table.resizeColumnsToContents()

    def _show_badge(self, credentials: list[dict[str, object]]) -> None:
        """The latest credential's state (or that there is none) as a coloured badge beside the name."""
        latest = credentials[-1] if credentials else None
        if latest is None:
            text, colour = self.tr("未申请证件"), "#616161"
        else:
            state = State(str(latest["state"]))
            text, colour = f"{state.label(ui_lang())} · {latest['credential_no']}", BADGE_COLOURS[state]
        self.badge.setText(text)
        self.badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 4px; padding: 4px 10px;"
                                 " font-size: 12pt; font-weight: bold;")  # fmt: skip
        self.badge.show()
