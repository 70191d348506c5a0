"""Keeping the look-up index (WorkerIndex) and the trace's links (WorkerLink) up to date with the records
terminals push: each look-up first reads the records changed since the last one, a bounded number at a time
(ordered by the records' (updated_at, id) index), so the index follows the records without touching ingest.

A record's updated_at is the time its push started, and a push commits a moment later: once caught up, at most
every 30 s per process, the catch-up re-reads a short overlap before its mark so a record committed late is not
missed (re-reading is idempotent).

A page catches up only briefly (`catch_up_briefly`): only when what waits fits in one brief batch, for at most
BUDGET_SECONDS, and only if no other request, in this or any process, is catching up at that moment (it then reads
the index as it is). Under a city's pushes
(2,000 events a second) an unbounded catch-up inside the look-up made it wait 20–60 s, every console user's
look-up reading the same records at once; now the page answers at once and says how far the index has read
(`Freshness`). The analytics follower brings it up to date after each of its passes (`catch_up_after_pushes`), so
the pages rarely find much to read; `terminal-server console-index` does it from the command line."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet

from centre.console.models import IndexMark, WorkerIndex, WorkerLink
from centre.console.search_rules import pinyin_forms, reversed_id
from centre.console.times import parse_time
from centre.sync.identity_rules import normalise_id_number
from centre.sync.models import Record

BATCH = 2000
OVERLAP = dt.timedelta(minutes=2)
LINKED_ENTITIES_FIELD = "worker_uid"


BUDGET_SECONDS = 0.5
BRIEF_BATCH = 500  # a page's batches are smaller, so that one batch does not outlast the budget by much
LOCK_KEY = 0x636F6E736F6C6978  # pg_advisory_lock's key for the catch-up ("consolix" in ASCII)


def catch_up(max_rows: int = 20_000, budget_seconds: float | None = None, batch_size: int = BATCH,
             clock: Callable[[], float] = time.monotonic) -> int:  # fmt: skip
    """Read up to `max_rows` changed records into the index, stopping between batches once `budget_seconds` have
    gone by; return how many were read."""
    read = 0
    started = clock()
    caught_up = False
    while read < max_rows:
        if budget_seconds is not None and clock() - started >= budget_seconds:
            break
        batch = _next_batch(batch_size)
        if batch:
            _apply(batch)
            read += len(batch)
        if len(batch) < batch_size:
            caught_up = True
            break
    if caught_up:
        _rewind_for_late_commits()
    return read


@dataclass(frozen=True)
class Freshness:
    """How far the index has read: the newest record read, and the newest record there is."""

    read_up_to: dt.datetime | None
    newest: dt.datetime | None

    @property
    def behind(self) -> bool:
        return self.newest is not None and (self.read_up_to is None or self.newest > self.read_up_to)

    @property
    def seconds_behind(self) -> int:
        if not self.behind or self.newest is None:
            return 0
        if self.read_up_to is None:
            return -1  # nothing read yet
        return max(1, round((self.newest - self.read_up_to).total_seconds()))


def catch_up_briefly(budget_seconds: float = BUDGET_SECONDS) -> Freshness:
    """A page's catch-up: only when what waits fits in one brief batch (a few records just pushed, as on a quiet
    centre), within the budget, and only when nobody else is catching up; then how fresh it is.

    A larger backlog is a city's stream of pushes: indexing it is push-sized work, and a page does its work at the
    public's priority (bench centre-load: staff look-ups reading pushed records held the verification page up). The
    analytics follower reads it at the background's priority after each pass (`catch_up_after_pushes`; under a
    steady stream a pass at least every 30 s), and the page says how far the index has read."""
    if not _waiting_at_most(BRIEF_BATCH):
        return freshness()
    with _catching_up() as mine:
        if mine:
            catch_up(budget_seconds=budget_seconds, batch_size=BRIEF_BATCH)
    return freshness()


def _waiting_at_most(rows: int) -> bool:
    """Whether at most `rows` records wait to be read (their ids only, through the same index as the batches)."""
    return len(_unread().values_list("id", flat=True)[: rows + 1]) <= rows


def catch_up_after_pushes() -> int:
    """The analytics follower's part (upkeep.py, after each pass): read everything new, unless a page is catching
    up at that moment (the next pass will). Pages then find the index current and their own brief catch-up has
    little or nothing to read, however fast terminals push."""
    with _catching_up() as mine:
        return catch_up(max_rows=10**9) if mine else 0


def freshness() -> Freshness:
    """Two index look-ups: the mark, and the newest record ((updated_at, id) index)."""
    mark = IndexMark.objects.filter(id=1).values_list("updated_at", "record_id").first()
    newest = Record.objects.order_by("-updated_at", "-id").values_list("updated_at", flat=True).first()
    read_up_to, record_id = mark if mark is not None else (None, 0)
    if read_up_to is None:
        return Freshness(None, newest)
    # A mark rewound for late commits (record 0) has read everything up to OVERLAP after it.
    return Freshness(read_up_to + OVERLAP if record_id == 0 else read_up_to, newest)


_process_lock = threading.Lock()


@contextmanager
def _catching_up() -> Iterator[bool]:
    """Whether this request may catch up now: one at a time in the installation (PostgreSQL: an advisory lock,
    released when the connection ends however it ends; SQLite, one process: a lock in this process). Never waits."""
    if not _process_lock.acquire(blocking=False):
        yield False
        return
    try:
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    finally:
        _process_lock.release()


def _next_batch(size: int = BATCH) -> list[Record]:
    return list(_unread()[:size])


def _unread() -> QuerySet[Record]:
    """The records after the mark, in the order they are read."""
    mark, _ = IndexMark.objects.get_or_create(id=1)
    rows = Record.objects.order_by("updated_at", "id")
    if mark.updated_at is not None:
        # The first condition alone is a range of the (updated_at, id) index: with only the OR, PostgreSQL scanned
        # the whole table after a bulk load (bench/console.py).
        rows = rows.filter(Q(updated_at__gte=mark.updated_at),
                           Q(updated_at__gt=mark.updated_at) | Q(id__gt=mark.record_id))  # fmt: skip
    return rows


def _apply(batch: list[Record]) -> None:
    workers = [r for r in batch if r.entity == "worker"]
    links = [r for r in batch if r.entity != "worker" and isinstance(r.data, dict) and r.data.get(LINKED_ENTITIES_FIELD)]
    with transaction.atomic():
        if workers:
            known = dict(WorkerIndex.objects.filter(worker_uid__in=[w.entity_uid for w in workers])
                         .values_list("worker_uid", "record_version"))  # fmt: skip
            fresh = [_index_row(w) for w in workers if known.get(w.entity_uid) != w.version]
            WorkerIndex.objects.bulk_create(fresh, update_conflicts=True, unique_fields=["worker_uid"],
                                            update_fields=[f.name for f in WorkerIndex._meta.fields
                                                           if f.name != "worker_uid"])  # fmt: skip
        if links:
            WorkerLink.objects.bulk_create(
                [WorkerLink(entity=r.entity, entity_uid=r.entity_uid, worker_uid=str(r.data[LINKED_ENTITIES_FIELD]))
                 for r in links], ignore_conflicts=True)  # fmt: skip
        last = batch[-1]
        IndexMark.objects.filter(id=1).update(updated_at=last.updated_at, record_id=last.id)


# Re-reading the overlap on every look-up made each one read every record of the last two minutes again (at a busy
# centre thousands per look-up; bench/console.py measured it as most of a look-up's time even when nothing had
# arrived): late commits are looked for at most this often per process instead.
REREAD_EVERY_SECONDS = 30.0
_last_reread = [-REREAD_EVERY_SECONDS]


def _rewind_for_late_commits(now: Callable[[], float] = time.monotonic) -> None:
    """Once caught up, at most every 30 s: the next call starts again OVERLAP before the newest record read, so a
    push that committed late (its rows older than ones already read) is found within 30 s of its commit."""
    if now() - _last_reread[0] < REREAD_EVERY_SECONDS:
        return
    _last_reread[0] = now()
    IndexMark.objects.filter(id=1, updated_at__isnull=False).exclude(record_id=0).update(
        updated_at=F("updated_at") - OVERLAP, record_id=0)  # fmt: skip


def _index_row(record: Record) -> WorkerIndex:
    data: dict[str, Any] = record.data if isinstance(record.data, dict) else {}
    raw_identity = data.get("identity")
    identity: dict[str, Any] = raw_identity if isinstance(raw_identity, dict) else {}
    name = str(identity.get("name") or "")[:200]
    number = normalise_id_number(identity.get("id_number") or "")[:32]
    full, initials = pinyin_forms(name)
    return WorkerIndex(
        worker_uid=record.entity_uid, agency_id=record.agency_id, name=name, pinyin=full, initials=initials,
        id_number=number, id_reversed=reversed_id(number), phone=str(data.get("phone") or "")[:32],
        registered_at=parse_time(data.get("registered_at")) or record.updated_at, released=bool(data.get("released_at")),
        simulated=record.simulated, record_version=record.version,
    )  # fmt: skip

