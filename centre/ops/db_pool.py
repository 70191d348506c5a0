"""Connections to PostgreSQL from a pool in each process (psycopg_pool, through Django's `pool` option).

Why: under ASGI, Django runs each request's view in a thread of its own (asgiref's per-request thread-sensitive
context), and Django's connections belong to threads. A kept connection (CONN_MAX_AGE) was therefore never used
again: every request, a verification page as much as a push, opened a new PostgreSQL session, whose backend process
is forked, authenticated, configured and then fills its catalogue caches again for each table the request
touches. Measured with one application process on PostgreSQL (pg_stat_database.sessions): one new session per
request before; with the pool, one per process for the whole run. A verification page then took about 18 ms of
processor time (the process and PostgreSQL together) instead of about 40 ms (the 2-core machine loaded by others:
the figures are rough, the difference is not).

A pool lends the request's thread an open connection and takes it back when Django closes it at the request's end
(CONN_MAX_AGE must be 0 with a pool). Each process has its own pool: the serving process, each bulk worker
(centre/bulk_process.py), the analytics follower and every command. A connection is checked before it is lent
(`check_before_lending`), so a restarted database costs no request; the check asks the server only when the server
has said something since the connection was last used. SQLite has no pool and needs none.

Only the primary (`default`) is pooled. The read replica keeps a connection per request: a pool waits up to its
time-out for a database that does not answer, and the public page must pass over a stopped replica at once
(centre/ops/db_router.py).
"""

from __future__ import annotations

import select
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psycopg import Connection

from centre import config

ENV_POOL_MAX = "CENTRE_DB_POOL_MAX"  # connections one process may hold at once
DEFAULT_POOL_MAX = 16  # the serving process answers pages in parallel threads; a bulk worker needs one
POOL_TIMEOUT_S = 10.0  # a request waits this long for a connection before it fails (500; /healthz: 503)
POSTGRESQL = "django.db.backends.postgresql"
POOLED_POSTGRESQL = "centre.ops.pooled_postgresql"  # Django's backend with `check_before_lending` (below)


def pool_max() -> int:
    """Connections one process's pool may lend at once (CENTRE_DB_POOL_MAX): also the serving process's page
    threads (centre/page_threads.py), so that no page waits for a connection another page holds."""
    return max(1, config.count(ENV_POOL_MAX, DEFAULT_POOL_MAX))


def pooled(database: dict[str, Any]) -> dict[str, Any]:
    """The DATABASES entry with a connection pool, for PostgreSQL; any other database as it is."""
    if database.get("ENGINE") != POSTGRESQL:
        return database
    pool = {"min_size": 1, "max_size": pool_max(), "timeout": POOL_TIMEOUT_S}
    # Django's own check (CONN_HEALTH_CHECKS) would be psycopg_pool's round trip on every lending: ours instead.
    return {**database, "ENGINE": POOLED_POSTGRESQL, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False,
            "OPTIONS": {**database.get("OPTIONS", {}), "pool": pool}}  # fmt: skip


def check_before_lending(connection: Connection[Any]) -> None:  # psycopg is imported only by PostgreSQL's users
    """The pool's check of a connection it is about to lend; raises when the connection is broken (the pool then
    discards it and lends another).

    Why not psycopg_pool's `check_connection` (an empty statement, one round trip, on every lending): a page's
    reads are one or two statements, and on a busy machine every round trip is a wait for the database's process
    and then for the page's thread to be scheduled again (bench centre-load: the verification page's latency). A
    healthy idle session receives nothing from the server; a session the server ended (a restart, a fast or
    immediate shutdown, `pg_terminate_backend`, a crash of its backend) has an error message or the end of the
    stream waiting on its socket. So the socket is looked at without waiting, and only when something is there
    does the check ask the server, as psycopg_pool's would. Go's MySQL driver checks reused connections the same
    way. What this cannot see, a server gone without closing the connection (a machine lost, a cable pulled),
    a round trip would not have seen either before its time-out."""
    from psycopg import OperationalError
    from psycopg_pool import ConnectionPool

    try:
        waiting, _, _ = select.select([connection.pgconn.socket], [], [], 0)
    except (OSError, ValueError, OperationalError):  # no socket any more: let the full check say so
        waiting = [True]
    if waiting:
        ConnectionPool.check_connection(connection)
