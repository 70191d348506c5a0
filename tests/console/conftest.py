"""Console fixtures: real browsers (tests.web.browser), a demo centre per module (its console seeded with staff of
every role and agencies with history), and signed-in HTTP clients for the refusal tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.console.helpers import console_centre
from tests.server.conftest import cluster  # noqa: F401
from tests.sync.liveserver import LiveServer

_databases = itertools.count()


@pytest.fixture(scope="module")
def demo_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo centre on SQLite, shared by a module's tests (browser journeys run on one backend)."""
    server = console_centre(tmp_path_factory.mktemp("console") / "centre.db")
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_demo_centre(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo centre on SQLite and on PostgreSQL: for the tests where the data layer matters."""
    if request.param == "sqlite":
        server = console_centre(tmp_path_factory.mktemp("console") / "centre.db")
    else:
        pg = request.getfixturevalue("cluster")
        server = console_centre(pg.create_database(f"console{next(_databases)}"))
    yield server
    server.stop()
