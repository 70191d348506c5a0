"""The audit log for administrators: newest first, filtered by actor or subject, exportable as xlsx (the export
itself audited); and the chain's check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from centre.audit.chain import AuditChainBroken, verify
from centre.audit.models import AuditEntry
from centre.console import roles as r
from centre.console.export import MAX_ROWS, export_url, xlsx_response
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
    if request.GET.get("format") == "xlsx":
        rows = ((e.position, timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.subject)
                for start in range(0, MAX_ROWS, 1000) for e in entries[start:start + 1000])  # fmt: skip
        return xlsx_response(request.user, "audit", "audit-log", ["#", _("Time"), _("Actor"), _("Action"),
                             _("Subject")], rows, {"actor": actor, "subject": subject})  # fmt: skip
    chain: dict[str, object] | None = None
    if request.GET.get("verify"):
        try:
            result = verify()
            chain = {"ok": True, "length": result.length}
        except AuditChainBroken as error:
            chain = {"ok": False, "message": error.message(get_language() or "zh")}
    page = paginate(entries, request.GET.get("page"))
    return TemplateResponse(request, "console/audit_log.html", {
        "page": page, "actor": actor, "subject": subject, "chain": chain,
        "export_url": export_url(request) if page.rows else "",
    })  # fmt: skip
