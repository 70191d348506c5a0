"""The worker never dies silently: every expected error is a failed round with back-off and a reason; a bug
ends the thread loudly (on_bug, a final `stopped` event) and `start()` brings it back.

A real SyncEngine and SyncClient run against a scripted in-process centre (no sockets), and the store is a
small in-memory outbox whose faults the test switches on and off, as a full disk or a locked database would.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from bench import fuzz
from terminal.core.errors import DatabaseBusy, DatabaseLocked, DiskFull, SyncErrorKind, SyncFault, TerminalError
from terminal.sync.engine import SyncEngine
from terminal.sync.transport import HttpResponse
from terminal.sync.worker import Backoff, SyncWorker, WorkerEvent
from wirecontract import protocol as p

WAIT = 10.0


@dataclass(frozen=True)
class Event:
    seq: int
    event_id: str
    entity: str = "worker"
    entity_uid: str = "u"
    record_version: int = 1
    kind: str = "worker.registered"
    payload: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] | None = None
    simulated: bool = True
    created_at: str = "2026-11-29T00:00:00+00:00"


class FlakyStore:
    """Outbox and sync state in memory; `fault` (when set) is raised by every call, like a full disk."""

    def __init__(self, count: int) -> None:
        self.queued = [Event(n, f"e{n}") for n in range(1, count + 1)]
        self.delivered: list[str] = []
        self.values: dict[str, str | None] = {}
        self.fault: BaseException | None = None

    def _check(self) -> None:
        if self.fault is not None:
            raise self.fault

    def pending(self, limit: int = 500, after_seq: int = 0) -> Sequence[Event]:
        self._check()
        return [e for e in self.queued if e.seq > after_seq][:limit]

    def mark_attempt(self, event_ids: Sequence[str]) -> None:
        self._check()

    def record_results(self, results: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        self._check()
        done = {r[0] for r in results}
        self.delivered += [e.event_id for e in self.queued if e.event_id in done]
        self.queued = [e for e in self.queued if e.event_id not in done]

    def delivered_event_ids(self) -> list[str]:
        return list(self.delivered)

    def counts(self) -> dict[str, int]:
        return {"queued": len(self.queued)}

    def get(self, key: str) -> str | None:
        self._check()
        return self.values.get(key)

    def set(self, key: str, value: str | None) -> None:
        self._check()
        self.values[key] = value


class ScriptedCentre:
    """Accepts every pushed event, has nothing to pull; `override` (when set) answers every request. Answers
    are signed with the centre key the client pins (bench/fuzz.py's SigningCentre)."""

    def __init__(self) -> None:
        self.override: HttpResponse | None = None
        self.requests = 0

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> HttpResponse:
        self.requests += 1
        signer = fuzz.SigningCentre(self._answer(method, url, body))
        return signer.send(method, url, headers, body, timeout)

    def _answer(self, method: str, url: str, body: bytes) -> HttpResponse:
        if self.override is not None:
            return self.override
        if url.endswith(p.PUSH_PATH):
            events = json.loads(body)["events"]
            answer: dict[str, Any] = {"results": [{"event_id": e["event_id"], "status": "accepted"} for e in events]}
        elif p.PULL_PATH in url:
            answer = {"changes": [], "cursor": "c1", "more": False}
        else:
            answer = {"server_time": p.iso(p.utc_now())}
        return HttpResponse(200, {}, json.dumps(answer).encode())


class Recorder:
    """Collects worker events and lets the test wait for one that matches (no fixed sleeps)."""

    def __init__(self) -> None:
        self.events: list[WorkerEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: WorkerEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[WorkerEvent], bool], after: int = 0) -> WorkerEvent:
        with self._changed:
            found: list[WorkerEvent] = []

            def seen() -> bool:
                found[:] = [e for e in self.events[after:] if condition(e)]
                return bool(found)

            assert self._changed.wait_for(seen, WAIT), f"no matching event in {self.events[after:]}"
            return found[0]


def make_worker(store: FlakyStore, centre: ScriptedCentre, recorder: Recorder, **kwargs: Any) -> SyncWorker:
    # The client only needs a transport: ScriptedCentre signs its answers through SigningCentre itself.
    client = fuzz.new_client("push", centre)  # enrolled, with the signing centre's key pinned
    engine = SyncEngine(store, store, client, lambda changes, cursor: None, batch_size=10)
    # Tiny back-off and probe interval: the test waits on events, and these only bound how soon they come.
    return SyncWorker(lambda: contextlib.nullcontext(engine), interval=60.0, probe_interval=0.01,
                      backoff=Backoff(base=0.01, cap=0.05), on_event=recorder, rng=random.Random(7),
                      **kwargs)  # fmt: skip


@pytest.fixture
def stopper() -> Iterator[list[SyncWorker]]:
    workers: list[SyncWorker] = []
    yield workers
    for worker in workers:
        worker.stop()


