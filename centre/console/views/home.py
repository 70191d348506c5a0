"""The console's home: what the signed-in role can do, with counts that need attention."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from centre.console import roles as r
from centre.console.admission import statuses
from centre.console.admission_rules import Admission
from centre.terminals.models import Agency, Terminal


@r.require_role(*r.READ)
def home(request: HttpRequest) -> HttpResponse:
    ids = list(Agency.objects.values_list("id", flat=True))
    known = statuses(ids)
    pending = sum(1 for agency_id in ids if known.get(agency_id, Admission.PENDING) is Admission.PENDING)
    return TemplateResponse(request, "console/home.html", {
        "agencies": len(ids), "pending": pending,
        "terminals": Terminal.objects.filter(revoked=False).count(),
    })  # fmt: skip
