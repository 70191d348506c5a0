"""Read-heavy pages from a PostgreSQL read replica, by configuration (docs/centre-deployment.md, "Read replica").

With CENTRE_REPLICA_DB set, the database alias `replica` exists, and GET requests under the prefixes in
CENTRE_REPLICA_PATHS (default: the public verification page `/V/`) read from it; everything else, and every
write, uses `default`. A view can also ask for it with `reads_from_replica`. The replica lags the primary by
what streaming replication lags (normally well under a second), which a public status look-up can afford; a
terminal's request or a staff decision must read its own writes, so they never go there."""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

ENV_REPLICA_DB = "CENTRE_REPLICA_DB"
ENV_REPLICA_PATHS = "CENTRE_REPLICA_PATHS"
REPLICA = "replica"

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("use_replica", default=False)
V = TypeVar("V", bound=Callable[..., HttpResponse])


def replica_url() -> str:
    return os.environ.get(ENV_REPLICA_DB, "").strip()


def replica_prefixes() -> tuple[str, ...]:
    raw = os.environ.get(ENV_REPLICA_PATHS, "/V/")
    return tuple(prefix.strip() for prefix in raw.split(",") if prefix.strip())


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
        if prefixes and request.method in ("GET", "HEAD") and request.path.startswith(prefixes):
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
        if not replica_url():
            return view(*args, **kwargs)
        token = _use_replica.set(True)
        try:
            return view(*args, **kwargs)
        finally:
            _use_replica.reset(token)

    return wrapped  # type: ignore[return-value]
