"""Keeping the facts and grades up with the pushes: ONE follower process per installation.

`terminal-server analytics follow` looks every `poll_seconds` at a cheap mark of what arrived (the newest record's
time and the newest feed item: two index look-ups) and, when it moved, runs a pass (`facts.refresh()`: catch-up,
statistics, grades). A push only commits and answers: nothing in the serving processes or their bulk workers runs
the analysis, so it never takes the interpreter lock from a push, and N application processes do not run N passes
over the same rows.

- A row's time is when its transaction started; one that commits late carries a time older than the newest seen.
  The catch-up re-reads a short overlap (facts.OVERLAP) for that reason, so after every pass that found something
  new one more pass runs once the overlap has gone by.
- The centre's own decisions (a complaint closed, a list approved) move nothing in the mark; a pass runs at least
  every `every_seconds` for them (and the pages catch up before they read: reading.py).
- A pass yields to terminals: it starts only once nothing has arrived for `quiet_seconds` (no new rows, and no
  signed request: a push under way has its nonce stored before its rows commit), and never more than
  `burst_seconds` after the last pass under a steady stream. Beside a terminal's drain on a two-core machine a pass
  made the drain a third slower. The first pass too waits for a quiet moment: a centre starting is when terminals
  come back.
- Passes never overlap, even if two followers run (a second systemd unit, a `serve` that started its own beside
  the unit): a pass takes the installation's lock first (`installation_lock`: a PostgreSQL advisory lock, on SQLite
  a lock file beside the database) and a follower that finds it taken skips and looks again. Both are released
  when the process dies, however it dies.
- A pass that fails is logged and the next one reads the same rows: the pushed events are stored whatever
  happens here.

`terminal-server serve` starts one follower as its own child process (`start_process`) unless
CENTRE_ANALYTICS_FOLLOWER=0: a deployment with several application processes runs it once, as its own unit
(deploy/systemd/centre-analytics.service)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

ENV_FOLLOWER = "CENTRE_ANALYTICS_FOLLOWER"  # "0": serve starts no follower (the deployment runs one of its own)
POLL_SECONDS = 1.0
EVERY_SECONDS = 60.0
QUIET_SECONDS = 3.0  # nothing arrived for this long: a pass may start
BURST_SECONDS = 30.0  # under a steady stream of pushes, a pass at least this often
# A fixed key for pg_advisory_lock: the installation's one analytics pass ("analytics" in ASCII).
LOCK_KEY = 0x616E616C79746963
# The line `analytics follow` prints once it is ready, in the run's language (tests and operators wait for it).
FOLLOWING = ("分析跟随中", "analytics following")


def follower_wanted() -> bool:
    return os.environ.get(ENV_FOLLOWER, "1").strip().lower() not in ("0", "false", "no", "off")


def check_schema() -> None:
    """A follower never migrates (processes starting at once would all run migrate): it refuses a schema a newer
    centre migrated, or one that still lacks migrations (`terminal-server db upgrade` first)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from centre import schema_guard
    from centre.analytics.errors import AnalyticsRefused
    from wirecontract.errors import Text

    schema_guard.check_not_newer()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise AnalyticsRefused(why=Text("数据库结构尚未升级，请先运行 terminal-server db upgrade",
                                     "the database schema is not up to date: run `terminal-server db upgrade` first"))


def latest_change() -> tuple[object, object]:
    """What has arrived, cheaply: the newest record's time (records are indexed by it) and the newest feed item."""
    from django.db.models import Max

    from centre.sync.models import Decision, Record

    newest = Record.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return newest, Decision.objects.aggregate(top=Max("seq"))["top"]


def latest_request() -> object:
    """The newest signed request a terminal made (its nonce, stored as it arrives: before a push's rows commit)."""
    from django.db.models import Max

    from centre.terminals.models import Nonce

    return Nonce.objects.aggregate(top=Max("id"))["top"]


