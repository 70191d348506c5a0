"""The background worker: drains when online, notices the network coming back, honours Retry-After."""

from __future__ import annotations

import contextlib
import random
import time
from pathlib import Path

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from terminal.sync.worker import Backoff, SyncWorker, WorkerEvent
from tests.sync.conftest import Terminal, assert_exactly_once, enrol, queue_workers
from tests.sync.faultproxy import FaultProxy
from tests.sync.liveserver import LiveServer, free_port


def wait_until(condition: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def start_worker(term: Terminal, url: str, events: list[WorkerEvent], **kwargs: object) -> SyncWorker:
    engine = term.engine(url, timeout=1.0)
    worker = SyncWorker(lambda: contextlib.nullcontext(engine), on_event=events.append, **kwargs)  # type: ignore[arg-type]
    worker.start()
    return worker


def test_backoff_is_jittered_and_capped() -> None:
    backoff = Backoff(base=2.0, cap=30.0)
    rng = random.Random(1)
    delays = [backoff.delay(n, rng) for n in range(1, 12) for _ in range(20)]
    assert all(0.0 <= d <= 30.0 for d in delays)
    assert len({round(d, 3) for d in delays}) > 100  # spread out, not lockstep
    assert max(backoff.delay(1, rng) for _ in range(50)) <= 2.0


def test_worker_drains_then_waits_for_a_nudge(live_server: LiveServer, terminal: Terminal) -> None:
    events: list[WorkerEvent] = []
    queued = queue_workers(terminal.db, 20)
    worker = start_worker(terminal, live_server.url, events, interval=60.0)
    try:
        wait_until(lambda: not OutboxRepo(terminal.db).pending())
        # The round ends with its pull; only then is the connection free for this thread (the app's database
        # thread serialises this; here the test shares the connection, so it waits for the round's event).
        wait_until(lambda: len(events) >= 1)
        more = queue_workers(terminal.db, 3, start=100)
        worker.nudge()
        wait_until(lambda: len(events) >= 2)
    finally:
        worker.stop()
    assert not worker.running
    assert all(e.fault is None for e in events)
    assert_exactly_once(live_server, terminal, queued + more)


def test_worker_notices_the_network_coming_back(tmp_path: Path, store: Database) -> None:
    port = free_port()
    server = LiveServer(tmp_path / "c.db", port=port).start()
    term = enrol(store, server)
    server.stop()
    queued = queue_workers(store, 10)
    events: list[WorkerEvent] = []
    # a long back-off: only the probe can explain a quick recovery
    worker = start_worker(term, server.url, events, backoff=Backoff(base=600, cap=600), probe_interval=0.1,
                          rng=random.Random(7))  # fmt: skip
    try:
        wait_until(lambda: any(e.fault is not None for e in events))
        assert isinstance(events[0].fault, SyncFault) and events[0].fault.kind is SyncErrorKind.OFFLINE
        restarted = LiveServer(tmp_path / "c.db", port=port).start()
        try:
            wait_until(lambda: not OutboxRepo(store).pending(), seconds=5)
            assert_exactly_once(restarted, term, queued)
        finally:
            worker.stop()
            restarted.stop()
    finally:
        worker.stop()


def test_worker_honours_retry_after(proxy: FaultProxy, live_server: LiveServer, terminal: Terminal) -> None:
    queued = queue_workers(terminal.db, 5)
    proxy.inject("429")
    events: list[WorkerEvent] = []
    worker = start_worker(terminal, proxy.url, events, backoff=Backoff(base=600, cap=600))
    try:
        wait_until(lambda: not OutboxRepo(terminal.db).pending(), seconds=5)
    finally:
        worker.stop()
    first = events[0]
    assert isinstance(first.fault, SyncFault) and first.fault.kind is SyncErrorKind.RATE_LIMITED
    assert first.next_attempt_in == 1.0
    assert_exactly_once(live_server, terminal, queued)
