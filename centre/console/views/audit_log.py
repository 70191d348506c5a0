"""The audit log for administrators: newest first, filtered by actor, action or subject; and the chain's check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from centre.audit.chain import AuditChainBroken, verify
from centre.audit.models import AuditEntry
from centre.console import roles as r
from centre.console.paging import paginate


@r.require_role(*r.AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.order_by("-position")
    actor = request.GET.get("actor", "").strip()
    subject = request.GET.get("subject", "").strip()
    if actor:
        entries = entries.filter(actor=actor)
    if subject:
        entries = entries.filter(subject=subject)
    chain: dict[str, object] | None = None
    if request.GET.get("verify"):
        try:
            result = verify()
            chain = {"ok": True, "length": result.length}
        except AuditChainBroken as error:
            chain = {"ok": False, "message": error.message(get_language() or "zh")}
    return TemplateResponse(request, "console/audit_log.html", {
        "page": paginate(entries, request.GET.get("page")), "actor": actor, "subject": subject, "chain": chain,
    })  # fmt: skip
