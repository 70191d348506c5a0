"""The reference server's protocol rules, exercised over loopback HTTP with the terminal's own client."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

import pytest

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.store.db import Database
from terminal.sync import errors
from terminal.sync.client import SyncClient
from tests.sync.conftest import AGENCY_ID, Terminal, enrol, registration
from tests.sync.liveserver import LiveServer
from wirecontract.protocol import EventStatus, RejectCode, utc_now
from wirecontract.signing import TerminalKey

# A terminal numbers its events 1, 2, 3, … and the centre refuses a second event under a number (`seq_reused`):
# numbered across the test process, every event a test builds has a number of its own, whichever terminal sends it.
_seqs = itertools.count(1)


def wire(entity_uid: str, version: int, payload: dict[str, Any] | None = None, simulated: bool = False,
         entity: str | None = None, event_id: str | None = None, kind: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A wire event; one that carries an identity comes with the card read and its provenance, as the terminal
    sends them. Without an entity: a worker's when the kind or an identity says so, else a service contract's
    (a record like any other: a worker is registered only with a card read)."""
    if entity is None:
        is_worker = (kind or "").startswith("worker.") or bool(payload and "identity" in payload)
        entity = "worker" if is_worker else "service_contract"
    provenance = None
    if payload and "identity" in payload and "card_read" not in payload:
        identity = payload["identity"]
        read, provenance = registration(str(identity.get("name") or "测试"), str(identity["id_number"]), simulated)
        payload = {**payload, "card_read": read["card_read"],
                   "identity": {**identity, "name": str(identity.get("name") or "测试")}}  # fmt: skip
    return {"event_id": event_id or uuid.uuid4().hex, "seq": next(_seqs), "entity": entity, "entity_uid": entity_uid,
            "record_version": version, "kind": kind or f"{entity}.changed", "payload": payload or {},
            "provenance": provenance, "simulated": simulated, "created_at": utc_now().isoformat()}  # fmt: skip


def client_of(server: LiveServer, term: Terminal, **kwargs: Any) -> SyncClient:
    return term.client(server.url, **kwargs)


def test_enrolment_errors_are_distinct(live_server: LiveServer) -> None:
    key = TerminalKey.generate()
    client = SyncClient(live_server.url, key)
    with pytest.raises(errors.UnknownEnrolmentCode):
        client.enrol("AAAA-BBBB-CCCC", AGENCY_ID, "机构", "t")
    code = live_server.enrolment_code()
    client.enrol(code.lower().replace("-", " "), AGENCY_ID, "机构", "t")  # typed loosely: still the code
    with pytest.raises(errors.EnrolmentCodeUsed):
        SyncClient(live_server.url, TerminalKey.generate()).enrol(code, AGENCY_ID, "机构", "t")


def test_enrolment_with_a_key_that_cannot_sign_is_refused(live_server: LiveServer) -> None:
    class MismatchedKey(TerminalKey):
        @property
        def public_raw(self) -> bytes:  # announces one key but signs with another
            return TerminalKey.generate().public_raw

    client = SyncClient(live_server.url, MismatchedKey(TerminalKey.generate().private_raw))
    with pytest.raises(errors.EnrolmentKeyRefused) as info:
        client.enrol(live_server.enrolment_code(), AGENCY_ID, "机构", "t")
    assert info.value.kind is SyncErrorKind.REJECTED


def test_unsigned_or_wrongly_signed_requests_are_refused(live_server: LiveServer, terminal: Terminal) -> None:
    with pytest.raises(errors.NotEnrolled):
        SyncClient(live_server.url, terminal.key).receipt()
    with pytest.raises(errors.NotEnrolled):
        SyncClient(live_server.url, terminal.key, "T0000000000000000", centre_key=terminal.centre_key).receipt()
    impostor = SyncClient(live_server.url, TerminalKey.generate(), terminal.terminal_id, centre_key=terminal.centre_key)
    with pytest.raises(SyncFault) as info:
        impostor.receipt()
    assert (info.value.kind, info.value.detail) == (SyncErrorKind.AUTH, "bad_signature")


def test_wrong_local_clock_is_corrected_and_measured(live_server: LiveServer, terminal: Terminal) -> None:
    two_hours_slow = lambda: utc_now() - dt.timedelta(hours=2)  # noqa: E731
    client = client_of(live_server, terminal, clock=two_hours_slow)
    assert client.receipt().count == 0
    assert client.clock_offset is not None and abs(client.clock_offset - 7200) < 5


def test_verdicts_per_event_and_one_rejection_blocks_nothing(live_server: LiveServer, terminal: Terminal) -> None:
    client = client_of(live_server, terminal)
    a, b, c = (uuid.uuid4().hex for _ in range(3))
    conflicting = wire(c, 1, {"x": 1})
    first = client.push([wire(a, 1), wire(b, 0), wire(a, 1), conflicting, wire(a, 3), wire(c, 2)])
    assert [(r.status, r.code) for r in first] == [
        (EventStatus.ACCEPTED, None),
        (EventStatus.REJECTED, RejectCode.INVALID_PAYLOAD),
        (EventStatus.REJECTED, RejectCode.STALE_VERSION),  # another event claiming version 1
        (EventStatus.ACCEPTED, None),
        (EventStatus.ACCEPTED, None),  # version 3 arrives before 2: parked
        (EventStatus.ACCEPTED, None),
    ]
    changed = {**conflicting, "payload": {"x": 2}}
    again = client.push([changed, conflicting, wire(a, 2)])
    assert [(r.status, r.code) for r in again] == [
        (EventStatus.REJECTED, RejectCode.CONFLICT),
        (EventStatus.DUPLICATE, None),
        (EventStatus.ACCEPTED, None),  # fills the gap: the parked version 3 is applied too
    ]
    assert live_server.record_version("service_contract", a) == 3


def test_simulated_identity_rejected_by_production(live_server: LiveServer, terminal: Terminal) -> None:
    client = client_of(live_server, terminal)
    [result] = client.push([wire(uuid.uuid4().hex, 1, {"identity": {"id_number": "x"}}, simulated=True)])
    assert (result.status, result.code) == (EventStatus.REJECTED, RejectCode.SIMULATED_IDENTITY)


def test_identity_registered_by_another_agency(live_server: LiveServer, terminal: Terminal, store: Database) -> None:
    person = {"identity": {"id_number": "310101199001011234"}}
    assert client_of(live_server, terminal).push([wire(uuid.uuid4().hex, 1, person)])[0].status == "accepted"
    other_key = TerminalKey.generate()
    other = SyncClient(live_server.url, other_key)
    other.enrol(live_server.enrolment_code("91310000MA1FL9999Y", "另一家机构"), "91310000MA1FL9999Y", "另一家机构", "t")
    [result] = other.push([wire(uuid.uuid4().hex, 1, person)])
    assert (result.status, result.code) == (EventStatus.REJECTED, RejectCode.IDENTITY_REGISTERED_ELSEWHERE)
    # the same agency's second terminal may register the person's later records
    same_agency = enrol(store, live_server)
    assert client_of(live_server, same_agency).push([wire(uuid.uuid4().hex, 1, person)])[0].status == "accepted"
