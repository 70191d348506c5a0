"""Background sync: a plain thread (no Qt) that pushes whenever the centre is reachable.

After a failure it backs off exponentially with full jitter, or exactly as long as Retry-After says.
While waiting after a network failure it probes the centre cheaply every few seconds, so it notices
the network coming back without waiting out a long back-off. `nudge()` asks for a round now (a new
event was queued, or the user pressed "sync now"); `stop()` ends the thread promptly.

Every expected error (any `TerminalError`: the network, the centre, but also a full disk, a locked
database or a database thread that did not answer in time) is a failed round: the worker backs off and
tries again, and `last_event` says why it is waiting. Only a bug ends the thread: it is handed to
`on_bug` (the app's crash report), and the final event says sync has stopped until `start()` is called
again.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from terminal.core.errors import SyncErrorKind, SyncFault, TerminalError
from terminal.sync.engine import SyncEngine, SyncReport
from terminal.sync.errors import SyncStopped

log = logging.getLogger("terminal.sync.worker")

_NETWORK_KINDS = frozenset({SyncErrorKind.OFFLINE, SyncErrorKind.TIMEOUT})
MAX_RETRY_AFTER = 3600.0


@dataclass(frozen=True)
class WorkerEvent:
    """Handed to `on_event` after each round (from the worker thread: a UI must hop to its own thread)."""

    report: SyncReport | None
    fault: TerminalError | None  # why the last round failed (None after a successful round)
    next_attempt_in: float
    stopped: bool = False  # a bug ended the worker: nothing syncs until it is started again


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
        on_bug: Callable[[BaseException], None] | None = None,
    ) -> None:
        """`open_engine` is entered inside the worker thread, so its database connection belongs to it.
        `on_event` and `on_bug` are called on the worker thread."""
        self._open_engine = open_engine
        self.interval = interval
        self.probe_interval = probe_interval
        self.backoff = backoff or Backoff()
        self.on_event = on_event
        self.on_bug = on_bug
        self.last_event: WorkerEvent | None = None
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        # Held while a listener is called: stop() takes it once, so no listener runs after stop() returns
        # (the app then deletes the objects the listeners emit into).
        self._listening = threading.Lock()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.rounds = 0

    def start(self) -> None:
        """Start the thread, or start it again after a bug stopped it."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self.failures = 0
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the thread; whether it ended within `timeout`. A thread still in a round then (a demo centre
        slow to start) ends at its next step without calling a listener again: every database call it makes
        after the app closed its database thread fails with DatabaseClosed, an expected end."""
        self._stopping.set()
        self._wake.set()
        with self._listening:  # a listener already running finishes; none starts after this
            pass
        ended = True
        if self._thread is not None:
            self._thread.join(timeout)
            ended = not self._thread.is_alive()
            self._thread = None
        return ended

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def stopped_by_bug(self) -> bool:
        return self.last_event is not None and self.last_event.stopped

    def _run(self) -> None:
        try:
            self._serve()
        except Exception as bug:  # a bug, not the world: say so, and hand it to the crash report
            # The type only: a message may quote personal data.
            log.critical("sync worker stopped by an unexpected %s at %s", type(bug).__qualname__, _where(bug))
            self._emit(WorkerEvent(None, None, 0.0, stopped=True))
            with self._listening:
                if self.on_bug is not None and not self._stopping.is_set():  # no crash dialog on a closing app
                    self.on_bug(bug)

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                with self._open_engine() as engine:
                    while not self._stopping.is_set():
                        delay, fault = self._round(engine)
                        if isinstance(fault, SyncFault) and fault.kind in _NETWORK_KINDS:
                            self._wait_for_network(engine, delay)
                        else:
                            self._sleep(delay)
                return
            except TerminalError as fault:  # the engine could not be opened (or closed): retry like a round
                if self._stopping.is_set():  # the app closed under the round (DatabaseClosed): nothing to retry
                    log.info("sync worker ended as the app closed (%s)", _reason_code(fault))
                    return
                self._sleep(self._failed(fault))

    def _round(self, engine: SyncEngine) -> tuple[float, TerminalError | None]:
        self._wake.clear()
        try:
            report = engine.sync_once()
        except TerminalError as err:
            return self._failed(err), err
        self.failures = 0
        self.rounds += 1
        self._emit(WorkerEvent(report, None, self.interval))
        return self.interval, None

    def _failed(self, fault: TerminalError) -> float:
        self.failures += 1
        self.rounds += 1
        delay = self.backoff.delay(self.failures, self._rng)
        if isinstance(fault, SyncFault) and fault.retry_after is not None:
            # Honour the centre's Retry-After, within reason: a header of days (or 10**400) would stall the
            # terminal, and Event.wait() overflows on huge values.
            delay = min(fault.retry_after, MAX_RETRY_AFTER)
        # The code only: a fault's message may carry details that do not belong in a log.
        log.info("sync failed (%s), next attempt in %.1f s", _reason_code(fault), delay)
        self._emit(WorkerEvent(None, fault, delay))
        return delay

    def _emit(self, event: WorkerEvent) -> None:
        self.last_event = event
        if self.on_event is None:
            return
        with self._listening:
            if self._stopping.is_set():  # nobody listens any more: the app is closing
                return
            try:
                self.on_event(event)
            except Exception as bug:  # a broken listener must not stop syncing, but it is a bug to be seen
                log.error("sync listener failed with %s at %s", type(bug).__qualname__, _where(bug))

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
            except TerminalError:
                continue
            log.info("central server reachable again")
            return


def _reason_code(fault: TerminalError) -> str:
    return fault.kind.value if isinstance(fault, SyncFault) else fault.code


def _where(error: BaseException) -> str:
    """File, line and function where `error` was raised, without its message (which may hold personal data)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def describe(event: WorkerEvent, lang: str) -> str | None:
    """What a screen says about the worker's latest event in `lang` ('zh' or 'en'); None when the last round
    succeeded (the screen then shows the stored state)."""
    if event.stopped:
        return SyncStopped().message(lang)
    if event.fault is None:
        return None
    seconds = f"{event.next_attempt_in:.0f}"
    retry = f"（{seconds} 秒后自动重试）" if lang.startswith("zh") else f" (retrying automatically in {seconds} s)"
    return event.fault.message(lang) + retry
