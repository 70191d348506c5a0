"""The whole city's workers graded in several processes (credit.grade_city): on PostgreSQL, a city of at least
PROCESSES_FROM workers is cut into PIECES key ranges of about equal size, which PROCESSES processes (the caller's
and others started for the batch) grade side by side, each taking the next free range when done with one (marks in
shared memory, under a lock).

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
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from centre.analytics.credit_rules import RuleSet

PROCESSES = 2  # the caller's and one more
PIECES = 16  # ranges handed out one at a time, so a process slowed by others on the machine takes fewer
PROCESSES_FROM = 50_000  # workers; below, one process (starting another Django takes 1-2 s, more under load)
FREE, HERE, ELSEWHERE = 0, 1, 2


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
    taken: Any = context.Array("b", len(ranges))  # per range: FREE, or which process took it (HERE, ELSEWHERE)
    with ProcessPoolExecutor(PROCESSES - 1, mp_context=context, initializer=_start_grader,
                             initargs=(dict(connection.settings_dict), taken)) as pool:  # fmt: skip
        others = [pool.submit(_grade_ranges_elsewhere, ranges, today, rules, now) for _ in range(PROCESSES - 1)]
        try:
            changed = grade_ranges(taken, HERE, ranges, today, rules, now)
        except BaseException:  # (an interrupt too) the others stop after their current range, not the city's last
            with taken.get_lock():
                taken[:] = [HERE if mark == FREE else mark for mark in taken[:]]
            raise
        for future in others:
            try:
                changed += future.result()
            except BrokenProcessPool:
                # Another process could not start (a caller's script re-run by `spawn` without a __main__ guard)
                # or was killed: the ranges taken elsewhere are graded here (a page already committed is found
                # unchanged and not written again).
                changed += sum(grade_key_range(after, upto, today, rules, now)
                               for (after, upto), by in zip(ranges, taken, strict=True) if by == ELSEWHERE)  # fmt: skip
                break
        return changed


def grade_ranges(taken: Any, by: int, ranges: list[tuple[str | None, str | None]], today: dt.date, rules: RuleSet,
                 now: dt.datetime) -> int:  # fmt: skip
    """Take the next free range, grade it, until none is left."""
    from centre.analytics.credit import grade_key_range

    changed = 0
    while True:
        with taken.get_lock():
            free = next((i for i, mark in enumerate(taken) if mark == FREE), None)
            if free is None:
                return changed
            taken[free] = by
        changed += grade_key_range(*ranges[free], today, rules, now)


def key_ranges(total: int, pieces: int) -> list[tuple[str | None, str | None]]:
    """The workers' uids cut into `pieces` ranges (after, up to and including); None: open at that end. The bounds in
    one index-only scan (an OFFSET per bound would scan the index again from its start for each)."""
    from django.db import connection

    from centre.analytics.models import FactWorker

    step = max(1, total // pieces)
    with connection.cursor() as cursor:
        cursor.execute("SELECT worker_uid FROM (SELECT worker_uid, row_number() OVER (ORDER BY worker_uid) AS n "
                       f"FROM {FactWorker._meta.db_table}) AS numbered WHERE n %% %s = 0 AND n < %s "
                       "ORDER BY worker_uid", [step, step * pieces])  # fmt: skip
        bounds: list[str | None] = [None, *(uid for (uid,) in cursor.fetchall()), None]
    return list(itertools.pairwise(bounds))


# --- in a grading process ------------------------------------------------------------------------------------


_taken: Any = None  # in a grading process: the ranges' marks shared with the caller


def _start_grader(database: dict[str, Any], taken: Any) -> None:
    """Django set up from the environment as the caller's was, connected to the caller's database."""
    global _taken
    _taken = taken
    threading.Thread(target=_leave_with_parent, daemon=True, name="leave-with-parent").start()
    from centre.quick_exit import on_exit_end_at_once

    on_exit_end_at_once()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    from django.conf import settings

    settings.DATABASES["default"] = database  # before django.setup(): no connection is made before it
    import django

    django.setup()


def _leave_with_parent() -> None:
    # A caller that is killed cannot shut its pool down, and a process waiting for work would wait for ever
    # (holding a database connection): the parent's sentinel becomes ready when the parent has gone.
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def _grade_ranges_elsewhere(ranges: list[tuple[str | None, str | None]], today: dt.date, rules: RuleSet,
                            now: dt.datetime) -> int:  # fmt: skip
    from django.db import connections

    try:
        return grade_ranges(_taken, ELSEWHERE, ranges, today, rules, now)
    finally:
        connections.close_all()
