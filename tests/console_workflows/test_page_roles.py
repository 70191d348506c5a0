"""Every casework page and form refuses the roles that may not use it, by address and by form post, on the server
(the links are hidden too, but hiding is not the rule); the refused post changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from centre.complaints.models import Complaint
from centre.integrity.models import IntegrityRecord
from centre.policecheck.models import CheckBatch
from centre.review.models import ReviewItem
from tests.console_workflows.centre_data import AGENCY_A, register, terminal

# (method, address, who may) — {uid} is filled with a real object's id.
PAGES = [
    ("GET", "/console/review/", {"staff", "admin", "regulator"}),
    ("GET", "/console/review/{review}/", {"staff", "admin", "regulator"}),
    ("POST", "/console/review/{review}/decide/", {"staff"}),
    ("GET", "/console/complaints/", {"staff", "admin", "regulator"}),
    ("GET", "/console/complaints/new/", {"staff"}),
    ("POST", "/console/complaints/new/", {"staff"}),
    ("GET", "/console/complaints/{complaint}/", {"staff", "admin", "regulator"}),
    ("POST", "/console/complaints/{complaint}/send/", {"staff"}),
    ("POST", "/console/complaints/{complaint}/close/", {"staff"}),
    ("GET", "/console/policecheck/", {"police", "staff", "admin", "regulator"}),
    ("POST", "/console/policecheck/batches/", {"police"}),
    ("GET", "/console/policecheck/batches/{batch}.xlsx", {"police"}),
    ("POST", "/console/policecheck/import/", {"police"}),
    ("POST", "/console/policecheck/results/", {"police"}),
    ("GET", "/console/integrity/", {"staff", "admin", "regulator"}),
    ("POST", "/console/integrity/", {"staff"}),
]
ROLES = ("admin", "staff", "police", "regulator")


@pytest.fixture
def objects(users: dict[str, Any]) -> dict[str, str]:
    from centre.complaints.actions import register_complaint
    from centre.complaints.rules import Source
    from centre.policecheck.actions import export_batch

    register(terminal(), 1)
    reference = register_complaint(None, source=Source.CONSUMER, summary="投诉", agency_id=AGENCY_A)
    return {"review": ReviewItem.objects.get().uid, "complaint": Complaint.objects.get(reference=reference).uid,
            "batch": export_batch(users["police"]).uid}  # fmt: skip


def _state() -> tuple[Any, ...]:
    return (list(ReviewItem.objects.values_list("status", flat=True)), list(Complaint.objects.values_list("status", flat=True)),
            CheckBatch.objects.count(), IntegrityRecord.objects.count())  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_what_it_may_not_do(users: dict[str, Any], objects: dict[str, str], role: str) -> None:
    client = Client()
    client.force_login(users[role])
    before = _state()
    for method, address, allowed in PAGES:
        if role in allowed:
            continue
        url = address.format(**objects)
        body = {"decision": "accept", "version": "1", "summary": "x", "size": "5", "text": "x", "id_number": "x",
                "result": "clear", "reason": "x", "subject": "agency", "agency_id": AGENCY_A, "category": "award",
                "description": "x", "evidence_note": "x", "valid_from": "2026-01-01", "valid_to": "2026-02-01"}
        answer = client.get(url) if method == "GET" else client.post(url, body)
        assert answer.status_code == 403, (role, method, url, answer.status_code)
    assert _state() == before


def test_signed_out_visitors_go_to_sign_in(objects: dict[str, str]) -> None:
    client = Client()
    for method, address, _ in PAGES:
        url = address.format(**objects)
        answer = client.get(url) if method == "GET" else client.post(url, {})
        assert answer.status_code in (302, 403), url  # a post without the CSRF token: 403 before anything
        if answer.status_code == 302:
            assert "/console/login/" in answer["Location"]


@pytest.mark.parametrize(("address", "zh", "en"), [
    ("/console/review/", "登记审核", "Registration review"),
    ("/console/complaints/", "投诉登记和管理", "Complaints"),
    ("/console/policecheck/", "公安核查", "Police check"),
    ("/console/integrity/", "诚信信息", "Integrity records"),
])  # fmt: skip
def test_each_page_speaks_one_language_at_a_time(users: dict[str, Any], objects: dict[str, str], address: str,
                                                 zh: str, en: str) -> None:  # fmt: skip
    client = Client()
    client.force_login(users["staff"])
    chinese = client.get(address).content.decode()
    assert f"<h1>{zh}</h1>" in chinese and f"<h1>{en}</h1>" not in chinese
    client.cookies["django_language"] = "en"
    english = client.get(address).content.decode()
    assert f"<h1>{en}</h1>" in english and zh not in english
