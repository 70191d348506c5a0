"""Read-heavy pages from a PostgreSQL read replica, by configuration (docs/centre-deployment.md, "Read replica").

With CENTRE_REPLICA_DB set, the database alias `replica` exists, and GET requests under the prefixes in
CENTRE_REPLICA_PATHS (default: the public verification page `/V/`) read from it; everything else, and every
write, uses `default`. A view can also ask for it with `reads_from_replica`. The replica lags the primary by
what streaming replication lags (normally well under a second), which a public status look-up can afford; a
terminal's request or a staff decision must read its own writes, so they never go there.

Before a request reads from the replica, one query asks the replica how far behind it is. A replica that does not
answer (stopped, unreachable) or lags more than CENTRE_REPLICA_MAX_LAG seconds (default 30) is passed over: the
request reads the primary, so the page stays up and never shows a decision older than that bound. A revocation
must not look valid for long on the public page."""

from __future__ import annotations

import contextvars
import functools
import logging
import os
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

ENV_REPLICA_DB = "CENTRE_REPLICA_DB"
ENV_REPLICA_PATHS = "CENTRE_REPLICA_PATHS"
ENV_REPLICA_MAX_LAG = "CENTRE_REPLICA_MAX_LAG"
DEFAULT_MAX_LAG_S = 30.0
REPLICA = "replica"
# Seconds the replica is behind: 0 when it has replayed all it received, else the age of the last commit it
# replayed (what a reader of the replica misses is at most that old). NULL on a primary (no replication).
LAG_SQL = """SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL THEN NULL
                         WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                         ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"""

log = logging.getLogger(__name__)

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("use_replica", default=False)
V = TypeVar("V", bound=Callable[..., HttpResponse])


def replica_url() -> str:
    return os.environ.get(ENV_REPLICA_DB, "").strip()


def replica_prefixes() -> tuple[str, ...]:
    raw = os.environ.get(ENV_REPLICA_PATHS, "/V/")
    return tuple(prefix.strip() for prefix in raw.split(",") if prefix.strip())


def max_lag() -> float:
    try:
        return float(os.environ.get(ENV_REPLICA_MAX_LAG, "") or DEFAULT_MAX_LAG_S)
    except ValueError:
        return DEFAULT_MAX_LAG_S


class _Health:
    """The replica's last verdict in this process, kept only to log a change once (not on every request)."""

    usable: bool | None = None


def replica_usable() -> bool:
    """Ask the replica how far behind it is; False when it does not answer or lags more than the bound."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            row = cursor.fetchone()
        lag = None if row is None or row[0] is None else float(row[0])
        usable, why = (lag is not None and lag <= max_lag()), f"lag {lag} s" if lag is not None else "not a standby"
    except DatabaseError as exc:
        usable, why = False, type(exc).__name__
        try:
            connection.close()  # a broken connection is not kept for the next request
        except DatabaseError:
            pass
    if usable is not _Health.usable:
        _Health.usable = usable
        if usable:
            log.info("reading from the replica again")
        else:
            log.warning("the replica is passed over (%s): reads go to the primary", why)
    return usable


class ReplicaRouter:
    """Django's DATABASE_ROUTERS entry: reads go to the replica only inside a request marked for it."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        return REPLICA if _use_replica.get() else None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"  # a standby is read-only: it gets the schema through replication


def route_reads_to_replica(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: GET and HEAD under the configured prefixes read from the replica, when there is one."""
    prefixes = replica_prefixes() if replica_url() else ()

    def middleware(request: HttpRequest) -> HttpResponse:
        if prefixes and request.method in ("GET", "HEAD") and request.path.startswith(prefixes) and replica_usable():
            token = _use_replica.set(True)
            try:
                return get_response(request)
            finally:
                _use_replica.reset(token)
        return get_response(request)

    return middleware


def reads_from_replica(view: V) -> V:
    """For a read-only view elsewhere (the regulators' API, dashboards): its reads go to the replica if configured."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> HttpResponse:
        if not replica_url() or not replica_usable():
            return view(*args, **kwargs)
        token = _use_replica.set(True)
        try:
            return view(*args, **kwargs)
        finally:
            _use_replica.reset(token)

    return wrapped  # type: ignore[return-value]
