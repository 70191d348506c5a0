"""A worker's whole trace: one page across agencies; viewing it is audited (in the use case)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from centre.console import roles as r
from centre.console import trace as use_case
from centre.console.errors import NotFound
from centre.console.trace_words import entity_text
from centre.console.views.common import lang


@r.require_role(*r.READ)
def worker_trace(request: HttpRequest, worker_uid: str) -> HttpResponse:
    try:
        trace = use_case.view_trace(request.user, worker_uid)
    except NotFound as error:
        return TemplateResponse(request, "console/not_found.html", {"message": error.message(lang())}, status=404)
    sections = [(entity_text(entity), entity, rows) for entity, rows in trace.records.items() if entity != "credential"]
    return TemplateResponse(request, "console/trace.html", {"t": trace, "sections": sections})
