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
        self._adapt = [_adapter(f) for f in self.fields]
        self._defaults = [f.get_default for f in self.fields]

    def add(self, values: dict[str, Any]) -> None:
        row = []
        for field, adapt, default in zip(self.fields, self._adapt, self._defaults, strict=True):
            value = values[field.attname] if field.attname in values else default()
            row.append(None if value is None else adapt(value))
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


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    if connection.vendor == "postgresql":
        return lambda value: value
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return lambda value: value


def reset_sequences(*models_: type[models.Model]) -> None:
    """After rows were written with their own ids, the next id the database hands out follows them."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
