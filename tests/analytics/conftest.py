"""Fixtures for the analytics tests: the centre's use cases in-process on SQLite and on a private PostgreSQL
(Django set up once, each backend migrated once, each test rolled back), staff users of each role; Chromium for
the pages (tests.web.browser)."""

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
def analytics_cluster() -> Iterator[PrivatePostgres]:
    root = Path(tempfile.mkdtemp(prefix="terminal-pg-analytics-"))
    server = PrivatePostgres(root, port=54343).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def analytics_sqlite_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="centre-analytics-"))
    yield f"sqlite:///{folder / 'centre.db'}"
    shutil.rmtree(folder, ignore_errors=True)


def database_url(request: pytest.FixtureRequest, backend: str) -> str:
    if backend == "sqlite":
        return str(request.getfixturevalue("analytics_sqlite_url"))
    return str(request.getfixturevalue("analytics_cluster").url)


@pytest.fixture(params=["sqlite", "postgresql"])
def centre_db(request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated centre database for this test; everything the test writes is rolled back."""
    from django.db import transaction

    use_database(database_url(request, request.param))
    with transaction.atomic():
        yield request.param
        transaction.set_rollback(True)


@pytest.fixture
def users(centre_db: str) -> dict[str, Any]:
    """One active console user per role, by role name."""
    from django.contrib.auth.models import Group, User

    made = {}
    for role in ("admin", "staff", "police", "regulator"):
        user = User.objects.create_user(f"{role}-user")
        user.groups.add(Group.objects.get(name=role))
        made[role] = user
    return made
