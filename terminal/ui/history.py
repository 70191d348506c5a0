"""The worker page's lists as a person reads them: headings and values in the operator's language, local time
to the minute, states and record kinds as words (never column names, codes or UTC stamps with microseconds).

Each tab is a list of `Column`s: the key of the row dict the store returns, a heading, and how to show a value.
The raw value stays in the cell's UserRole (a complaint's uid, a state's code) for code that acts on a row."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from terminal.core import service_types
from terminal.core.lifecycle import State
from terminal.ui.i18n import ui_lang

RAW = Qt.ItemDataRole.UserRole  # the stored value behind a cell, and a heading's column key
ROW_UID = Qt.ItemDataRole.UserRole + 1  # on a row's first cell: the record's uid (a complaint to handle)


def _t(text: str) -> str:
    return QCoreApplication.translate("history", text)


def local_time(value: object) -> str:
    """An ISO time stamp as local time (the PC's zone: Asia/Shanghai at an agency) to the minute. A stamp
    without a zone was written in UTC by the store (utcnow); a bare date stays a date."""
    if value is None or value == "":
        return ""
    text = str(value)
    if len(text) <= 10:
        return text
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_wall_time(value: object) -> str:
    """A time a person typed as wall-clock time (a training session's start): shown as typed, to the minute."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def state_word(value: object) -> str:
    if not value:
        return ""
    try:
        return State(str(value)).label(ui_lang())
    except ValueError:
        return str(value)


def _words(table: Callable[[], dict[str, str]]) -> Callable[[object], str]:
    def show(value: object) -> str:
        if value is None or value == "":
            return ""
        return table().get(str(value), str(value))

    return show


def credential_action_words() -> dict[str, str]:
    return {"apply": _t("申请"), "approve": _t("审核通过"), "print": _t("打印"), "issue": _t("发证"),
            "reprint": _t("补证"), "suspend": _t("暂停"), "resume": _t("恢复"), "revoke": _t("注销"),
            "expire": _t("到期"), "renew": _t("续期"), "return": _t("退回修改"),
            "resubmit": _t("重新提交审核")}  # fmt: skip


def source_words() -> dict[str, str]:
    return {"agency": _t("本机构"), "terminal": _t("本机构"), "centre": _t("中心"), "public": _t("公众")}


def complaint_status_words() -> dict[str, str]:
    return {"open": _t("待处理"), "handling": _t("处理中"), "resolved": _t("已办结")}


def credit_kind_words() -> dict[str, str]:
    return {"positive": _t("良好记录"), "negative": _t("不良记录"), "notice": _t("提示")}


def background_words() -> dict[str, str]:
    return {"clear": _t("无异常"), "adverse": _t("未通过"), "pending": _t("审查中")}


def sync_words() -> dict[str, str]:
    return {"queued": _t("待上传"), "sent": _t("已发送，待确认"), "accepted": _t("中心已接收"),
            "duplicate": _t("中心已接收"), "rejected": _t("被中心退回")}  # fmt: skip


def operator_words() -> dict[str, str]:
    return {"centre": _t("中心"), "system:expiry": _t("到期检查（系统）")}


def record_action_words() -> dict[str, str]:
    """The audit log's action codes (store and use cases) as what happened."""
    return {
        "worker.registered": _t("登记人员"), "worker.released": _t("离职/转出"), "worker.recovered": _t("从中心恢复"),
        "worker.id_number_viewed": _t("查看完整证件号"), "worker.profile_updated": _t("修改资料"),
        "credential.applied": _t("申请证件"), "credential.approved": _t("审核通过"),
        "credential.printed": _t("打印证件"), "credential.issued": _t("发证"), "credential.reprint": _t("补证"),
        "credential.suspended": _t("暂停证件"), "credential.resumed": _t("恢复证件"),
        "credential.revoked": _t("注销证件"), "credential.expired": _t("证件到期"), "credential.renew": _t("续期"),
        "credential.applied_again": _t("续期申请"), "credential.returned": _t("退回修改"),
        "credential.pdf_exported": _t("导出证件PDF"), "credential.print_failed": _t("打印失败"),
        "credential.print_attempted": _t("打印证件"), "credential.print_recorded": _t("打印证件"),
        "contract.signed": _t("签订服务合同"), "evaluation.recorded": _t("服务评价"),
        "complaint.registered": _t("登记投诉"), "complaint.handling": _t("处理投诉"), "complaint.resolved": _t("投诉办结"),
        "credit.recorded": _t("信用记录"), "health_check.recorded": _t("体检记录"), "insurance.recorded": _t("保险记录"),
        "letter.recorded": _t("承诺书/授权书"), "letter.signed": _t("签署承诺书/授权书"), "training.result": _t("培训成绩"),
        "credential.print_completed": _t("打印证件"), "worker.corrected": _t("更正资料"),
        "worker.profile_changed": _t("修改资料"), "credential.ecard_activation": _t("电子证件激活码"),
        "credential.return": _t("退回修改"), "credential.resubmit": _t("重新提交审核"),
    }  # fmt: skip


def record_action(code: str) -> str:
    """A known code as words; an unknown one (a newer record kind) by its kind of record, never the raw code."""
    words = record_action_words()
    if code in words:
        return words[code]
    kind = code.split(".", 1)[0]
    kinds = {"worker": _t("人员"), "credential": _t("证件"), "complaint": _t("投诉"), "contract": _t("服务合同"),
             "evaluation": _t("服务评价"), "credit": _t("信用记录"), "training": _t("培训"),
             "health_check": _t("体检"), "insurance": _t("保险"), "letter": _t("承诺书/授权书")}  # fmt: skip
    return _t("%1记录").replace("%1", kinds.get(kind, _t("其他")))


def yes_no(value: object) -> str:
    if value is None or value == "":
        return ""
    return _t("是") if bool(value) else _t("否")


def service_type_word(value: object) -> str:
    return service_types.label(str(value), ui_lang()) if value else ""


def evaluation_scores(value: object) -> str:
    scores = json.loads(value) if isinstance(value, str) else value
    if not isinstance(scores, dict):
        return ""
    names = {"punctuality": _t("守时"), "skill": _t("技能"), "attitude": _t("态度"), "honesty": _t("诚信"),
             "hygiene": _t("卫生"), "communication": _t("沟通")}  # fmt: skip
    sep = "、" if ui_lang() == "zh" else ", "
    return sep.join(f"{names.get(k, k)} {v}" for k, v in scores.items())


def plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class Column:
    key: str
    heading: Callable[[], str]
    show: Callable[[object], str] = plain


def columns(tab: str) -> list[Column]:
    """The columns of a worker-page tab, in order."""
    c = Column
    specs: dict[str, list[Column]] = {
        "credentials": [
            c("credential_no", lambda: _t("证件编号")), c("version", lambda: _t("版次")),
            c("state", lambda: _t("状态"), state_word), c("valid_from", lambda: _t("有效期自")),
            c("valid_to", lambda: _t("有效期至")), c("state_reason", lambda: _t("原因")),
            c("updated_at", lambda: _t("更新时间"), local_time)],
        "credential_events": [
            c("at", lambda: _t("时间"), local_time), c("credential_no", lambda: _t("证件编号")),
            c("action", lambda: _t("操作"), _words(credential_action_words)),
            c("from_state", lambda: _t("原状态"), state_word), c("to_state", lambda: _t("新状态"), state_word),
            c("version", lambda: _t("版次")), c("operator", lambda: _t("操作人"), _words(operator_words)),
            c("reason", lambda: _t("原因")), c("source", lambda: _t("来源"), _words(source_words))],
        "training": [
            c("title", lambda: _t("课程")), c("starts_at", lambda: _t("开始时间"), local_wall_time),
            c("place", lambda: _t("地点")), c("trainer", lambda: _t("培训师")), c("hours", lambda: _t("学时")),
            c("score", lambda: _t("成绩")), c("passed", lambda: _t("合格"), yes_no)],
        "contracts": [
            c("signed_on", lambda: _t("签订日期")), c("service_type", lambda: _t("服务类型"), service_type_word),
            c("period_from", lambda: _t("服务期自")), c("period_to", lambda: _t("服务期至")),
            c("district", lambda: _t("服务区域"))],
        "evaluations": [
            c("at", lambda: _t("时间"), local_time), c("overall", lambda: _t("综合得分")),
            c("scores", lambda: _t("各项得分"), evaluation_scores), c("comment", lambda: _t("评语")),
            c("source", lambda: _t("来源"), _words(source_words))],
        "complaints": [
            c("received_at", lambda: _t("受理时间"), local_time), c("source", lambda: _t("来源"), _words(source_words)),
            c("summary", lambda: _t("投诉内容")), c("status", lambda: _t("状态"), _words(complaint_status_words)),
            c("response", lambda: _t("处理意见")), c("resolved_at", lambda: _t("办结时间"), local_time)],
        "credit_records": [
            c("recorded_at", lambda: _t("时间"), local_time), c("source", lambda: _t("来源"), _words(source_words)),
            c("kind", lambda: _t("类型"), _words(credit_kind_words)), c("description", lambda: _t("说明")),
            c("valid_to", lambda: _t("有效期至"))],  # the centre's integrity records are valid until a date
        "background_checks": [
            c("result", lambda: _t("结果"), _words(background_words)),
            c("checked_at", lambda: _t("审查时间"), local_time), c("received_at", lambda: _t("收到时间"), local_time)],
        "timeline": [
            c("at", lambda: _t("时间"), local_time), c("operator", lambda: _t("操作人"), _words(operator_words)),
            c("action", lambda: _t("事项"), lambda v: record_action(str(v))),
            c("sync", lambda: _t("同步状态"), lambda v: sync_words().get(str(v), _t("无需上传")) if v else _t("无需上传")),
            c("reason", lambda: _t("退回原因"))],
    }  # fmt: skip
    return specs[tab]


def fill(table: QTableWidget, tab: str, rows: list[dict[str, Any]]) -> None:
    """Fill a tab's table; headings carry the column key and cells the stored value (RAW)."""
    spec = columns(tab)
    table.clear()
    table.setColumnCount(len(spec))
    table.setRowCount(len(rows))
    for i, column in enumerate(spec):
        heading = QTableWidgetItem(column.heading())
        heading.setData(RAW, column.key)
        table.setHorizontalHeaderItem(i, heading)
    for r, row in enumerate(rows):
        for i, column in enumerate(spec):
            value = row.get(column.key)
            item = QTableWidgetItem(column.show(value))
            item.setData(RAW, value if isinstance(value, str | int | float) or value is None else str(value))
            if i == 0 and row.get("uid"):
                item.setData(ROW_UID, row["uid"])
            table.setItem(r, i, item)


def column_of(table: QTableWidget, key: str) -> int:
    """The index of the column showing `key` (-1 if there is none)."""
    for i in range(table.columnCount()):
        item = table.horizontalHeaderItem(i)
        if item is not None and item.data(RAW) == key:
            return i
    return -1
