"""Background sync: a plain thread (no Qt) that pushes whenever the centre is reachable.

After a failure it backs off exponentially with full jitter, or exactly as long as Retry-After says.
While waiting after a network failure it probes the centre cheaply every few seconds, so it notices
the network coming back without waiting out a long back-off. `nudge()` asks for a round now (a new
event was queued, or the user pressed "sync now"); `stop()` ends the thread promptly.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.sync.engine import SyncEngine, SyncReport

log = logging.getLogger("terminal.sync.worker")

_NETWORK_KINDS = frozenset({SyncErrorKind.OFFLINE, SyncErrorKind.TIMEOUT})


@dataclass(frozen=True)
class WorkerEvent:
    """Handed to `on_event` after each round (from the worker thread: a UI must hop to its own thread)."""

    report: SyncReport | None
    fault: SyncFault | None
    next_attempt_in: float


@dataclass(frozen=True)
class Backoff:
    base: float = 2.0
    cap: float = 300.0

    def delay(self, failures: int, rng: random.Random) -> float:
        # "Full jitter": spreads terminals out after a centre outage instead of retrying in lockstep.
        return rng.uniform(0.0, min(self.cap, self.base * 2 ** max(failures - 1, 0)))


class SyncWorker:
    def __init__(
        self,
        open_engine: Callable[[], AbstractContextManager[SyncEngine]],
        interval: float = 60.0,
        probe_interval: float = 5.0,
        backoff: Backoff | None = None,
        on_event: Callable[[WorkerEvent], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """`open_engine` is entered inside the worker thread, so its database connection belongs to it."""
        self._open_engine = open_engine
        self.interval = interval
        self.probe_interval = probe_interval
        self.backoff = backoff or Backoff()
        self.on_event = on_event
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.rounds = 0

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        with self._open_engine() as engine:
            while not self._stopping.is_set():
                delay, fault = self._round(engine)
                if fault is not None and fault.kind in _NETWORK_KINDS:
                    self._wait_for_network(engine, delay)
                else:
                    self._sleep(delay)

    def _round(self, engine: SyncEngine) -> tuple[float, SyncFault | None]:
        self._wake.clear()
        report: SyncReport | None = None
        fault: SyncFault | None = None
        try:
            report = engine.sync_once()
            self.failures = 0
            delay = self.interval
        except SyncFault as err:
            fault = err
            self.failures += 1
            backoff = self.backoff.delay(self.failures, self._rng)
            delay = err.retry_after if err.retry_after is not None else backoff
            log.info("sync failed (%s), next attempt in %.1f s", err.kind.value, delay)
        self.rounds += 1
        if self.on_event is not None:
            with contextlib.suppress(Exception):  # a broken listener must not stop syncing
                self.on_event(WorkerEvent(report, fault, delay))
        return delay, fault

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)

    def _wait_for_network(self, engine: SyncEngine, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stopping.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._wake.wait(min(self.probe_interval, remaining)):
                return
            try:
                engine.client.probe()
            except SyncFault:
                continue
            log.info("central server reachable again")
            return
