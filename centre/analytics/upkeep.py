"""Keeping the facts and grades up with the pushes without making a push wait for them.

A push commits, answers the terminal, and only pokes the follower (`poke`): one thread per serving process that
runs `facts.refresh()` (catch-up, statistics, grades) on its own database connection, then waits a moment so that
the pushes arriving meanwhile are read together by the next pass (a pass re-reads a short overlap, so one pass per
push under load would read the same rows again and again). A pass that fails is logged and the next one reads the
same rows: the pushed events are stored whatever happens here.

`CENTRE_ANALYTICS_INLINE=1` runs the pass inside the push instead (its answer then waits for the grades)."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

ENV_INLINE = "CENTRE_ANALYTICS_INLINE"
GATHER_SECONDS = 1.0  # after a pass, pushes arriving within this are read by one pass


class Follower:
    """One background thread that runs `work` after pokes, gathering pokes that come close together."""

    def __init__(self, work: Callable[[], object], gather_seconds: float = GATHER_SECONDS) -> None:
        self.work = work
        self.gather_seconds = gather_seconds
        self.idle = threading.Event()  # set while no pass is due or running (tests wait on it)
        self.idle.set()
        self._due = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def poke(self) -> None:
        with self._cond:
            self._due = True
            self.idle.clear()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="analytics-follower", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        from django.db import connections

        while True:
            with self._cond:
                while not self._due:
                    self._cond.wait()
                self._due = False
            try:
                self.work()
            except Exception:  # any failure: the pushed events are stored, the next pass re-reads
                log.warning("analytics pass after pushes failed; the next pass reads the same rows", exc_info=True)
            finally:
                connections.close_all()  # this thread's connections only (Django keeps them per thread)
            with self._cond:
                if not self._due:
                    self.idle.set()
            time.sleep(self.gather_seconds)


def _refresh() -> None:
    from centre.analytics.facts import refresh

    refresh()


follower = Follower(_refresh)


def after_push() -> None:
    if os.environ.get(ENV_INLINE, "").strip() == "1":
        try:
            _refresh()
        except Exception:  # never fails the push: it is stored
            log.warning("analytics pass in a push failed; the next pass reads the same rows", exc_info=True)
        return
    follower.poke()
