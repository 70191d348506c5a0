"""Staff of the wrong role against the casework actions the page-role test does not reach (escalate, the
evidence file, a consumer's photo, applying an import), a post without its CSRF token from the right role, and a
move that is not one; each is refused and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from centre.complaints import actions
from centre.complaints.models import Complaint
from centre.complaints.rules import Source
from centre.integrity.actions import Evidence, add_record
from centre.policecheck.models import ResultImport
from centre.public.models import ComplaintPhoto
from centre.review.models import ReviewItem
from tests.console_workflows.centre_data import AGENCY_A, register, terminal
from tests.sync import conftest as sync_helpers

ROLES = ("admin", "staff", "police", "regulator")


@pytest.fixture
def targets(users: dict[str, Any]) -> dict[str, str]:
    from centre.policecheck.actions import export_batch

    register(terminal(AGENCY_A), 7)
    reference = actions.register_complaint(None, source=Source.CONSUMER, summary="投诉", agency_id=AGENCY_A)
    complaint = Complaint.objects.get(reference=reference)
    actions.send_to_agency(users["staff"], complaint.uid)
    ComplaintPhoto.objects.create(complaint=complaint, position=1, mime="image/jpeg", data=b"\xff\xd8x", width=1,
                                  height=1, size=3)  # fmt: skip
    today = dt.date.today()
    entry = add_record(users["staff"], subject="agency", category="award", description="表彰", agency_id=AGENCY_A,
                       valid_from=today, valid_to=today + dt.timedelta(days=30),
                       evidence=Evidence("e.pdf", "application/pdf", b"%PDF-1.4 x"))  # fmt: skip
    batch = export_batch(users["police"])
    run = ResultImport.objects.create(uid="r" * 32, batch=batch, filename="f.xlsx", sha256="0" * 64, rows=[],
                                      uploaded_by="police-user", uploaded_at=dt.datetime.now(dt.UTC))  # fmt: skip
    return {"complaint": complaint.uid, "integrity": entry.uid, "import": run.uid, "batch": batch.uid,
            "review": ReviewItem.objects.get().uid}  # fmt: skip


# (method, address, who may)
ACTIONS = [
    ("POST", "/console/complaints/{complaint}/escalate/", {"staff"}),
    ("GET", "/console/integrity/{integrity}/evidence", {"staff", "admin", "regulator"}),
    ("GET", "/console/consumer-complaints/{complaint}/photo/1", {"staff", "admin", "regulator"}),
    ("POST", "/console/policecheck/import/{import}/apply/", {"police"}),
]


def _state() -> tuple[Any, ...]:
    return (list(Complaint.objects.values_list("status", flat=True)),
            list(ResultImport.objects.values_list("status", flat=True)))  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_the_wrong_role_is_refused_and_the_right_one_is_not(users: dict[str, Any], targets: dict[str, str],
                                                            role: str) -> None:  # fmt: skip
    client = Client()
    client.force_login(users[role])
    for method, address, allowed in ACTIONS:
        before = _state()
        url = address.format(**targets)
        answer = client.get(url) if method == "GET" else client.post(url, {"text": "督办"})
        if role in allowed:
            assert answer.status_code in (200, 302), (role, url, answer.status_code)
        else:
            assert answer.status_code == 403, (role, url, answer.status_code)
            assert _state() == before, (role, url)


@pytest.mark.expected_logs("Forbidden (CSRF token missing.)")
def test_a_staff_post_without_its_token_is_refused(users: dict[str, Any], targets: dict[str, str]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    assert client.get(f"/console/complaints/{targets['complaint']}/").status_code == 200  # the CSRF cookie is set
    before = _state()
    for move in ("escalate", "close"):  # as another site's form would post: the cookie goes along, no token
        answer = client.post(f"/console/complaints/{targets['complaint']}/{move}/", {"text": "x"})
        assert answer.status_code == 403
    assert _state() == before


def test_a_move_that_is_not_one_is_not_found(users: dict[str, Any], targets: dict[str, str]) -> None:
    client = Client()
    client.force_login(users["staff"])
    before = _state()
    for move in ("resolve", "delete", "..%2f..%2fclose"):
        assert client.post(f"/console/complaints/{targets['complaint']}/{move}/", {"text": "x"}).status_code == 404
    assert _state() == before


def test_every_view_of_full_data_is_audited_with_its_viewer(users: dict[str, Any], targets: dict[str, str]) -> None:
    from centre.audit.models import AuditEntry

    views = [("regulator", "/console/complaints/{complaint}/", "complaint.view"),
             ("regulator", "/console/review/{review}/", "review.view"),
             ("admin", "/console/consumer-complaints/{complaint}/photo/1", "complaint.photo_view"),
             ("regulator", "/console/integrity/{integrity}/evidence", "integrity.evidence.view"),
             ("police", "/console/policecheck/batches/{batch}.xlsx", "policecheck.batch.exported")]  # fmt: skip
    for role, address, action in views:
        client = Client()
        client.force_login(users[role])
        before = AuditEntry.objects.filter(action=action, actor=f"{role}-user").count()
        assert client.get(address.format(**targets)).status_code == 200, address
        assert AuditEntry.objects.filter(action=action, actor=f"{role}-user").count() == before + 1, action
    number = sync_helpers.test_number(
        7
    )  # the worker the targets are about: the audit log says who looked, never the number
    assert not [e for e in AuditEntry.objects.all() if number in f"{e.subject} {e.detail}"]
