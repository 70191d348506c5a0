"""An agency's page, and the admission decision posted from it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centre.console import admission, agencies, terminals
from centre.console import roles as r
from centre.console.admission_rules import Admission
from centre.console.errors import ConsoleError, NotFound
from centre.console.views.common import lang, tell_error


@r.require_role(*r.READ)
def agency(request: HttpRequest, agency_id: str) -> HttpResponse:
    try:
        page = agencies.agency_page(request.user, agency_id)
    except NotFound as error:
        return TemplateResponse(request, "console/not_found.html", {"message": error.message(lang())}, status=404)
    return TemplateResponse(request, "console/agency.html", {
        "p": page, "codes": terminals.open_codes(agency_id) if r.has_role(request.user, *r.MANAGE_TERMINALS) else [],
        "may_decide": r.has_role(request.user, *r.MANAGE_AGENCIES),
        "may_enrol": r.has_role(request.user, *r.MANAGE_TERMINALS) and page.admission is Admission.ADMITTED,
    })  # fmt: skip


@require_POST
@r.require_role(*r.MANAGE_AGENCIES)
def decide(request: HttpRequest, agency_id: str) -> HttpResponse:
    try:
        row = admission.decide(request.user, agency_id, request.POST.get("decision", ""), request.POST.get("reason", ""))
    except ConsoleError as error:
        tell_error(request, error)
    else:
        messages.success(request, _("Decision recorded: %(state)s.") % {"state": Admission(row.status).text.in_lang(lang())})
    return redirect("console:agency", agency_id=agency_id)
