"""Fixtures for the console's casework: the centre's use cases in-process on SQLite and PostgreSQL (`centre_db`,
with staff users of each role), and the browser fixtures for the journeys."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.console_workflows.djangodb import setup_django, use_database
from tests.server.postgres import PrivatePostgres

setup_django()


@pytest.fixture(scope="session")
def workflows_cluster() -> Iterator[PrivatePostgres]:
    root = Path(tempfile.mkdtemp(prefix="terminal-pg-workflows-"))
    server = PrivatePostgres(root, port=54337).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def sqlite_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="centre-workflows-"))
    yield f"sqlite:///{folder / 'centre.db'}"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def centre_db(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    """A migrated centre database for this test; everything the test writes is rolled back."""
    from django.db import transaction

    url = sqlite_url if request.param == "sqlite" else request.getfixturevalue("workflows_cluster").url
    use_database(url)
    with transaction.atomic():
        yield request.param
        transaction.set_rollback(True)


@pytest.fixture
def users(centre_db: str) -> dict[str, Any]:
    """One active console user per role, by role name."""
    from django.contrib.auth.models import Group, User

    made = {}
    for role in ("admin", "staff", "police", "regulator"):
        user = User.objects.create_user(f"{role}-user")  # no password: no argon2 hash to wait for
        user.groups.add(Group.objects.get(name=role))
        made[role] = user
    return made
