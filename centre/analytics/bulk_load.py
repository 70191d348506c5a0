"""Writing many rows fast: PostgreSQL's COPY (psycopg's copy) or SQLite's executemany, through Django's own
connection and in its transaction. Rows are dicts by column name; missing columns take the model's default."""

from __future__ import annotations

import json
from collections.abc import Callable
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
        # (attribute name, adapter or None, default) per column, worked out once: add() runs for every row.
        self._plan = [(f.attname, _adapter(f), f.get_default) for f in self.fields]

    def add(self, values: dict[str, Any]) -> None:
        row = []
        for name, adapt, default in self._plan:
            value = values.get(name, _MISSING)
            if value is _MISSING:
                value = default()
            row.append(value if value is None or adapt is None else adapt(value))
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


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a Python value becomes what the database takes, or None when it takes it as it is."""
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
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
