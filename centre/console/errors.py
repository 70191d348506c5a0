"""The console's typed errors (branches of centre/errors.py's tree): decided by type, shown in one language."""

from __future__ import annotations

from wirecontract.errors import ExplainedError


class ConsoleError(ExplainedError):
    """An expected refusal of a console action: the page shows its message in the reader's language."""

    code = "console_error"


class RoleRefused(ConsoleError):
    code = "role_refused"
    zh_template = "您的角色无权执行此操作（需要：{needed}）。"
    en_template = "Your role may not do this (needs: {needed})."


class StaffAccountError(ConsoleError):
    code = "staff_account"
    zh_template = "工作人员账号：{why}"
    en_template = "Staff account: {why}"


class NotFound(ConsoleError):
    code = "not_found"
    zh_template = "找不到：{what}"
    en_template = "Not found: {what}"


class AdmissionRefused(ConsoleError):
    code = "admission_refused"
    zh_template = "不能更改机构准入：{why}"
    en_template = "Cannot change the agency's admission: {why}"


class AgencyNotAdmitted(ConsoleError):
    code = "agency_not_admitted"
    zh_template = "机构 {agency_id} 尚未准入（{status}），不能发放终端注册码。"
    en_template = "Agency {agency_id} is not admitted ({status}): it cannot get enrolment codes."


class ActionRefused(ConsoleError):
    code = "action_refused"
    zh_template = "无法执行：{why}"
    en_template = "Cannot do this: {why}"
