"""Builders for the centre's side of the casework tests, in-process: agencies, terminals and pushes as terminals
send them (through the real push, centre.sync.ingest)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tests.server.test_protocol import wire
from tests.sync.conftest import test_number

AGENCY_A = "91310000MA1FL0001A"
AGENCY_B = "91310000MA1FL0002B"


def agency(agency_id: str = AGENCY_A, name: str = "甲家政服务有限公司") -> Any:
    from centre.terminals.models import Agency

    return Agency.objects.get_or_create(pk=agency_id, defaults={"name": name, "district": "黄浦区"})[0]


def terminal(agency_id: str = AGENCY_A, number: str = "0001") -> Any:
    from centre.terminals.models import Terminal

    agency(agency_id, f"机构{agency_id[-2:]}")
    return Terminal.objects.create(id=f"T{uuid.uuid4().hex[:12]}", agency_id=agency_id, public_key="k" * 43,
                                   key_id=uuid.uuid4().hex[:16], terminal_number=number,
                                   enrolled_at=dt.datetime.now(dt.UTC))  # fmt: skip


def push(term: Any, *events: dict[str, Any]) -> list[Any]:
    from centre.sync.ingest import BatchIngest
    from wirecontract.protocol import utc_now

    return BatchIngest(term, False, utc_now()).run(list(events))


def register(term: Any, i: int, name: str = "王秀英") -> tuple[str, str]:
    """A worker registered with a card read; returns (worker uid, ID number)."""
    uid, number = uuid.uuid4().hex, test_number(i)
    [verdict] = push(term, wire(uid, 1, {"identity": {"id_number": number, "name": name}, "phone": "13800000000",
                                         "service_types": ["cleaning"]}, kind="worker.registered"))  # fmt: skip
    assert verdict.status.value == "accepted", verdict
    return uid, number


def feed_of(agency_id: str, kind: str) -> list[dict[str, Any]]:
    from centre.sync.models import Decision

    return [d.data for d in Decision.objects.filter(agency_id=agency_id, kind=kind).order_by("seq")]
