"""A small town pushed through the real push (centre.sync.ingest) and the centre's own use cases, for the fact
tables' reconciliation: two agencies in two districts, workers with every kind of record, a transfer, centre
complaints and integrity records, a consumer's evaluation."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, push, register, terminal
from tests.server.test_protocol import wire

CONTRACTS = (  # (service type, district, start)
    ("cleaning", "浦东", "2025-01-20"), ("cleaning", "浦东新区", "2025-01-27"), ("elderly", "黄浦区", "2025-02-03"),
    ("infant", "徐汇", "2025-07-01"), ("infant", "徐汇区", "2025-07-14"), ("maternity", "", "2025-12-01"),
)  # fmt: skip


def _ok(verdicts: list[Any]) -> None:
    assert all(v.status.value == "accepted" for v in verdicts), verdicts


def build_town(users: dict[str, Any]) -> dict[str, Any]:
    from centre.complaints import actions as complaints
    from centre.evaluations.models import Evaluation
    from centre.integrity import actions as integrity
    from centre.terminals.models import Agency

    ta, tb = terminal(AGENCY_A, "0001"), terminal(AGENCY_B, "0002")
    Agency.objects.filter(pk=AGENCY_B).update(district="徐汇区")
    workers = [register(ta, i) for i in range(1, 4)] + [register(tb, 10)]
    (w1, n1), (w2, _), (w3, n3), (w4, _) = workers
    for i, (kind, district, start) in enumerate(CONTRACTS):
        worker = w4 if kind == "infant" else w1 if i % 2 else w2
        term = tb if worker == w4 else ta
        _ok(push(term, wire(uuid.uuid4().hex, 1, {"worker_uid": worker, "signed_on": start, "service_type": kind,
                                                   "period_from": start, "period_to": "2026-01-31",
                                                   "district": district}, entity="contract", kind="contract.signed")))  # fmt: skip
    attendance = uuid.uuid4().hex
    _ok(push(ta, wire(uuid.uuid4().hex, 1, {"worker_uid": w1, "checked_on": "2025-03-01", "expires_on": "2026-03-01",
                                            "passed": True}, entity="health_check", kind="health_check.recorded"),
             wire(uuid.uuid4().hex, 1, {"worker_uid": w1, "starts_on": "2025-03-01", "expires_on": "2026-02-28"},
                  entity="insurance", kind="insurance.recorded"),
             wire(attendance, 1, {"worker_uid": w1, "session": "s1", "at": "2025-03-02T01:00:00+00:00"},
                  entity="training", kind="training.tap_in"),
             wire(attendance, 2, {"worker_uid": w1, "session": "s1", "at": "2025-03-02T09:00:00+00:00"},
                  entity="training", kind="training.tap_out"),
             wire(attendance, 3, {"worker_uid": w1, "session": "s1", "score": 88, "passed": True},
                  entity="training", kind="training.result"),
             wire(uuid.uuid4().hex, 1, {"worker_uid": w2, "scores": {"attitude": 4}, "overall": 4.0, "comment": None,
                                        "at": "2025-05-02T03:00:00+00:00"}, entity="evaluation",
                  kind="evaluation.recorded"),
             wire(uuid.uuid4().hex, 1, {"worker_uid": w2, "kind": "negative", "description": "迟到",
                                        "recorded_at": "2025-06-01T02:00:00+00:00"}, entity="credit",
                  kind="credit.recorded")))  # fmt: skip
    complaint_uid = uuid.uuid4().hex
    _ok(push(ta, wire(complaint_uid, 1, {"worker_uid": w2, "summary": "打碎花瓶", "source": "agency",
                                         "received_at": "2025-06-10T02:00:00+00:00"}, entity="complaint",
                      kind="complaint.registered")))  # fmt: skip
    _ok(push(ta, wire(complaint_uid, 2, {"worker_uid": w2, "status": "resolved", "response": "已赔偿",
                                         "at": "2025-06-12T02:00:00+00:00"}, entity="complaint",
                      kind="complaint.resolved")))  # fmt: skip
    # The third worker leaves agency A and agency B registers the same person (a transfer).
    _ok(push(ta, wire(w3, 2, {"reason": "离职", "released_at": "2025-08-01T02:00:00+00:00"}, entity="worker",
                      kind="worker.released")))  # fmt: skip
    w3b = uuid.uuid4().hex
    _ok(push(tb, wire(w3b, 1, {"identity": {"id_number": n3, "name": "王秀英"}, "phone": "13800000001",
                               "service_types": ["elderly", "cleaning"]}, kind="worker.registered")))  # fmt: skip
    reference = complaints.register_complaint(users["staff"], source="hotline", summary="服务态度差", id_number=n1)
    integrity.add_record(users["staff"], subject="worker", category="praise", description="表扬", evidence_note="表扬信",
                         valid_from=dt.date(2025, 9, 1), valid_to=dt.date(2026, 9, 1), id_number=n1)  # fmt: skip
    integrity.add_record(users["staff"], subject="agency", category="penalty", description="处罚", evidence_note="决定书 1 号",
                         valid_from=dt.date(2025, 10, 1), valid_to=dt.date(2027, 10, 1), agency_id=AGENCY_B)  # fmt: skip
    now = dt.datetime(2025, 11, 3, 4, tzinfo=dt.UTC)
    Evaluation.objects.create(uid=uuid.uuid4().hex, contract_uid="c-consumer", code="E1", worker_uid=w4,
                              agency_id=AGENCY_B, service_type="infant", scores={"attitude": 5}, overall=5.0,
                              editor_hash="h" * 64, created_at=now, updated_at=now)  # fmt: skip
    return {"workers": workers, "transferred": w3b, "complaint": reference}
