"""Push, pull and receipt are served by worker processes of the real centre (centre/bulk_process.py), so a large
push cannot hold the interpreter lock the public page needs; a worker that dies costs one answer (503, retry),
not the centre."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import requests

from centre.bulk_process import DEFAULT_NICENESS
from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.store.db import Database
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer


def centre_process(server: LiveServer) -> psutil.Process:
    [process] = [c for c in psutil.Process().children() if f"--port {server.port}" in " ".join(c.cmdline())]
    return process


def bulk_workers(server: LiveServer) -> list[psutil.Process]:
    return [c for c in centre_process(server).children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]


def push_one(term: Terminal, server: LiveServer) -> str:
    [result] = term.client(server.url).push([wire(uuid.uuid4().hex, 1)])
    return result.status


@pytest.fixture
def in_process_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "in-process.db")
    server.extra_env["CENTRE_BULK_PROCESSES"] = "0"
    yield server.start()
    server.stop()


def test_bulk_routes_run_in_worker_processes(live_server: LiveServer, terminal: Terminal) -> None:
    assert bulk_workers(live_server) == []  # started on the first bulk request, not before
    assert push_one(terminal, live_server) in ("accepted", "rejected")
    client = terminal.client(live_server.url)
    assert client.receipt().count >= 0 and client.pull(None).changes is not None
    workers = bulk_workers(live_server)
    assert 1 <= len(workers) <= 2  # CENTRE_BULK_PROCESSES, default 2
    # They yield the processor to the pages (CENTRE_BULK_NICENESS, by default as far as they may).
    assert {w.nice() for w in workers} == {min(19, centre_process(live_server).nice() + DEFAULT_NICENESS)}
    if live_server.db_url.startswith("postgresql"):  # the private cluster, over its Unix socket
        # Their PostgreSQL sessions yield too (the tests run as root, who may lower the cluster's processes).
        backends = [c for c in psutil.process_iter(["name", "nice"]) if c.info["name"] == "postgres"]
        assert any(b.info["nice"] == DEFAULT_NICENESS for b in backends)


def test_a_centre_serves_only_once_its_workers_are_started(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "warm.db")
    server.extra_env["CENTRE_BULK_LAZY"] = "0"  # as `terminal-server serve` runs in production
    server.start()
    try:
        workers = bulk_workers(server)
        assert len(workers) == 2  # CENTRE_BULK_PROCESSES, default 2: each already has Django and the API loaded
        assert all(w.status() != psutil.STATUS_ZOMBIE for w in workers)
    finally:
        server.stop()


def test_in_process_when_configured_so(in_process_server: LiveServer, store: Database) -> None:
    term = enrol(store, in_process_server)
    assert push_one(term, in_process_server) in ("accepted", "rejected")
    assert bulk_workers(in_process_server) == []


def test_a_dead_worker_costs_one_answer_not_the_centre(live_server: LiveServer, terminal: Terminal) -> None:
    push_one(terminal, live_server)
    for worker in bulk_workers(live_server):
        worker.kill()
        worker.wait(10)
    with pytest.raises(SyncFault) as lost:
        push_one(terminal, live_server)
    assert lost.value.kind is SyncErrorKind.SERVER_ERROR and lost.value.retry_after == 1.0
    assert requests.get(f"{live_server.url}/healthz", timeout=10).json()["ok"] is True
    assert push_one(terminal, live_server) in ("accepted", "rejected")  # new workers
    assert bulk_workers(live_server)


def test_workers_leave_when_the_centre_is_killed(live_server: LiveServer, terminal: Terminal) -> None:
    push_one(terminal, live_server)
    workers = bulk_workers(live_server)
    assert workers
    centre_process(live_server).kill()  # no clean shutdown: the workers must notice on their own
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []
