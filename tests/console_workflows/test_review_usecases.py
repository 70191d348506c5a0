"""Review and return for correction (退回更正), the centre's use cases on SQLite and PostgreSQL: pushed
registrations and changes queue for review; staff accept or return with a reason; the agency's correction
re-enters the queue; other roles are refused."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from centre.console.errors import RoleRefused
from centre.review import actions
from centre.review.errors import ReviewRefused
from centre.review.models import ReviewItem
from tests.console_workflows.centre_data import AGENCY_A, feed_of, push, register, terminal
from tests.server.test_protocol import wire


def test_a_registration_is_returned_corrected_and_accepted(users: dict[str, Any]) -> None:
    term = terminal()
    worker_uid, _ = register(term, 1)
    [item] = actions.queue(users["staff"])
    assert (item.kind, item.version, item.agency_id) == ("registered", 1, AGENCY_A)
    view = actions.item_view(users["staff"], item.uid)
    assert view.name == "王秀英" and "*" in view.masked_id_number and view.profile["phone"] == "13800000000"

    actions.return_for_correction(users["staff"], item.uid, 1, "现住址缺门牌号")
    assert not actions.queue(users["staff"]).exists()
    [returned] = feed_of(AGENCY_A, "registration.returned")
    assert returned["worker_uid"] == worker_uid and returned["reason"] == "现住址缺门牌号"

    push(term, wire(worker_uid, 2, {"current_address": "黄浦区南京东路1号", "correction_of": item.uid},
                    kind="worker.corrected"))  # fmt: skip
    [again] = actions.queue(users["staff"])
    assert (again.kind, again.version, again.corrects) == ("corrected", 2, item.uid)
    assert actions.item_view(users["staff"], again.uid).returned_reason == "现住址缺门牌号"
    actions.accept(users["staff"], again.uid, 2)
    assert feed_of(AGENCY_A, "registration.accepted") == [
        {"review_uid": item.uid, "worker_uid": worker_uid, "at": feed_of(AGENCY_A, "registration.accepted")[0]["at"]}]


def test_a_return_holds_the_persons_applications_until_the_correction(users: dict[str, Any]) -> None:
    from centre.credentials.models import Credential

    term = terminal()
    worker_uid, _ = register(term, 5)
    number = f"SH{dt.date.today().year}000100001"
    push(term, wire(uuid.uuid4().hex, 1, {"credential_no": number, "worker_uid": worker_uid, "state": "applied",
                                          "version": 1}, entity="credential", kind="credential.applied"))  # fmt: skip
    [item] = actions.queue(users["staff"])
    actions.return_for_correction(users["staff"], item.uid, 1, "照片不清晰")
    assert Credential.objects.get(pk=number).hold == "returned"
    assert feed_of(AGENCY_A, "credential.returned")[0]["credential_no"] == number
    push(term, wire(worker_uid, 2, {"phone": "13900000000", "correction_of": item.uid}, kind="worker.corrected"))
    assert Credential.objects.get(pk=number).hold == ""


def test_a_change_before_the_review_moves_the_item_to_the_latest_version(users: dict[str, Any]) -> None:
    term = terminal()
    worker_uid, _ = register(term, 2)
    push(term, wire(worker_uid, 2, {"phone": "13900000000"}, kind="worker.updated"))
    [item] = actions.queue(users["staff"])
    assert (item.kind, item.version) == ("registered", 2)
    with pytest.raises(ReviewRefused):  # the reviewer saw version 1: look again
        actions.accept(users["staff"], item.uid, 1)
    actions.accept(users["staff"], item.uid, 2)
    with pytest.raises(ReviewRefused):  # a second click
        actions.accept(users["staff"], item.uid, 2)


def test_leaving_is_not_reviewed_and_a_return_needs_its_reason(users: dict[str, Any]) -> None:
    term = terminal()
    worker_uid, _ = register(term, 3)
    [item] = actions.queue(users["staff"])
    with pytest.raises(ReviewRefused):
        actions.return_for_correction(users["staff"], item.uid, 1, "  ")
    actions.accept(users["staff"], item.uid, 1)
    push(term, wire(worker_uid, 2, {"reason": "离职", "released_at": "2026-01-01"}, kind="worker.released"))
    assert not actions.queue(users["staff"]).exists()


@pytest.mark.parametrize("role", ["police", "regulator", "admin"])
def test_only_staff_decide(users: dict[str, Any], role: str) -> None:
    term = terminal()
    register(term, 4)
    item = ReviewItem.objects.get()
    with pytest.raises(RoleRefused):
        actions.accept(users[role], item.uid, 1)
    with pytest.raises(RoleRefused):
        actions.return_for_correction(users[role], item.uid, 1, "x")
    assert ReviewItem.objects.get().status == "pending"


def test_an_unknown_item_is_refused(users: dict[str, Any]) -> None:
    with pytest.raises(ReviewRefused):
        actions.accept(users["staff"], uuid.uuid4().hex, 1)
