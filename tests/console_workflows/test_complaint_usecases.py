"""Complaints (投诉), the centre's use cases on SQLite and PostgreSQL: registered from the hotline or the consumer
page, sent to the agency with a deadline, answered only by the owning agency's terminal, escalated, closed; the
overdue list and the public look-up by reference."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from centre.complaints import actions
from centre.complaints.errors import ComplaintMoveRefused, ComplaintRefused
from centre.complaints.models import Complaint
from centre.complaints.rules import Source, Status
from centre.console.errors import RoleRefused
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, feed_of, push, register, terminal
from tests.server.test_protocol import wire
from wirecontract.errors import InvalidIdNumber
from wirecontract.protocol import utc_now


def test_a_hotline_complaint_from_registration_to_closure(users: dict[str, Any]) -> None:
    term_a, term_b = terminal(AGENCY_A, "0001"), terminal(AGENCY_B, "0002")
    _, number = register(term_a, 1)
    reference = actions.register_complaint(users["staff"], source=Source.HOTLINE, summary="服务时迟到两小时",
                                           id_number=number, complainant_name="李女士",
                                           complainant_phone="13912345678")  # fmt: skip
    complaint = Complaint.objects.get(reference=reference)
    assert (complaint.status, complaint.agency_id, complaint.registered_by) == ("registered", AGENCY_A, "staff-user")
    assert actions.public_state(reference.lower()).status is Status.REGISTERED  # type: ignore[union-attr]

    sent_at = utc_now()
    actions.send_to_agency(users["staff"], complaint.uid, now=sent_at)
    complaint.refresh_from_db()
    assert complaint.due_at == sent_at + dt.timedelta(days=7)
    [item] = feed_of(AGENCY_A, "complaint")
    assert item["reference"] == reference and item["id_number"] == number and "李女士" not in str(item)

    # Another agency cannot answer it; the owning agency's terminal can.
    [refused] = push(term_b, wire(complaint.uid, 2, {"status": "resolved", "response": "不是我们的"},
                                  entity="complaint", kind="complaint.resolved"))  # fmt: skip
    assert refused.code == "not_owner"
    [accepted] = push(term_a, wire(complaint.uid, 2, {"status": "resolved", "response": "已上门道歉并退费"},
                                   entity="complaint", kind="complaint.resolved"))  # fmt: skip
    assert accepted.status.value == "accepted"
    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution) == ("resolved", "已上门道歉并退费")

    actions.escalate(users["staff"], complaint.uid, "投诉人不满意")
    actions.send_to_agency(users["staff"], complaint.uid)
    assert len(feed_of(AGENCY_A, "complaint")) == 2
    push(term_a, wire(complaint.uid, 3, {"status": "resolved", "response": "再次回访"}, entity="complaint",
                      kind="complaint.resolved"))  # fmt: skip
    actions.close(users["staff"], complaint.uid, "投诉人接受")
    state = actions.public_state(reference)
    assert state is not None and state.status is Status.CLOSED and state.finished_on is not None
    with pytest.raises(ComplaintMoveRefused):
        actions.escalate(users["staff"], complaint.uid, "再次")


def test_the_consumer_page_registers_without_an_account(users: dict[str, Any]) -> None:
    term = terminal()
    _, number = register(term, 2)
    reference = actions.register_complaint(None, source=Source.CONSUMER, summary="服务质量差", id_number=number)
    assert Complaint.objects.get(reference=reference).source == "consumer"
    assert actions.public_state("TS000000-XXXXXX") is None
    with pytest.raises(RoleRefused):  # the hotline is staff's
        actions.register_complaint(None, source=Source.HOTLINE, summary="x", id_number=number)


def test_overdue_complaints_are_listed_oldest_deadline_first(users: dict[str, Any]) -> None:
    term = terminal()
    _, number = register(term, 3)
    long_ago = utc_now() - dt.timedelta(days=10)
    first = actions.register_complaint(users["staff"], source=Source.HOTLINE, summary="一", id_number=number,
                                       send=True, now=long_ago)  # fmt: skip
    actions.register_complaint(users["staff"], source=Source.HOTLINE, summary="二", id_number=number, send=True)
    assert [c.reference for c in actions.overdue(users["regulator"])] == [first]


@pytest.mark.parametrize(("fields", "error"), [
    ({"summary": " "}, ComplaintRefused),
    ({"summary": "x" * 2001}, ComplaintRefused),
    ({"id_number": "310101199001011230"}, InvalidIdNumber),
    ({"credential_no": "SH2026000199999"}, ComplaintRefused),
    ({"complainant_phone": "call me"}, ComplaintRefused),
    ({"agency_id": "NOPE"}, ComplaintRefused),
])  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_stored(users: dict[str, Any], fields: dict[str, str],
                                                   error: type[Exception]) -> None:  # fmt: skip
    with pytest.raises(error):
        actions.register_complaint(users["staff"], source=Source.HOTLINE, **{"summary": "投诉", **fields})  # type: ignore[arg-type]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("role", ["police", "regulator", "admin"])
def test_only_staff_handle_complaints(users: dict[str, Any], role: str) -> None:
    reference = actions.register_complaint(None, source=Source.CONSUMER, summary="投诉", agency_id=terminal().agency_id)
    uid = Complaint.objects.get(reference=reference).uid
    for act in (lambda: actions.send_to_agency(users[role], uid), lambda: actions.escalate(users[role], uid, "x"),
                lambda: actions.close(users[role], uid, "x"),
                lambda: actions.register_complaint(users[role], source=Source.HOTLINE, summary="x")):  # fmt: skip
        with pytest.raises(RoleRefused):
            act()
    assert Complaint.objects.get(reference=reference).status == "registered"
