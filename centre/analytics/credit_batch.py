"""The whole city's workers graded in several processes (credit.grade_city): on PostgreSQL, a city of at least
PROCESSES_FROM workers is cut into PIECES key ranges of about equal size, which PROCESSES processes (the caller's
and others started for the batch) grade side by side, each taking another range when done with one.

Why: one process grading the city keeps one core busy at most, and alternates between its own work (the rules,
encoding the grades) and waiting for the database (the evidence, writing the grades). Two processes on the
2-core machine overlap the two and use both cores. Each range is graded as the single process grades the city
(credit.grade_key_range: keyset pages, one transaction per page), so the grades are the same.

The processes are started with `spawn` (forking a process that holds a pool of database connections and its
threads is unsafe, as in centre/bulk_process.py) and connect to the very database the caller's connection uses.
Inside a transaction, on SQLite and for a small city the caller's process grades everything itself: other
processes would not see the caller's uncommitted rows, SQLite has one writer, and starting Django twice costs
more than a small city's grading."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import multiprocessing.connection
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from centre.analytics.credit_rules import RuleSet

PROCESSES = 2  # the caller's and one more
PIECES = 16  # ranges handed out one at a time, so a process slowed by others on the machine takes fewer
PROCESSES_FROM = 20_000  # workers; below, one process (starting two Djangos takes about 2 s)


def grade_workers_of_city(today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    """Grade every worker of the city; returns how many grades changed."""
    from django.db import connection

    from centre.analytics.credit import grade_key_range
    from centre.analytics.models import FactWorker

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return grade_key_range(None, None, today, rules, now)
    total = FactWorker.objects.count()
    if total < PROCESSES_FROM:
        return grade_key_range(None, None, today, rules, now)
    ranges = key_ranges(total, PIECES)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(PROCESSES - 1, mp_context=context, initializer=_start_grader,
                             initargs=(dict(connection.settings_dict),)) as pool:  # fmt: skip
        # Every range is offered to the other processes, first to last; this one takes them from the last while
        # they start: a range it can still withdraw (cancel) is one no other process has taken.
        offered = [pool.submit(_grade_range, after, upto, today, rules, now) for after, upto in ranges]
        changed = 0
        for future, (after, upto) in zip(reversed(offered), reversed(ranges), strict=True):
            if not future.cancel():
                break  # taken: so are all before it
            changed += grade_key_range(after, upto, today, rules, now)
        return changed + sum(future.result() for future in offered if not future.cancelled())


def key_ranges(total: int, pieces: int) -> list[tuple[str | None, str | None]]:
    """The workers' uids cut into `pieces` ranges (after, up to and including); None: open at that end."""
    from centre.analytics.models import FactWorker

    uids = FactWorker.objects.order_by("worker_uid").values_list("worker_uid", flat=True)
    bounds: list[str | None] = [None]
    for i in range(1, pieces):
        bound = uids[total * i // pieces]  # an index-only scan to the offset: about 0.1 s at 1,000,000 workers
        if bound != bounds[-1]:
            bounds.append(bound)
    bounds.append(None)
    return list(itertools.pairwise(bounds))


# --- in a grading process ------------------------------------------------------------------------------------


def _start_grader(database: dict[str, Any]) -> None:
    """Django set up from the environment as the caller's was, connected to the caller's database."""
    threading.Thread(target=_leave_with_parent, daemon=True, name="leave-with-parent").start()
    from centre.quick_exit import on_exit_end_at_once

    on_exit_end_at_once()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    from django.conf import settings

    settings.DATABASES["default"] = database  # before django.setup(): no connection is made before it
    import django

    django.setup()


def _leave_with_parent() -> None:
    # A caller that is killed cannot shut its pool down, and a process waiting for a range would wait for ever
    # (holding a database connection): the parent's sentinel becomes ready when the parent has gone.
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def _grade_range(after: str | None, upto: str | None, today: dt.date, rules: RuleSet, now: dt.datetime) -> int:
    from django.db import connections

    from centre.analytics.credit import grade_key_range

    try:
        return grade_key_range(after, upto, today, rules, now)
    finally:
        connections.close_all()
