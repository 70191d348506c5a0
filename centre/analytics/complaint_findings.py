"""The centre's finding on a complaint (定性): how serious it was and whether it was upheld, recorded by staff on the
complaint's page. The credit rules count upheld complaints by severity (credit_rules.json); without a finding the
fact takes the outcome the workflow implies (fact_rules.complaint_outcome). A finding may be corrected; each
recording is audited, and the next analytics pass (upkeep.py) carries it into the facts and the grades."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from centre.analytics.errors import CreditRefused
from centre.analytics.models import ComplaintFinding
from centre.audit import record
from centre.complaints.models import Complaint
from centre.console.roles import Role, check_role
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

RECORD = (Role.STAFF, Role.ADMIN)
SEVERITIES: dict[str, Text] = {"minor": Text("轻微", "minor"), "general": Text("一般", "general"),
                               "serious": Text("严重", "serious")}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    severity: str
    upheld: bool
    decided_by: str
    decided_at: dt.datetime

    @property
    def severity_text(self) -> Text:
        return SEVERITIES[self.severity]


def finding_of(complaint_uid: str) -> Finding | None:
    row = ComplaintFinding.objects.filter(pk=complaint_uid).first()
    if row is None or row.severity not in SEVERITIES:
        return None
    return Finding(row.severity, row.upheld, row.decided_by, row.decided_at)


def record_finding(actor: Any, complaint_uid: str, severity: str, upheld: str, now: dt.datetime | None = None) -> Finding:
    """`upheld` as the form sends it: "yes" or "no" (anything else is refused, not read as no)."""
    check_role(actor, *RECORD)
    if severity not in SEVERITIES:
        raise CreditRefused(why=Text("请选择严重程度（轻微、一般、严重）", "choose how serious it was (minor, general, serious)"))
    if upheld not in ("yes", "no"):
        raise CreditRefused(why=Text("请选择投诉是否属实", "say whether the complaint was upheld"))
    now = now or utc_now()
    name = str(actor.get_username())
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().filter(pk=complaint_uid).first()
        if complaint is None:
            raise CreditRefused(why=Text("找不到该投诉", "no such complaint"))
        ComplaintFinding.objects.update_or_create(complaint_uid=complaint_uid, defaults={
            "severity": severity, "upheld": upheld == "yes", "decided_by": name, "decided_at": now})  # fmt: skip
        record(actor, "complaint.finding", f"complaint:{complaint.reference}",
               {"severity": severity, "upheld": upheld == "yes"})  # fmt: skip
    return Finding(severity, upheld == "yes", name, now)
