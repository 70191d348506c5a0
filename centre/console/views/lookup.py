"""Look-up pages: workers (one box: name, pinyin, ID number or its end, credential number, phone; and agency)
and agencies (name or credit code, district); each exportable as xlsx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centre.console import lookup
from centre.console import roles as r
from centre.console.export import xlsx_response
from centre.console.paging import paginate
from centre.console.search_rules import QueryKind, read_query
from centre.terminals.models import Agency

KINDS = [("", gettext_lazy("guess from what I type")), (QueryKind.NAME.value, gettext_lazy("name")),
         (QueryKind.PINYIN.value, gettext_lazy("pinyin")), (QueryKind.ID_FULL.value, gettext_lazy("ID number")),
         (QueryKind.ID_SUFFIX.value, gettext_lazy("end of ID number")), (QueryKind.CREDENTIAL.value, gettext_lazy("credential number")),
         (QueryKind.PHONE.value, gettext_lazy("phone"))]


@r.require_role(*r.READ)
def search(request: HttpRequest) -> HttpResponse:
    raw, kind = request.GET.get("q", ""), request.GET.get("kind", "")
    agency_id = request.GET.get("agency", "").strip().upper()
    query = read_query(raw, kind)
    found, behind = lookup.workers(request.user, query, agency_id)
    if request.GET.get("format") == "xlsx":
        rows = ((w.name, w.masked_id, w.masked_phone, w.agency_name, w.agency_id,
                 w.registered_at.strftime("%Y-%m-%d") if w.registered_at else "", _("yes") if w.released else "")
                for start in range(0, 50_000, 1000)
                for w in lookup.worker_rows(list(found[start:start + 1000])))  # fmt: skip
        return xlsx_response(request.user, "workers", "workers",
                             [_("Name"), _("ID number"), _("Phone"), _("Agency"), _("Credit code"), _("Registered"),
                              _("Released")], rows, {"q_kind": query.kind.value if query else "", "agency": agency_id})  # fmt: skip
    page = paginate(found, request.GET.get("page"))
    agencies = Agency.objects.order_by("name").values_list("id", "name")[:2000]
    # htmx (typing in the box): only the results are sent and swapped in.
    template = "console/_search_results.html" if getattr(request, "htmx", False) else "console/search.html"
    return TemplateResponse(request, template, {
        "q": raw, "kind": kind, "kinds": KINDS, "behind": behind, "agency": agency_id, "query": query, "page": page,
        "rows": lookup.worker_rows(page.rows), "agencies": agencies,
        "unreadable": bool(raw.strip()) and query is None,
        "export_url": _export_url(request) if page.rows else "",
    })  # fmt: skip


@r.require_role(*r.READ)
def agencies(request: HttpRequest) -> HttpResponse:
    text, district = request.GET.get("q", ""), request.GET.get("district", "")
    found = lookup.agencies(request.user, text, district)
    if request.GET.get("format") == "xlsx":
        table = ((row.agency.name, row.agency.id, row.agency.district, row.admission.text.in_lang(_lang()))
                 for start in range(0, 50_000, 1000)
                 for row in lookup.agency_rows(list(found[start:start + 1000])))  # fmt: skip
        return xlsx_response(request.user, "agencies", "agencies", [_("Name"), _("Credit code"), _("District"),
                             _("Admission")], table, {"district": district})  # fmt: skip
    page = paginate(found, request.GET.get("page"))
    rows = lookup.agency_rows(page.rows)
    return TemplateResponse(request, "console/agencies.html", {
        "q": text, "district": district, "districts": lookup.districts(), "page": page, "rows": rows,
        "export_url": _export_url(request) if page.rows else "",
    })  # fmt: skip


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "zh-hans"


def _export_url(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = "xlsx"
    return f"{reverse(request.resolver_match.view_name if request.resolver_match else 'console:search')}?{params.urlencode()}"
