"""`{% complaint_finding complaint %}` on the complaint's page (centre/complaints/templates/complaints/detail.html):
the centre's finding as recorded, and for staff the form that records or corrects it (complaint_findings.py)."""

from __future__ import annotations

from typing import Any

from django import template

from centre.analytics.complaint_findings import RECORD, SEVERITIES, finding_of
from centre.console import roles as r

register = template.Library()


@register.inclusion_tag("credit/finding.html", takes_context=True)
def complaint_finding(context: template.Context, complaint: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"c": complaint, "finding": finding_of(complaint.uid), "severities": SEVERITIES,
            "may_record": user is not None and r.has_role(user, *RECORD), "csrf_token": context.get("csrf_token")}  # fmt: skip
