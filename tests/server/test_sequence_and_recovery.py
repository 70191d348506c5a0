"""The centre keeps one event per outbox number and terminal (`seq_reused`), and gives a terminal back its own
accepted events (`GET /v1/events/mine`), signed, and only its own. Against a real centre process."""

from __future__ import annotations

import uuid

import pytest

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.store.db import Database
from terminal.sync.client import SyncClient
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer
from wirecontract.protocol import EventStatus, RejectCode


def numbered(seq: int, **kwargs: object) -> dict[str, object]:
    event = wire(uuid.uuid4().hex, 1, **kwargs)  # type: ignore[arg-type]
    event["seq"] = seq
    return event


def test_a_different_event_under_a_used_number_is_refused(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    first, second = numbered(1), numbered(2)
    assert [r.status for r in client.push([first, second])] == [EventStatus.ACCEPTED] * 2
    impostor = numbered(2)  # what a rolled-back terminal would send next
    [refused] = client.push([impostor])
    assert (refused.status, refused.code) == (EventStatus.REJECTED, RejectCode.SEQ_REUSED.value)
    assert refused.reason is not None and "rolled back" in refused.reason
    # The event that holds the number is still a plain duplicate; a refused one answers the same again.
    [again, refused_again] = client.push([second, impostor])
    assert again.status is EventStatus.DUPLICATE and refused_again.code == RejectCode.SEQ_REUSED.value
    # Within one batch too: the first event to use a number keeps it.
    a, b = numbered(7), numbered(7)
    assert [(r.status, r.code) for r in client.push([a, b])] == [
        (EventStatus.ACCEPTED, None), (EventStatus.REJECTED, RejectCode.SEQ_REUSED.value)]  # fmt: skip
    assert client.receipt().count == 3


def test_a_terminal_gets_back_only_its_own_accepted_events_in_pages(
    live_server: LiveServer, terminal: Terminal, tmp_path: object, store: Database
) -> None:
    client = terminal.client(live_server.url)
    events = [numbered(seq) for seq in range(1, 8)]
    events.append(numbered(8, entity=""))  # refused invalid_payload: not an accepted event
    results = client.push(events)
    assert [r.status for r in results].count(EventStatus.ACCEPTED) == 7

    everything = client.my_events(0)
    assert [e.event_id for e in everything.events] == [e["event_id"] for e in events[:7]]
    assert not everything.more
    held = everything.events[2]
    sent = events[2]
    assert (held.seq, held.entity, held.entity_uid, held.record_version, held.kind, held.payload, held.simulated,
            held.created_at) == (sent["seq"], sent["entity"], sent["entity_uid"], sent["record_version"], sent["kind"],
                                 sent["payload"], sent["simulated"], sent["created_at"])  # fmt: skip
    page = client.my_events(2, limit=3)
    assert [e.seq for e in page.events] == [3, 4, 5] and page.more
    assert [e.seq for e in client.my_events(5, limit=3).events] == [6, 7]
    assert client.my_events(7).events == []

    # Another terminal of the same agency sees none of them.
    other_db = Database.open(tmp_path / "other.db", b"\x01" * 32)  # type: ignore[operator]
    try:
        from terminal.store.migrate import migrate

        migrate(other_db)
        other = enrol(other_db, live_server)
        assert other.client(live_server.url).my_events(0).events == []
    finally:
        other_db.close()


def test_recovery_needs_the_terminals_signature(live_server: LiveServer, terminal: Terminal) -> None:
    with pytest.raises(SyncFault) as info:
        SyncClient(live_server.url, terminal.key).my_events(0)
    assert info.value.kind is SyncErrorKind.AUTH
