"""The agency's side of the centre's casework, on a real encrypted store: pulled returns, complaints and integrity
records land once; a returned registration is corrected only with the person's own card and goes back as
`worker.corrected`; a complaint's answer goes back as its next version."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from terminal.core.errors import InvalidInput, NotSignedIn, PermissionDenied
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import complaints, corrections, queries, registration
from terminal.usecases.central import apply_pulled
from terminal.usecases.corrections import Profile
from tests.builders import TODAY, actor, card_read, open_db, profile


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = open_db(tmp_path / "home", monkeypatch)
    yield database
    database.close()


def _worker(db: Database) -> tuple[int, str, Any]:
    read = card_read()
    worker_id = registration.register_worker(db, actor(Role.CLERK), read, profile(), TODAY)
    return worker_id, str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,))), read


def _pull(db: Database, *changes: tuple[str, dict[str, Any]]) -> None:
    start = int(db.scalar("SELECT count(*) FROM audit_log") or 0) * 1000 + 1
    apply_pulled(db, [{"seq": start + i, "kind": k, "data": d} for i, (k, d) in enumerate(changes)], str(start))


def _outbox(db: Database, entity: str) -> list[dict[str, Any]]:
    rows = db.query("SELECT kind, record_version, payload FROM outbox WHERE entity = ? ORDER BY seq", (entity,))
    return [{"kind": r["kind"], "version": r["record_version"], "payload": json.loads(r["payload"])} for r in rows]


def test_a_returned_registration_is_corrected_with_the_persons_card(db: Database) -> None:
    _, worker_uid, read = _worker(db)
    returned = {"review_uid": "r1", "worker_uid": worker_uid, "version": 1, "reason": "现住址缺门牌号",
                "at": "2026-11-29T01:00:00+00:00"}  # fmt: skip
    _pull(db, ("registration.returned", returned), ("registration.returned", returned))  # a repeated pull
    [item] = corrections.inbox(db)
    assert (item.reason, item.status, corrections.open_count(db)) == ("现住址缺门牌号", "open", 1)
    assert "*" in item.masked_id_number

    with pytest.raises(InvalidInput):  # another person's card
        corrections.resubmit(db, actor(Role.CLERK), "r1", card_read(), Profile("13912345678", "黄浦区1号", ["cleaning"]))
    with pytest.raises(PermissionDenied):
        corrections.resubmit(db, actor(Role.TRAINER), "r1", read, Profile("13912345678", "黄浦区1号", ["cleaning"]))
    with pytest.raises(NotSignedIn):
        corrections.resubmit(db, actor(Role.CLERK, "nobody"), "r1", read, Profile("13912345678", "x", ["cleaning"]))
    assert corrections.open_count(db) == 1 and _outbox(db, "worker")[-1]["kind"] == "worker.registered"

    corrections.resubmit(db, actor(Role.CLERK), "r1", read, Profile("13912345678", "黄浦区南京东路1号", ["cleaning"]))
    sent = _outbox(db, "worker")[-1]
    assert (sent["kind"], sent["version"]) == ("worker.corrected", 2)
    assert sent["payload"]["correction_of"] == "r1" and sent["payload"]["current_address"] == "黄浦区南京东路1号"
    assert not {"identity", "id_number", "card_read"} & set(sent["payload"])  # identity never travels again
    assert corrections.inbox(db)[0].status == "resubmitted"
    with pytest.raises(InvalidInput):  # answered once
        corrections.resubmit(db, actor(Role.CLERK), "r1", read, Profile("13912345678", "x", ["cleaning"]))
    _pull(db, ("registration.accepted", {"review_uid": "r1", "worker_uid": worker_uid, "at": "2026-11-30"}))
    assert corrections.inbox(db)[0].status == "accepted"


def test_a_centre_complaint_is_answered_and_reopened_when_sent_again(db: Database) -> None:
    _worker(db)
    number = db.scalar("SELECT id_number FROM workers")
    sent = {"uid": "k1", "reference": "TS261129-ABCDEF", "summary": "迟到", "id_number": number,
            "received_at": "2026-11-29T01:00:00+00:00", "due_at": "2026-12-06T01:00:00+00:00", "status": "with_agency"}
    about_agency = {"uid": "k2", "reference": "TS261129-GHJKMN", "summary": "乱收费", "received_at": "2026-11-29",
                    "due_at": "2026-12-06T01:00:00+00:00", "status": "with_agency"}  # fmt: skip
    _pull(db, ("complaint", sent), ("complaint", about_agency))
    assert sorted((c.reference, c.worker_name != "") for c in complaints.inbox(db)) == [("TS261129-ABCDEF", True),
                                                                                         ("TS261129-GHJKMN", False)]
    with pytest.raises(InvalidInput):
        complaints.resolve(db, actor(Role.CLERK), "k1", "  ")
    complaints.resolve(db, actor(Role.CLERK), "k1", "已道歉")
    complaints.resolve(db, actor(Role.SUPERVISOR), "k2", "已退还多收费用")
    answers = _outbox(db, "complaint")
    assert [(a["version"], a["payload"]["status"]) for a in answers] == [(2, "resolved"), (2, "resolved")]
    assert complaints.waiting_count(db) == 0
    _pull(db, ("complaint", {**sent, "due_at": "2026-12-13T01:00:00+00:00"}))  # escalated and sent again
    [again] = [c for c in complaints.inbox(db) if c.uid == "k1"]
    assert again.status == "open" and again.reopened
    complaints.resolve(db, actor(Role.CLERK), "k1", "再次回访")
    assert _outbox(db, "complaint")[-1]["version"] == 3


def test_integrity_records_land_on_the_worker_and_the_agency(db: Database) -> None:
    worker_id, _, _ = _worker(db)
    number = db.scalar("SELECT id_number FROM workers")
    item = {"uid": "i1", "subject": "worker", "polarity": "negative", "category": "complaint_upheld",
            "description": "投诉属实", "valid_from": "2026-11-29", "valid_to": "2027-11-29", "id_number": number,
            "recorded_at": "2026-11-29T01:00:00+00:00"}  # fmt: skip
    _pull(db, ("integrity_record", item), ("integrity_record", item),
          ("integrity_record", {**item, "uid": "i2", "subject": "agency", "polarity": "positive", "id_number": None}))
    row = db.query_one("SELECT kind, category, valid_to, source FROM credit_records WHERE worker_id = ?", (worker_id,))
    assert row is not None and tuple(row) == ("negative", "complaint_upheld", "2027-11-29", "centre")
    assert db.scalar("SELECT count(*) FROM agency_integrity_records") == 1
    shown = queries.worker_record(db, actor(Role.CLERK), worker_id).tables["credit_records"]  # the worker page's list
    assert [(r["kind"], r["valid_to"]) for r in shown] == [("negative", "2027-11-29")]
