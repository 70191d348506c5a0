"""Attacks on the casework and consumer pages, in this process through Django's whole request stack (middleware,
CSRF, roles, the real push) on a migrated SQLite centre; each test's writes are rolled back."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.console_workflows.djangodb import setup_django, use_database

setup_django()


@pytest.fixture(scope="session")
def attacks_db_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="centre-attacks-"))
    yield f"sqlite:///{folder / 'centre.db'}"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def users(attacks_db_url: str) -> Iterator[dict[str, Any]]:
    """One console user per role, in a transaction rolled back after the test."""
    from django.contrib.auth.models import Group, User
    from django.core.cache import caches
    from django.db import transaction

    use_database(attacks_db_url)
    for name in ("default", "ratelimit"):
        caches[name].clear()  # an earlier test's rate-limit counters
    with transaction.atomic():
        made = {}
        for role in ("admin", "staff", "police", "regulator"):
            user = User.objects.create_user(f"{role}-user")
            user.groups.add(Group.objects.get(name=role))
            made[role] = user
        yield made
        transaction.set_rollback(True)


def signed_terminal(agency_id: str, number: str) -> tuple[Any, Any]:
    """An enrolled terminal of `agency_id` with a real Ed25519 key (for slips the centre must believe)."""
    from centre.terminals.models import Terminal
    from tests.console_workflows.centre_data import agency
    from wirecontract.signing import TerminalKey, b64url

    agency(agency_id, f"机构{agency_id[-2:]}")
    key = TerminalKey.generate()
    term = Terminal.objects.create(id=f"T{key.key_id[:12]}", agency_id=agency_id, public_key=b64url(key.public_raw),
                                   key_id=key.key_id, terminal_number=number,
                                   enrolled_at=dt.datetime.now(dt.UTC))  # fmt: skip
    return term, key
