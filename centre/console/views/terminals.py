"""Terminals and enrolment codes: the list for administrators, staff and regulators; codes and revoking for
administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centre.console import roles as r
from centre.console import terminals as use_case
from centre.console.export import xlsx_response
from centre.console.paging import paginate
from centre.console.views.common import tell_error
from centre.terminals.models import Agency, Terminal
from wirecontract.errors import ExplainedError


@r.require_role(*r.VIEW_TERMINALS)
def terminal_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    found = Terminal.objects.select_related("agency").order_by("agency_id", "enrolled_at")
    if state == "active":
        found = found.filter(revoked=False)
    elif state in ("retired", "compromised"):
        found = found.filter(revoked=True, compromised=state == "compromised")
    if request.GET.get("format") == "xlsx":
        rows = ((row.terminal.id, row.terminal.agency.name, row.terminal.terminal_number, row.state,
                 row.last_seen_at.strftime("%Y-%m-%d %H:%M") if row.last_seen_at else "",
                 row.clock_drift_seconds if row.clock_drift_seconds is not None else "", row.version)
                for row in use_case.terminal_rows(found[:50_000]))  # fmt: skip
        return xlsx_response(request.user, "terminals", "terminals", [_("Terminal"), _("Agency"), _("Number"),
                             _("State"), _("Last contact"), _("Clock drift (s)"), _("Version")], rows, {"state": state})  # fmt: skip
    page = paginate(found, request.GET.get("page"))
    params = request.GET.copy()
    params["format"] = "xlsx"
    return TemplateResponse(request, "console/terminals.html", {
        "page": page, "rows": use_case.terminal_rows(page.rows), "state": state,
        "codes": use_case.open_codes() if r.has_role(request.user, *r.MANAGE_TERMINALS) else [],
        "may_manage": r.has_role(request.user, *r.MANAGE_TERMINALS), "export_url": "?" + params.urlencode(),
    })  # fmt: skip


@require_POST
@r.require_role(*r.MANAGE_TERMINALS)
def issue_code(request: HttpRequest) -> HttpResponse:
    agency_id = request.POST.get("agency", "").strip().upper()
    raw_hours = request.POST.get("hours", "72")
    try:
        code = use_case.issue_code(request.user, agency_id, int(raw_hours) if raw_hours.isdigit() else 0)
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, _("One-time enrolment code for %(agency)s: %(code)s") % {"agency": agency_id,
                                                                                           "code": code})  # fmt: skip
    if request.POST.get("back") == "agency" and Agency.objects.filter(pk=agency_id).exists():
        return redirect("console:agency", agency_id=agency_id)
    return redirect("console:terminals")


@require_POST
@r.require_role(*r.MANAGE_TERMINALS)
def revoke(request: HttpRequest, terminal_id: str) -> HttpResponse:
    try:
        terminal = use_case.revoke(request.user, terminal_id, request.POST.get("reason", ""),
                                   request.POST.get("compromised") == "1")  # fmt: skip
    except ExplainedError as error:
        tell_error(request, error)
    else:
        state = _("compromised") if terminal.compromised else _("retired")
        messages.success(request, _("Terminal %(id)s: %(state)s.") % {"id": terminal.id, "state": state})
    return redirect("console:terminals")
