"""The centre's finding on a complaint, recorded by staff on the complaint's page (SQLite and PostgreSQL, over
HTTP in-process): the page shows the form to staff only, a finding is audited and reaches the complaint's fact and
the worker's grade, it may be corrected, and a bad choice is refused with nothing stored."""

from __future__ import annotations

from typing import Any

from tests.analytics.city_events import build_town


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _complaint_points(worker: str) -> float:
    from centre.analytics.models import CreditGrade

    grade = CreditGrade.objects.get(subject="worker", subject_id=worker)
    return sum(float(c["points"]) for c in grade.contributions if c["code"] == "complaints")


def test_staff_record_a_finding_that_moves_the_grade(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.analytics.models import ComplaintFinding, FactComplaint
    from centre.audit.models import AuditEntry
    from centre.complaints import actions as complaints
    from centre.complaints.models import Complaint

    town = build_town(users)
    worker = town["workers"][0][0]
    uid = Complaint.objects.get(reference=town["complaint"]).uid
    complaints.close(users["staff"], uid, "已核实")  # a finding counts once the complaint is finished
    facts.refresh()
    assert FactComplaint.objects.get(uid=uid).outcome == "dismissed"  # closed without the agency's answer
    before = _complaint_points(worker)

    regulator = _client(users["regulator"])
    page = regulator.get(f"/console/complaints/{uid}/").content.decode()
    assert 'id="finding"' in page and "尚未定性" in page and 'id="finding-form"' not in page  # reads only
    assert regulator.post(f"/console/credit/complaints/{uid}/finding", {"severity": "serious", "upheld": "yes"}
                          ).status_code == 403  # fmt: skip

    staff = _client(users["staff"])
    assert 'id="finding-form"' in staff.get(f"/console/complaints/{uid}/").content.decode()
    refused = staff.post(f"/console/credit/complaints/{uid}/finding", {"severity": "dreadful", "upheld": "yes"},
                         follow=True).content.decode()  # fmt: skip
    assert "请选择严重程度" in refused and not ComplaintFinding.objects.filter(pk=uid).exists()
    answer = staff.post(f"/console/credit/complaints/{uid}/finding", {"severity": "serious", "upheld": "yes"})
    assert answer.status_code == 302 and answer["Location"] == f"/console/complaints/{uid}/"
    shown = staff.get(f"/console/complaints/{uid}/").content.decode()
    assert "严重 · 属实 · staff-user" in shown
    assert AuditEntry.objects.filter(action="complaint.finding").count() == 1

    facts.refresh()  # the follower's next pass
    fact = FactComplaint.objects.get(uid=uid)
    assert (fact.severity, fact.outcome) == ("serious", "upheld")
    assert _complaint_points(worker) < before  # an upheld serious complaint costs the worker points

    staff.post(f"/console/credit/complaints/{uid}/finding", {"severity": "minor", "upheld": "no"})  # corrected
    facts.refresh()
    assert FactComplaint.objects.get(uid=uid).outcome == "dismissed"
    assert _complaint_points(worker) == before
    assert AuditEntry.objects.filter(action="complaint.finding").count() == 2
    assert staff.post("/console/credit/complaints/nobody/finding", {"severity": "minor", "upheld": "no"},
                      follow=True).status_code == 404  # the redirect lands on no complaint  # fmt: skip
