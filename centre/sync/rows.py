"""A push's rows written with one statement per table: `cursor.executemany` over parameters the caller already
converted (`json_value`, `datetime_value`), on SQLite and PostgreSQL alike, in the caller's transaction.

Why not `bulk_create`: for every row and every field it asks the field to prepare its value (the largest cost of
a push in the profile, more than deciding the events). The values here are plain Python values of known types,
so the only conversions needed are JSON (to text on SQLite, to psycopg's Jsonb on PostgreSQL) and times (text on
SQLite), each done once where it can be. Unique keys still decide: a duplicate raises IntegrityError through
Django's cursor wrapper, as a bulk insert would (centre/sync/api.py retries the push on it).

On PostgreSQL the rows go in with COPY: `executemany` sent one statement a row, which the server parsed and planned
one by one (in the push profile the bulk worker spent half its time waiting on them), and one multi-row INSERT
spent as long again composing and splitting its query text. SQLite prepares an `executemany` statement once, so it
keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from django.db import connection, models


def json_value(value: Any) -> Any:
    """A JSONField's value as the database driver takes it."""
    return None if value is None else connection.ops.adapt_json_value(value, None)


def datetime_value(value: Any) -> Any:
    """A DateTimeField's value as the database driver takes it."""
    return None if value is None else _datetime_value(value, connection.vendor)


@lru_cache(maxsize=64)  # a push's rows share its one time
def _datetime_value(value: Any, vendor: str) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def insert(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT every row (values in the order of `fields`, attribute names of `model`)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(_insert_sql(model, tuple(fields), connection.vendor), rows)
            return
        # Django's error wrapper, as its cursor would: a duplicate key is an IntegrityError here too.
        with connection.wrap_database_errors, cursor.cursor.copy(_copy_sql(model, tuple(fields))) as copy:
            for row in rows:
                copy.write_row(row)


def update(model: type[models.Model], fields: Sequence[str], key: str, rows: Sequence[Sequence[Any]]) -> None:
    """UPDATE each row found by `key`: every row's values in the order of `fields`, then its key."""
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(_update_sql(model, tuple(fields), key, connection.vendor), rows)


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(str(model._meta.get_field(name).column))  # type: ignore[union-attr]


# Built once per model, fields and database kind (`vendor` is part of the key only so).
@cache
def _insert_sql(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> str:
    names = ", ".join(_column(model, f) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"


@cache
def _copy_sql(model: type[models.Model], fields: tuple[str, ...]) -> str:
    names = ", ".join(_column(model, f) for f in fields)
    return f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"


@cache
def _update_sql(model: type[models.Model], fields: tuple[str, ...], key: str, vendor: str) -> str:
    assignments = ", ".join(f"{_column(model, f)} = %s" for f in fields)
    return f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET {assignments} WHERE {_column(model, key)} = %s"
