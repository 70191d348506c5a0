"""Helpers for rules written once as queries over a value or an outer query's column (centre/credentials/standing.py:
the door page reads a credential and all its holder's facts in one statement)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import F, Func, IntegerField, Model, OuterRef, QuerySet, Subquery

M = TypeVar("M", bound=Model)

Ref = str | OuterRef  # a value, or the column of the query one level out


def deeper(ref: Ref) -> Ref:
    """`ref` as seen from a subquery nested one level further (a value stays a value)."""
    return OuterRef(ref) if isinstance(ref, OuterRef) else ref


def count_of(rows: QuerySet[Any], field: str = "pk") -> Subquery:
    """COUNT of a query as a scalar subquery (no GROUP BY: one row, 0 when nothing matches)."""
    counted = rows.order_by().annotate(n=Func(F(field), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


class CompiledRead(Generic[M]):
    """A read of at most one row by a few string values, whose SQL the ORM builds once per process and database
    and which then runs with each request's values.

    Why: the door page's read is one statement with a dozen subqueries; building and compiling it through the ORM
    cost 6–9 ms of processor time a request on the 2-core machine, more than the database took to answer it. The
    statement's text depends only on the database's kind, so it is compiled with stand-in values, and each call
    puts its own values where the stand-ins were. Rows come back as model instances with the annotations as
    attributes, not converted: the caller reads them as the database gives them (see `json_value`)."""

    def __init__(self, model: type[M], build: Callable[..., QuerySet[M]], *names: str) -> None:
        self.model = model
        self.build = build  # keyword arguments `names`, each a string the query compares with
        self.names = names
        self._compiled: dict[tuple[str, str], tuple[str, tuple[Any, ...], dict[str, list[int]]]] = {}

    def first(self, **values: str) -> M | None:
        alias = router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        key = (alias, connections[alias].vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias)
        sql, params, slots = compiled
        filled = list(params)
        for name, places in slots.items():
            for place in places:
                filled[place] = values[name]
        return next(iter(self.model._default_manager.db_manager(alias).raw(sql, filled)), None)

    def _compile(self, alias: str) -> tuple[str, tuple[Any, ...], dict[str, list[int]]]:
        stand_ins = {name: f"\x1f{name}\x1f" for name in self.names}  # no real value holds a unit separator
        sql, params = self.build(**stand_ins)[:1].query.get_compiler(alias).as_sql()
        slots = {name: [i for i, p in enumerate(params) if isinstance(p, str) and p == s] for name, s in stand_ins.items()}
        missing = [name for name, places in slots.items() if not places]
        if missing:
            raise ValueError(f"the compiled read does not compare with {missing}")
        return sql, tuple(params), slots


def json_value(raw: Any) -> Any:
    """A JSON column read without Django's converter: text on both databases (psycopg's jsonb loader is text in
    Django), already parsed if a driver parsed it."""
    return json.loads(raw) if isinstance(raw, str | bytes) else raw
