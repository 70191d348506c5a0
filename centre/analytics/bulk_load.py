"""Writing many rows fast: PostgreSQL's COPY (psycopg's copy) or SQLite's executemany, through Django's own
connection and in its transaction. Rows are dicts by column name; missing columns take the model's default."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

FLUSH_EVERY = 20_000


class BulkTable:
    """Rows for one model, written `FLUSH_EVERY` at a time."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
        self.columns = [str(f.column) for f in self.fields]
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        # Worked out once, as add() runs for every row: per column its name and, unless the default is made per row
        # (a callable), the default itself; then which columns take a per-row default and which need adapting.
        self._names = [(f.attname, _MISSING if f.has_default() and callable(f.default) else f.get_default())
                       for f in self.fields]  # fmt: skip
        self._per_row = [(i, f.get_default) for i, f in enumerate(self.fields) if f.has_default() and callable(f.default)]
        self._adapt = [(i, adapt) for i, f in enumerate(self.fields) if (adapt := _adapter(f)) is not None]

    def add(self, values: dict[str, Any]) -> None:
        row = [values.get(name, default) for name, default in self._names]
        for i, make in self._per_row:
            if row[i] is _MISSING:
                row[i] = make()
        for i, adapt in self._adapt:
            if row[i] is not None:
                row[i] = adapt(row[i])
        self.rows.append(tuple(row))
        if len(self.rows) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})",
                                   self.rows)  # fmt: skip
        self.count += len(self.rows)
        self.rows = []


_MISSING = object()
encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class Encoded:
    """A JSON field's value already encoded (encode_json's text), for rows of several tables that carry it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _json(value: Any) -> str:
    return value.text if isinstance(value, Encoded) else encode_json(value)


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a Python value becomes what the database takes, or None when it takes it as it is."""
    if isinstance(field, models.JSONField):
        return _json  # one encoder for every row (json.dumps with options builds one per call)
    if connection.vendor == "postgresql":
        return None  # psycopg's COPY adapts dates, times, numbers and text itself
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def reset_sequences(*models_: type[models.Model]) -> None:
    """After rows were written with their own ids, the next id the database hands out follows them."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def indexes_built_after(*models_: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, the tables' plain indexes are dropped for a large load and built again after it, in the same
    transaction: building an index by sorting is far faster than growing it row by row, once the indexes outgrow
    memory (their keys are random uids). Primary keys and unique indexes stay (they check the rows as they come).
    If the load fails the transaction rolls back, and the indexes with it. Tables are locked until the commit."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                       "AND i.tablename = ANY(%s::text[]) AND i.indexdef NOT LIKE 'CREATE UNIQUE%%'", [tables])  # fmt: skip
        plain = list(cursor.fetchall())
        for name, _ in plain:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in plain:
            cursor.execute(definition)


def analyse(*models_: type[models.Model]) -> None:
    """On PostgreSQL, fresh statistics for tables just filled (the planner otherwise guesses until autovacuum
    gets to them, and the first pages and the grading run right after a load)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def vacuum(*models_: type[models.Model]) -> None:
    """On PostgreSQL and outside a transaction, VACUUM tables just filled, so their pages are marked all-visible and
    reads answered from an index alone stay so (a live centre's autovacuum does the same as inserts accumulate)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")
