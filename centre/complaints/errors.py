"""The complaint workflow's refusals (branches of the console's error tree)."""

from __future__ import annotations

from centre.console.errors import ConsoleError


class ComplaintRefused(ConsoleError):
    code = "complaint_refused"
    zh_template = "投诉：{why}"
    en_template = "Complaint: {why}"


class ComplaintMoveRefused(ConsoleError):
    code = "complaint_move_refused"
    zh_template = "投诉 {reference} 当前为“{status}”，不能{move}。"
    en_template = "Complaint {reference} is {status}: it cannot be {move}."