@contextmanager
def installation_lock() -> Iterator[bool]:
    """Yields whether this process now holds the installation's analytics lock (never waits for it)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            row = cursor.fetchone()
        held = bool(row and row[0])
        try:
            yield held
        finally:
            if held:
                _unlock_postgres(connection)
        return
    from filelock import FileLock, Timeout

    lock = FileLock(_lock_file(str(connection.settings_dict["NAME"])))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def _unlock_postgres(connection: object) -> None:
    from django.db import DatabaseError

    try:
        with connection.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    except DatabaseError:  # the session is gone, and its lock with it
        log.warning("could not release the analytics lock; the database session ended, which releases it")


def _lock_file(database: str) -> str:
    return str(Path(database).absolute()) + ".analytics-lock"


def _refresh() -> None:
    from centre.analytics.facts import refresh
    from centre.console.search_index import catch_up_after_pushes

    refresh()
    catch_up_after_pushes()  # the console's look-up index too, so that a look-up need not read the pushes itself


class Follower:
    """Decides when a pass is due and runs it under the installation's lock. `step()` is one look; `run()` looks
    until `stop` is set. Seams: the pass (`work`), the mark (`latest`), the requests' mark (`arrivals`), the lock
    and the clock."""

    def __init__(self, work: Callable[[], object] = _refresh,
                 latest: Callable[[], object] = latest_change,
                 lock: Callable[[], AbstractContextManager[bool]] = installation_lock,
                 poll_seconds: float = POLL_SECONDS, every_seconds: float = EVERY_SECONDS,
                 settle_seconds: float | None = None, clock: Callable[[], float] = time.monotonic,
                 burst_seconds: float = BURST_SECONDS, quiet_seconds: float = QUIET_SECONDS,
                 arrivals: Callable[[], object] = latest_request) -> None:  # fmt: skip
        from centre.analytics.facts import OVERLAP

        self.work, self.latest, self.arrivals, self.lock, self.clock = work, latest, arrivals, lock, clock
        self.poll_seconds, self.every_seconds = poll_seconds, every_seconds
        self.settle_seconds = OVERLAP.total_seconds() + poll_seconds if settle_seconds is None else settle_seconds
        self.burst_seconds, self.quiet_seconds = burst_seconds, quiet_seconds
        self.passes = 0
        self._seen: object = None  # the mark at the last pass
        self._looked: tuple[object, object] | None = None  # the marks at the last look (None: no look yet)
        self._arrived_at = 0.0  # when a look last found something arrived
        self._first_look: float | None = None
        self._last_pass: float | None = None
        self._settle_at = float("inf")  # when the pass for late commits is due

    def due(self, seen: object, arrived: object, now: float) -> bool:
        if self._looked != (seen, arrived):  # new rows or new requests since the previous look (or the first look)
            self._arrived_at = now
        self._looked = (seen, arrived)
        if self._first_look is None:
            self._first_look = now
        wanted = (self._last_pass is None or seen != self._seen or now >= self._settle_at
                  or now - self._last_pass >= self.every_seconds)  # fmt: skip
        if not wanted:
            return False
        # A pass beside a stream of pushes takes turns with them at the database (SQLite's one writer) and at the
        # processor: it waits until nothing has arrived for a while, but under a steady stream never longer than
        # `burst_seconds` after the last pass (or the first look).
        quiet = now - self._arrived_at >= self.quiet_seconds
        behind_since = self._last_pass if self._last_pass is not None else self._first_look
        return quiet or now - behind_since >= self.burst_seconds

    def step(self) -> bool:
        """One look; True when a pass ran. A pass that another follower's lock kept out runs at a later look."""
        now, seen, arrived = self.clock(), self.latest(), self.arrivals()
        if not self.due(seen, arrived, now):
            return False
        with self.lock() as held:
            if not held:
                return False
            self.work()
        moved = self._last_pass is None or seen != self._seen
        self._settle_at = now + self.settle_seconds if moved else float("inf")
        self._seen, self._last_pass = seen, now
        self.passes += 1
        return True

    def run(self, stop: threading.Event) -> None:
        from django.db import connections

        while not stop.is_set():
            try:
                self.step()
            except Exception:  # any failure: the pushed events are stored, the next pass re-reads
                log.warning("analytics pass failed; the next pass reads the same rows", exc_info=True)
                connections.close_all()  # a broken connection is opened again at the next look
            stop.wait(self.poll_seconds)
        connections.close_all()


# --- the follower as a child of `terminal-server serve` ---------------------------------------------------------


def start_process() -> subprocess.Popen[bytes]:
    """`terminal-server analytics follow` as a child of this process. The database comes through the environment
    ($TERMINAL_SERVER_DB, set by the CLI), never the command line; the child stops when our end of its standard
    input closes, which happens however this process ends."""
    argv = [sys.executable, "-m", "centre.cli", "analytics", "follow", "--stop-on-eof"]
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)


def stop_process(child: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Close its standard input (it finishes the pass it is in and exits), and wait for it."""
    if child.stdin is not None:
        child.stdin.close()
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        log.warning("the analytics follower did not stop within %.0f s; terminating it", timeout)
        child.terminate()
        child.wait(10)
