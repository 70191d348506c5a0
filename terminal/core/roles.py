"""Operator roles and what each may do. The UI builds its menus from this; use cases enforce it."""

from __future__ import annotations

import enum

from terminal.core.errors import PermissionDenied


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


def may(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


def require(role: Role, action: Action) -> None:
    if not may(role, action):
        raise PermissionDenied(role=role.value, action=action.value)
