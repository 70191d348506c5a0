"""The pool's check before lending a connection (centre/ops/db_pool.py) against a real PostgreSQL: a session the
server ended is never lent, and a healthy one is lent without a round trip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import requests
from psycopg_pool import ConnectionPool

from centre.ops.db_pool import check_before_lending
from tests.server.postgres import PrivatePostgres
from tests.sync.liveserver import LiveServer


@pytest.fixture(scope="module")
def database(cluster: PrivatePostgres) -> str:
    return cluster.create_database("pool_check", migrated=False)


@pytest.fixture
def pool(database: str) -> Iterator[ConnectionPool[Any]]:
    with ConnectionPool(database, min_size=1, max_size=1, check=check_before_lending, timeout=10) as opened:
        yield opened


def _backend(pool: ConnectionPool[Any]) -> int:
    with pool.connection() as connection:
        return int(connection.info.backend_pid)


def test_a_session_the_server_ended_is_replaced_before_it_is_lent(pool: ConnectionPool[Any], database: str) -> None:
    ended = _backend(pool)
    with psycopg.connect(database, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s, 5000)", [ended]).fetchone() == (True,)
    with pool.connection() as connection:  # no error: the check saw the server's last words and asked
        assert connection.execute("SELECT 1").fetchone() == (1,)
        assert connection.info.backend_pid != ended


def test_a_healthy_session_is_lent_without_asking_the_server(pool: ConnectionPool[Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    asked: list[object] = []
    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(asked.append))
    first = _backend(pool)
    assert _backend(pool) == first  # the same session, lent again
    assert asked == []


def test_a_centre_answers_at_once_after_the_server_ended_its_pooled_sessions(cluster: PrivatePostgres) -> None:
    """Through Django (the pooled backend, centre/ops/pooled_postgresql): /healthz reads the database; after every
    session of the centre's database is ended by the server, the next answers are 200 again, not 503."""
    url = cluster.create_database("pool_check_centre")
    centre = LiveServer(url).start()
    try:
        assert _health(centre) == 200
        with psycopg.connect(url, autocommit=True) as admin:
            ended = admin.execute("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                  "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()  # fmt: skip
        assert ended is not None and ended[0] >= 1
        assert [_health(centre) for _ in range(3)] == [200, 200, 200]
    finally:
        centre.stop()


def _health(centre: LiveServer) -> int:
    return requests.get(centre.url + "/healthz", timeout=30).status_code
