"""The first run of a new centre: the schema, the centre's signing key (outside the database) and the first
administrator, a console user with the `admin` role (centre/console/staff.py, audited). Running it again changes
nothing that exists."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection

from centre import schema_guard
from centre.console.roles import Role
from centre.console.staff import add_staff
from centre.errors import WeakPassword
from centre.signing_key import centre_key, ensure_signing_key, key_path

ENV_STAFF_PASSWORD = "CENTRE_STAFF_PASSWORD"


@dataclass(frozen=True)
class FirstRun:
    database: str
    key_id: str
    key_path: str
    admin: str
    admin_created: bool


def first_run(admin_name: str, password: Callable[[], str]) -> FirstRun:
    """`password` is asked only when an administrator has to be created."""
    schema_guard.migrate()
    ensure_signing_key()
    existing = get_user_model().objects.filter(groups__name=Role.ADMIN.value).order_by("pk").first()
    if existing is not None:
        name, created = existing.get_username(), False
    else:
        name, created = add_staff(admin_name, Role.ADMIN, password(), actor="terminal-server init").get_username(), True
    return FirstRun(connection.vendor, centre_key().key_id, str(key_path()), name, created)


def password_from_environment_or_prompt(name: str) -> str:
    """CENTRE_STAFF_PASSWORD (for automated installs: an environment file readable by root only), else asked twice
    on the terminal. Never a command-line argument: those are visible to every user of the machine."""
    value = os.environ.get(ENV_STAFF_PASSWORD, "")
    if value:
        return value
    from centre.cli_language import say

    first = getpass.getpass(say(f"{name} 的密码：", f"password for {name}: "))
    if first != getpass.getpass(say("再输入一次：", "again: ")):
        raise WeakPassword(why="两次输入不一致 / the two entries differ")
    return first
