"""The weekly supply (resources.py's definition) counted inside PostgreSQL, for cities too large to read into Python.

Mondays are numbered 0 … n-1 from the first week. A span of days [start, end) covers the Mondays
[ceil((start - first) / 7), ceil((end - first) / 7)), clipped to [0, n]. For each worker and district, the
Mondays certified there (the union of their credentials' spans in that district, `range_agg`) minus the Mondays
the worker is under any contract (the union of their contracts' spans) are the Mondays they are idle there: a
multirange difference, so no per-week rows are ever made. The idle ranges become +1 at their first Monday and -1
after their last, summed per district and set of service types (a worker's types as one sorted list: a few dozen
sets instead of joining every edge to each of the worker's types); the caller splits the sets and adds the
changes up week by week.

One statement, one scan of each fact table: at 1,000,000 workers and 7,500,000 contracts in the window it
replaces reading every contract into Python. PostgreSQL 14 or later (multiranges)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

# The Monday index of a day count d (days since the first Monday), clipped to [0, n]: ceil(d / 7) for 0 ≤ d ≤ 7n.
_WEEK_OF_START = "(greatest({days}, 0) + 6) / 7"
_WEEK_OF_END = "(least(greatest({days}, 0), %(span)s) + 6) / 7"

_SQL = f"""
WITH cert AS (
    SELECT worker_uid, district,
           range_agg(int4range(lo, greatest(lo, hi))) AS weeks,
           max(agency_id) FILTER (WHERE lo <= %(last)s AND %(last)s < hi) AS agency_now
    FROM (SELECT worker_uid, district, agency_id,
                 {_WEEK_OF_START.format(days="issued_on - %(first)s::date")} AS lo,
                 {_WEEK_OF_END.format(days="coalesce(least(ended_on, valid_to + 1), %(past)s::date) - %(first)s::date")}
                   AS hi
          FROM analytics_credentials
          WHERE issued_on IS NOT NULL AND issued_on <= %(last_day)s) spans
    GROUP BY worker_uid, district
), busy AS (
    SELECT worker_uid, range_agg(int4range(lo, greatest(lo, hi))) AS weeks
    FROM (SELECT worker_uid,
                 {_WEEK_OF_START.format(days="start_on - %(first)s::date")} AS lo,
                 {_WEEK_OF_END.format(days="end_on + 1 - %(first)s::date")} AS hi
          FROM analytics_contracts
          WHERE start_on IS NOT NULL AND end_on IS NOT NULL AND start_on <= %(last_day)s
            AND end_on >= %(first)s) spans
    GROUP BY worker_uid
), kinds AS (
    SELECT worker_uid, string_agg(service_type, ',' ORDER BY service_type) AS types
    FROM analytics_worker_services GROUP BY worker_uid
), idle AS MATERIALIZED (
    SELECT cert.district, cert.agency_now, kinds.types,
           cert.weeks - coalesce(busy.weeks, '{{}}'::int4multirange) AS weeks
    FROM cert JOIN kinds USING (worker_uid) LEFT JOIN busy USING (worker_uid)
), edges AS (
    SELECT idle.types, idle.district, lower(r) AS lo, upper(r) AS hi
    FROM idle, unnest(idle.weeks) AS r
)
SELECT 'series', e.types, e.district, '', e.week, sum(e.delta)::int
FROM (SELECT types, district, lo AS week, 1 AS delta FROM edges
      UNION ALL SELECT types, district, hi, -1 FROM edges WHERE hi < %(weeks)s) e
GROUP BY e.types, e.district, e.week
UNION ALL
SELECT 'now', idle.types, idle.district, idle.agency_now, 0, count(*)::int
FROM idle
WHERE idle.agency_now IS NOT NULL AND idle.weeks @> %(last)s::int
GROUP BY idle.types, idle.district, idle.agency_now
"""


def weekly_supply_rows(first: dt.date, weeks: int) -> list[tuple[Any, ...]]:
    """(kind, service types, district, agency, week, n), the service types comma-separated: kind 'series' gives
    the change of the idle count at the week (sum them in week order); kind 'now' the idle workers per agency at
    the last week."""
    last_day = first + dt.timedelta(days=7 * (weeks - 1))
    params: dict[str, dt.date | int] = {"first": first, "last_day": last_day, "last": weeks - 1, "weeks": weeks, "span": 7 * weeks,
              "past": first + dt.timedelta(days=7 * weeks)}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        return list(cursor.fetchall())
