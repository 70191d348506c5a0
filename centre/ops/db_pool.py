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
(CONN_HEALTH_CHECKS), so a restarted database costs no request. SQLite has no pool and needs none.

Only the primary (`default`) is pooled. The read replica keeps a connection per request: a pool waits up to its
time-out for a database that does not answer, and the public page must pass over a stopped replica at once
(centre/ops/db_router.py).
"""

from __future__ import annotations

from typing import Any

from centre import config

ENV_POOL_MAX = "CENTRE_DB_POOL_MAX"  # connections one process may hold at once
DEFAULT_POOL_MAX = 16  # the serving process answers pages in parallel threads; a bulk worker needs one
POOL_TIMEOUT_S = 10.0  # a request waits this long for a connection before it fails (500; /healthz: 503)
POSTGRESQL = "django.db.backends.postgresql"


def pool_max() -> int:
    """Connections one process's pool may lend at once (CENTRE_DB_POOL_MAX): also the serving process's page
    threads (centre/page_threads.py), so that no page waits for a connection another page holds."""
    return max(1, config.count(ENV_POOL_MAX, DEFAULT_POOL_MAX))


def pooled(database: dict[str, Any]) -> dict[str, Any]:
    """The DATABASES entry with a connection pool, for PostgreSQL; any other database as it is."""
    if database.get("ENGINE") != POSTGRESQL:
        return database
    pool = {"min_size": 1, "max_size": pool_max(),
            "timeout": POOL_TIMEOUT_S}  # fmt: skip
    return {**database, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {**database.get("OPTIONS", {}), "pool": pool}}  # fmt: skip
