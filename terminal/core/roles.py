"""Operator roles and what each may do. The UI builds its menus from this; use cases enforce it."""

from __future__ import annotations

import enum

from terminal.core.errors import PermissionDenied
from wirecontract.errors import Text


class Role(enum.StrEnum):
    CLERK = "clerk"
    TRAINER = "trainer"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"
    CENTRE = "centre"  # decisions pulled from the central server

    @property
    def label_zh(self) -> str:
        return {"clerk": "登记员", "trainer": "培训师", "supervisor": "主管", "administrator": "管理员",
                "centre": "中心"}[self.value]  # fmt: skip

    @property
    def label_en(self) -> str:
        return {"clerk": "clerk", "trainer": "trainer", "supervisor": "supervisor", "administrator": "administrator",
                "centre": "centre"}[self.value]  # fmt: skip

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


class Action(enum.StrEnum):
    REGISTER_WORKER = "register_worker"
    EDIT_PROFILE = "edit_profile"
    VIEW_FULL_ID = "view_full_id"
    APPLY = "apply"
    APPROVE = "approve"
    PRINT = "print"
    ISSUE = "issue"
    REPRINT = "reprint"
    SUSPEND = "suspend"
    RESUME = "resume"
    REVOKE = "revoke"
    EXPIRE = "expire"
    RENEW = "renew"
    MANAGE_TRAINING = "manage_training"
    RECORD_ATTENDANCE = "record_attendance"
    RECORD_SERVICE = "record_service"  # contracts, evaluations, complaints, credit records
    MANAGE_OPERATORS = "manage_operators"
    MANAGE_AGENCY = "manage_agency"
    SYNC = "sync"
    BACKUP = "backup"


_ALL_STAFF = {Role.CLERK, Role.TRAINER, Role.SUPERVISOR, Role.ADMINISTRATOR}
_SENIOR = {Role.SUPERVISOR, Role.ADMINISTRATOR}

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.REGISTER_WORKER: frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.EDIT_PROFILE: frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.VIEW_FULL_ID: frozenset(_SENIOR),
    Action.APPLY: frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.APPROVE: frozenset(_SENIOR),
    Action.PRINT: frozenset(_ALL_STAFF),
    Action.ISSUE: frozenset(_ALL_STAFF),
    Action.REPRINT: frozenset(_SENIOR),
    Action.SUSPEND: frozenset(_SENIOR | {Role.CENTRE}),
    Action.RESUME: frozenset(_SENIOR | {Role.CENTRE}),
    Action.REVOKE: frozenset(_SENIOR | {Role.CENTRE}),
    Action.EXPIRE: frozenset(_ALL_STAFF | {Role.CENTRE}),
    Action.RENEW: frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.MANAGE_TRAINING: frozenset({Role.TRAINER, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.RECORD_ATTENDANCE: frozenset({Role.TRAINER, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.RECORD_SERVICE: frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.MANAGE_OPERATORS: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_AGENCY: frozenset({Role.ADMINISTRATOR}),
    Action.SYNC: frozenset(_ALL_STAFF),
    Action.BACKUP: frozenset({Role.ADMINISTRATOR}),
}

ACTION_LABELS_ZH = {
    Action.APPROVE: "审核", Action.PRINT: "打印", Action.ISSUE: "发证", Action.REPRINT: "补证",
    Action.SUSPEND: "暂停", Action.RESUME: "恢复", Action.REVOKE: "注销", Action.EXPIRE: "到期",
    Action.RENEW: "续期", Action.APPLY: "申请",
}  # fmt: skip


ACTION_LABELS_EN = {
    Action.APPROVE: "approve", Action.PRINT: "print", Action.ISSUE: "issue", Action.REPRINT: "reprint",
    Action.SUSPEND: "suspend", Action.RESUME: "resume", Action.REVOKE: "revoke", Action.EXPIRE: "expire",
    Action.RENEW: "renew", Action.APPLY: "apply",
}  # fmt: skip


def action_text(action: Action) -> Text:
    """The action's name in both languages, for messages (other actions read as their words in English)."""
    en = ACTION_LABELS_EN.get(action, action.value.replace("_", " "))
    return Text(ACTION_LABELS_ZH.get(action, _OTHER_ACTIONS_ZH.get(action, en)), en)


_OTHER_ACTIONS_ZH = {
    Action.REGISTER_WORKER: "登记人员", Action.EDIT_PROFILE: "修改资料", Action.VIEW_FULL_ID: "查看完整证件号",
    Action.MANAGE_TRAINING: "管理培训", Action.RECORD_ATTENDANCE: "记录培训考勤", Action.RECORD_SERVICE: "记录服务",
    Action.MANAGE_OPERATORS: "管理操作员", Action.MANAGE_AGENCY: "管理机构设置", Action.SYNC: "同步",
    Action.BACKUP: "备份",
}  # fmt: skip


def may(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


def require(role: Role, action: Action) -> None:
    if not may(role, action):
        raise PermissionDenied(role=Text(role.label_zh, role.label_en), action=action_text(action))
