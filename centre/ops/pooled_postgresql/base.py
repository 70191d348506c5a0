"""Django's PostgreSQL backend, its connection pool checking a connection before lending it with
`centre.ops.db_pool.check_before_lending` rather than psycopg_pool's round trip.

Django offers one check (CONN_HEALTH_CHECKS: psycopg_pool's `check_connection`, an empty statement sent on every
lending) and passes it to the pool itself, so a `check` among the pool's options collides with it. The backend is
Django's own otherwise (`vendor` stays "postgresql")."""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base

from centre.ops.db_pool import check_before_lending


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self) -> Any:
        pool = super().pool
        if pool is not None and pool._check is not check_before_lending:
            pool._check = check_before_lending  # psycopg_pool keeps the check it calls before lending here
        return pool
