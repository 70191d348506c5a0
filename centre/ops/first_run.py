"""The first run of a new centre: the schema, the centre's signing key (outside the database) and the first
administrator, a Django user in the `admin` group. Running it again changes nothing that exists."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from centre import schema_guard
from centre.errors import WeakPassword
from centre.signing_key import centre_key, ensure_signing_key, key_path

ENV_STAFF_PASSWORD = "CENTRE_STAFF_PASSWORD"
ADMIN_GROUP = "admin"  # the console's administrators (centre/console/roles.py names the same group)


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
    users = get_user_model()
    existing = users.objects.filter(groups__name=ADMIN_GROUP).order_by("pk").first()
    created = False
    if existing is None:
        secret = password()
        candidate = users(username=admin_name)
        try:
            validate_password(secret, candidate)
        except ValidationError as exc:
            raise WeakPassword(why=" ".join(exc.messages)) from exc
        with transaction.atomic():
            group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
            existing = users.objects.create_superuser(admin_name, "", secret)
            existing.groups.add(group)
        created = True
    return FirstRun(connection.vendor, centre_key().key_id, str(key_path()), existing.get_username(), created)


def password_from_environment_or_prompt(name: str) -> str:
    """CENTRE_STAFF_PASSWORD (for automated installs: an environment file readable by root only), else asked twice
    on the terminal. Never a command-line argument: those are visible to every user of the machine."""
    value = os.environ.get(ENV_STAFF_PASSWORD, "")
    if value:
        return value
    first = getpass.getpass(f"{name} 的密码 / password for {name}: ")
    if first != getpass.getpass("再输入一次 / again: "):
        raise WeakPassword(why="两次输入不一致 / the two entries differ")
    return first
