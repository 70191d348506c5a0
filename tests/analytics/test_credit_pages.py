"""The console's credit pages over HTTP (Django's client, in-process, SQLite and PostgreSQL): who may open them,
the grade with its reasons in Chinese first, a worker's page audited, lists proposed and approved by two
administrators through the forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.analytics.city_events import build_town
from tests.console_workflows.centre_data import AGENCY_A

NOW = dt.datetime(2026, 1, 15, 4, tzinfo=dt.UTC)


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_pages_by_role(users: dict[str, Any]) -> None:
    from centre.analytics import facts
    from centre.audit.models import AuditEntry

    town = build_town(users)
    facts.refresh(NOW)
    assert _client(users["police"]).get("/console/credit/").status_code == 403
    regulator = _client(users["regulator"])
    page = regulator.get("/console/credit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "诚信评价" in html and AGENCY_A in html and 'id="propose-form"' not in html
    agency = regulator.get(f"/console/credit/agency/{AGENCY_A}").content.decode()
    assert "得分构成" in agency and "登记与执照" in agency and "等级变化" in agency
    assert 'id="propose-form"' not in agency  # the regulator reads only
    worker = town["workers"][0][0]
    before = AuditEntry.objects.filter(action="credit.worker.view").count()
    shown = regulator.get(f"/console/credit/worker/{worker}").content.decode()
    assert "背景审查" in shown and "★" in shown
    assert AuditEntry.objects.filter(action="credit.worker.view").count() == before + 1
    assert regulator.get("/console/credit/worker/nobody").status_code == 404
    assert regulator.post("/console/credit/lists/propose", {"subject": "worker", "subject_id": worker,
                                                            "kind": "black", "reason": "x"}).status_code == 403  # fmt: skip


def test_lists_through_the_forms(users: dict[str, Any]) -> None:
    from django.contrib.auth.models import Group, User

    from centre.analytics import facts
    from centre.analytics.models import CreditGrade, CreditListEntry

    town = build_town(users)
    facts.refresh(NOW)
    worker = town["workers"][1][0]
    staff = _client(users["staff"])
    answer = staff.post("/console/credit/lists/propose", {"subject": "worker", "subject_id": worker, "kind": "black",
                                                          "reason": "多次属实投诉"})  # fmt: skip
    assert answer.status_code == 302
    entry = CreditListEntry.objects.get()
    assert entry.status == "proposed" and entry.proposed_by == "staff-user"
    assert staff.post(f"/console/credit/lists/{entry.pk}/decide", {"decision": "approve"}).status_code == 403
    admin = _client(users["admin"])
    admin.post(f"/console/credit/lists/{entry.pk}/decide", {"decision": "approve", "step": "listing", "note": "同意"})
    entry.refresh_from_db()
    assert entry.status == "listed" and entry.decided_by == "admin-user"
    assert CreditGrade.objects.get(subject="worker", subject_id=worker).grade == "1"
    lists = admin.get("/console/credit/lists/").content.decode()
    assert "多次属实投诉" in lists and "在名单上" in lists
    staff.post(f"/console/credit/lists/{entry.pk}/removal", {"reason": "整改完成"})
    other = User.objects.create_user("other-admin")
    other.groups.add(Group.objects.get(name="admin"))
    _client(other).post(f"/console/credit/lists/{entry.pk}/decide", {"decision": "approve", "step": "removal"})
    entry.refresh_from_db()
    assert entry.status == "delisted" and entry.delisted_by == "other-admin"
    assert CreditGrade.objects.get(subject="worker", subject_id=worker).listed == ""