@pytest.mark.parametrize(
    "fault",
    [DiskFull(), DatabaseLocked(), DatabaseBusy(seconds="60")],
    ids=["disk_full", "database_locked", "database_thread_timeout"],
)
def test_store_faults_back_off_and_the_queue_drains_once_they_clear(
    fault: TerminalError, stopper: list[SyncWorker]
) -> None:
    store, centre, recorder = FlakyStore(25), ScriptedCentre(), Recorder()
    store.fault = fault
    worker = make_worker(store, centre, recorder)
    stopper.append(worker)
    worker.start()
    failed = recorder.wait_for(lambda e: e.fault is not None)
    assert type(failed.fault) is type(fault)
    assert failed.report is None and not failed.stopped and failed.next_attempt_in <= 0.05
    seen = len(recorder.events)
    recorder.wait_for(lambda e: e.fault is not None, after=seen)  # it tried again: still alive
    assert worker.running
    store.fault = None
    recorder.wait_for(lambda e: e.report is not None)
    assert not store.queued and len(store.delivered) == 25
    assert worker.last_event is not None and worker.last_event.fault is None


def test_an_empty_probe_answer_does_not_end_the_worker(stopper: list[SyncWorker]) -> None:
    """`200 {}` to the time probe used to raise KeyError('server_time') on the worker thread."""
    store, centre, recorder = FlakyStore(3), ScriptedCentre(), Recorder()
    centre.override = HttpResponse(200, {}, b"{}")
    offline = SyncFault(SyncErrorKind.OFFLINE, "test")

    # The first round fails as offline, so the worker probes; the probe gets `{}`.
    class OfflineOnce:
        def __init__(self) -> None:
            self.raised = False

        def __call__(self) -> None:
            if not self.raised:
                self.raised = True
                raise offline

    gate = OfflineOnce()
    original = store.pending

    def pending(limit: int = 500, after_seq: int = 0) -> Sequence[Event]:
        gate()
        return original(limit, after_seq)

    store.pending = pending  # type: ignore[method-assign]
    worker = make_worker(store, centre, recorder)
    stopper.append(worker)
    worker.start()
    recorder.wait_for(lambda e: e.fault is offline)
    recorder.wait_for(lambda e: isinstance(e.fault, SyncFault) and e.fault.kind is SyncErrorKind.PROTOCOL)
    assert worker.running
    centre.override = None
    recorder.wait_for(lambda e: e.report is not None)
    assert not store.queued


@pytest.mark.expected_logs("sync worker stopped by an unexpected KeyError")
def test_a_bug_stops_the_worker_loudly_and_start_brings_it_back(stopper: list[SyncWorker]) -> None:
    store, centre, recorder = FlakyStore(4), ScriptedCentre(), Recorder()
    store.fault = KeyError("a bug")
    bugs: list[BaseException] = []
    reported = threading.Event()

    def on_bug(bug: BaseException) -> None:
        bugs.append(bug)
        reported.set()

    worker = make_worker(store, centre, recorder, on_bug=on_bug)
    stopper.append(worker)
    worker.start()
    stopped = recorder.wait_for(lambda e: e.stopped)
    assert reported.wait(WAIT)
    assert isinstance(bugs[0], KeyError) and not isinstance(bugs[0], TerminalError)
    assert stopped.fault is None and worker.stopped_by_bug
    worker.stop()  # joins the finished thread
    assert not worker.running
    store.fault = None
    seen = len(recorder.events)
    worker.start()
    recorder.wait_for(lambda e: e.report is not None, after=seen)
    assert not worker.stopped_by_bug and not store.queued


@pytest.mark.expected_logs("sync listener failed with ValueError")
def test_a_failing_listener_is_logged_and_sync_goes_on(
    stopper: list[SyncWorker], caplog: pytest.LogCaptureFixture
) -> None:
    store, centre = FlakyStore(30), ScriptedCentre()
    done = threading.Event()
    calls: list[WorkerEvent] = []

    def listener(event: WorkerEvent) -> None:
        calls.append(event)
        if len(calls) == 1:
            raise ValueError("listener bug")
        done.set()

    store.fault = DiskFull()
    worker = make_worker(store, centre, Recorder())
    worker.on_event = listener
    stopper.append(worker)
    with caplog.at_level(logging.ERROR, logger="terminal.sync.worker"):
        worker.start()
        assert done.wait(WAIT)
    assert worker.running
    assert any("sync listener failed with ValueError" in r.getMessage() for r in caplog.records)
    assert all("listener bug" not in r.getMessage() for r in caplog.records)  # no exception text in logs


def test_retry_after_is_honoured_within_reason(stopper: list[SyncWorker]) -> None:
    store, centre, recorder = FlakyStore(1), ScriptedCentre(), Recorder()
    centre.override = HttpResponse(429, {"retry-after": "9" * 400}, b"")
    worker = make_worker(store, centre, recorder)
    stopper.append(worker)
    worker.start()
    limited = recorder.wait_for(lambda e: e.fault is not None)
    assert limited.next_attempt_in == 3600.0
    worker.stop()
    assert not worker.running
