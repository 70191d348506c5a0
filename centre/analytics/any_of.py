"""`field__any_of=[…]`: membership in a long list as ONE query parameter, for the credit batches.

`field__in=[2,000 uids]` writes 2,000 placeholders; psycopg then splits and quotes a query text of that length
for every query (a third of the whole-city grading's time went there, measured), and SQLite caps the number of
parameters. Here the list travels as one value: an array on PostgreSQL (`= ANY(%s)`, which uses the column's
index like IN does), a JSON array on SQLite (`IN (SELECT value FROM json_each(%s))`). The PostgreSQL array goes as
its text form, written here (psycopg's list adapter quotes element by element through a regular expression: 0.9 s of
a 30,000-worker grading, measured)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    _Lookup = models.Lookup[bool]
else:
    _Lookup = models.Lookup  # generic only for the type checker (django-stubs)


class AnyOf(_Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return [str(v) for v in self.rhs]

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::text[])", [*lhs_params, text_array(values)]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, json.dumps(values)]


def text_array(values: Iterable[str]) -> str:
    """A PostgreSQL text[] literal: every element quoted, its backslashes and quotes escaped."""
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


models.CharField.register_lookup(AnyOf)
