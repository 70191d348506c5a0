"""Staff accounts: create with one role, list, disable. Used by the command line and the demo."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction

from centre import audit
from centre.console.errors import StaffAccountError
from centre.console.roles import MANAGE_STAFF, Role, check_role
from wirecontract.errors import Text


def add_staff(username: str, role: str, password: str, full_name: str = "", actor: str = "command line") -> AbstractUser:
    users = get_user_model()
    username = username.strip()
    if not username or len(username) > 150 or any(c.isspace() for c in username):
        raise StaffAccountError(why=Text("用户名不能为空或含空格", "the user name may not be empty or contain spaces"))
    chosen = Role(role)
    with transaction.atomic():
        if users.objects.filter(username=username).exists():
            raise StaffAccountError(why=Text(f"{username} 已存在", f"{username} already exists"))
        user = users(username=username, first_name=full_name[:150], is_active=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise StaffAccountError(why=Text("密码太弱：" + "；".join(error.messages),
                                             "the password is too weak: " + "; ".join(error.messages))) from None
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=chosen.value))
        audit.record(actor, "staff.add", f"staff:{username}", {"role": chosen.value})
    return user


def add_staff_from_console(user: Any, username: str, role: str, password: str, again: str,
                            full_name: str = "") -> AbstractUser:  # fmt: skip
    """An administrator adds an account in the console (audited as them)."""
    check_role(user, *MANAGE_STAFF)
    if password != again:
        raise StaffAccountError(why=Text("两次输入的密码不同", "the two passwords differ"))
    if role not in set(Role):
        raise StaffAccountError(why=Text("请选择角色", "choose a role"))
    return add_staff(username, role, password, full_name, actor=user.get_username())


def disable_staff_from_console(user: Any, username: str) -> None:
    check_role(user, *MANAGE_STAFF)
    if username == user.get_username():
        raise StaffAccountError(why=Text("不能停用自己的账号", "you cannot disable your own account"))
    disable_staff(username, actor=user.get_username())


def list_staff() -> list[tuple[str, str, str, str]]:
    rows = []
    for user in get_user_model().objects.prefetch_related("groups").order_by("username"):
        roles = ",".join(sorted(g.name for g in user.groups.all() if g.name in set(Role))) or "-"
        last = f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "-"
        rows.append((user.get_username(), roles, "active" if user.is_active else "disabled", last))
    return rows


def disable_staff(username: str, actor: str = "command line") -> None:
    users = get_user_model()
    with transaction.atomic():
        user = users.objects.select_for_update().filter(username=username).first()
        if user is None:
            raise StaffAccountError(why=Text(f"没有账号 {username}", f"no account {username}"))
        user.is_active = False
        user.save(update_fields=["is_active"])
        _end_sessions(user.pk)  # inactive users are refused on their next request anyway; this is immediate
        audit.record(actor, "staff.disable", f"staff:{username}", {})


def reset_second_factor(username: str, actor: str = "command line") -> int:
    """Remove the account's TOTP devices (its authenticator was lost) and end its sessions; returns how many."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    users = get_user_model()
    with transaction.atomic():
        user = users.objects.select_for_update().filter(username=username).first()
        if user is None:
            raise StaffAccountError(why=Text(f"没有账号 {username}", f"no account {username}"))
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        _end_sessions(user.pk)
        audit.record(actor, "staff.totp_reset", f"staff:{username}", {"devices": removed})
    return int(removed)


def _end_sessions(user_pk: object) -> None:
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_pk):
            session.delete()
