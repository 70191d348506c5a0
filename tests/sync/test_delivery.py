"""Every delivery failure ends with the server holding exactly the terminal's events, once each."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from terminal.sync.ports import wire_event
from tests.sync.conftest import Terminal, assert_exactly_once, enrol, queue_workers
from tests.sync.faultproxy import FaultProxy
from tests.sync.liveserver import LiveServer, free_port
from wirecontract.protocol import EventStatus


def drain(term: Terminal, url: str, attempts: int = 10) -> list[SyncErrorKind]:
    """Sync until a round succeeds; returns the kinds of the failures on the way."""
    kinds: list[SyncErrorKind] = []
    engine = term.engine(url, timeout=1.0)
    for _ in range(attempts):
        try:
            engine.sync_once()
            return kinds
        except SyncFault as fault:
            kinds.append(fault.kind)
    raise AssertionError(f"never synced: {kinds}")


def test_clean_push_and_receipt(live_server: LiveServer, terminal: Terminal) -> None:
    queued = queue_workers(terminal.db, 60)
    report = terminal.engine(live_server.url).sync_once()
    assert (report.accepted, report.duplicate, report.rejected) == (120, 0, 0)
    assert report.batches == 3
    assert_exactly_once(live_server, terminal, queued)


def test_server_down_then_up(tmp_path: Path, store: Database) -> None:
    port = free_port()
    server = LiveServer(tmp_path / "c.db", port=port).start()
    term = enrol(store, server)
    server.stop()
    queued = queue_workers(store, 5)
    with pytest.raises(SyncFault) as info:
        term.engine(server.url).sync_once()
    assert info.value.kind is SyncErrorKind.OFFLINE
    assert OutboxRepo(store).counts()["sent"] == 10
    restarted = LiveServer(tmp_path / "c.db", port=port)
    restarted.extra_env["CENTRE_BULK_LAZY"] = "0"  # the drain times out after 1 s: workers start with the centre
    restarted.start()
    try:
        assert drain(term, restarted.url) == []
        assert_exactly_once(restarted, term, queued)
    finally:
        restarted.stop()


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("500", SyncErrorKind.SERVER_ERROR),
        ("503", SyncErrorKind.SERVER_ERROR),
        ("429", SyncErrorKind.RATE_LIMITED),
        ("reset_before", SyncErrorKind.OFFLINE),
        ("reset_after", SyncErrorKind.OFFLINE),
        ("slow_after", SyncErrorKind.TIMEOUT),
    ],
)
def test_fault_mid_batch(proxy: FaultProxy, live_server: LiveServer, terminal: Terminal, fault: str,
                         kind: SyncErrorKind) -> None:  # fmt: skip
    queued = queue_workers(terminal.db, 60)
    proxy.inject("pass", fault)  # the first batch arrives, the second one meets the fault
    assert drain(terminal, proxy.url) == [kind]
    reconciliation = assert_exactly_once(live_server, terminal, queued)
    assert reconciliation.local.count == 120


def test_retry_after_is_carried(proxy: FaultProxy, terminal: Terminal) -> None:
    queue_workers(terminal.db, 1)
    proxy.inject("429")
    with pytest.raises(SyncFault) as info:
        terminal.engine(proxy.url).sync_once()
    assert info.value.retry_after == 1.0


def test_replayed_request_is_refused_and_counts_once(
    proxy: FaultProxy, live_server: LiveServer, terminal: Terminal
) -> None:
    queued = queue_workers(terminal.db, 10)
    proxy.inject("twice")
    report = terminal.engine(proxy.url).sync_once()
    assert report.accepted == 20
    assert proxy.replayed_statuses == [401]  # the byte-identical copy reuses the nonce
    assert_exactly_once(live_server, terminal, queued)


def test_same_events_pushed_again_are_duplicates(live_server: LiveServer, terminal: Terminal) -> None:
    queued = queue_workers(terminal.db, 5)
    engine = terminal.engine(live_server.url)
    engine.sync_once()
    repo = OutboxRepo(terminal.db)
    uids = [row[0] for row in terminal.db.query("SELECT DISTINCT entity_uid FROM outbox")]
    again = engine.client.push([wire_event(e) for uid in uids for e in repo.by_entity(uid)])
    assert len(again) == 10
    assert {r.status for r in again} == {EventStatus.DUPLICATE}
    assert_exactly_once(live_server, terminal, queued)


def test_answer_lost_then_resent_is_duplicate(proxy: FaultProxy, live_server: LiveServer, terminal: Terminal) -> None:
    queued = queue_workers(terminal.db, 10)
    proxy.inject("reset_after")
    assert drain(terminal, proxy.url) == [SyncErrorKind.OFFLINE]
    assert OutboxRepo(terminal.db).counts()["duplicate"] == 20
    assert_exactly_once(live_server, terminal, queued)
