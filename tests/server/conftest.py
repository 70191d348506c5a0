"""The centre's tests run against a real centre process on SQLite and on a private PostgreSQL cluster (one per
test session, a fresh database per test)."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.postgres import PrivatePostgres
from tests.sync.conftest import demo_server, store, terminal  # noqa: F401
from tests.sync.liveserver import LiveServer

_databases = itertools.count()


@pytest.fixture(scope="session")
def cluster() -> Iterator[PrivatePostgres]:
    # Not under pytest's temporary folder: that is private to root, and PostgreSQL runs as `postgres`.
    root = Path(tempfile.mkdtemp(prefix="terminal-pg-centre-"))
    server = PrivatePostgres(root, port=54331).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def live_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        server = LiveServer(tmp_path / "centre.db")
    else:
        pg: PrivatePostgres = request.getfixturevalue("cluster")
        server = LiveServer(pg.create_database(f"centre{next(_databases)}"))
    server.start()
    yield server
    server.stop()
