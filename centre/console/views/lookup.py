"""Look-up pages: workers (one box: name, pinyin, ID number or its end, credential number, phone; and agency)
and agencies (name or credit code, district); each exportable as xlsx."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centre.console import lookup
from centre.console import roles as r
from centre.console.admission_rules import Admission
from centre.console.export import export_url, xlsx_response
from centre.console.paging import paginate
from centre.console.search_rules import QueryKind, read_query
from centre.terminals.models import Agency

KINDS = [("", gettext_lazy("guess from what I type")), (QueryKind.NAME.value, gettext_lazy("name")),
         (QueryKind.PINYIN.value, gettext_lazy("pinyin")), (QueryKind.ID_FULL.value, gettext_lazy("ID number")),
         (QueryKind.ID_SUFFIX.value, gettext_lazy("end of ID number")), (QueryKind.CREDENTIAL.value, gettext_lazy("credential number")),
         (QueryKind.PHONE.value, gettext_lazy("phone"))]


# What typed in the box may name a person (a full ID number, its end, a phone): it travels only in a POST's body and
# is kept in the session under a random key; the address (history, logs, Referer) carries that key, not the query.
PERSONAL_KINDS = frozenset({QueryKind.ID_FULL, QueryKind.ID_SUFFIX, QueryKind.PHONE})
_SEARCHES_KEPT = 20


@r.require_role(*r.READ)
def search(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _remember_search(request)
    key = request.GET.get("s", "")
    saved = _saved_search(request, key)
    if saved is not None:
        return _results(request, *saved, key=key)
    # An address typed or linked (a name, pinyin, credential number or agency): no personal data belongs in it.
    return _results(request, request.GET.get("q", ""), request.GET.get("kind", ""),
                    request.GET.get("agency", "").strip().upper(), key="")  # fmt: skip


def _results(request: HttpRequest, raw: str, kind: str, agency_id: str, key: str) -> HttpResponse:
    query = read_query(raw, kind)
    in_address = not key and query is not None and query.kind in PERSONAL_KINDS
    if in_address:  # not searched, not echoed back: the box posts it instead
        raw, query = "", None
    found, behind = lookup.workers(request.user, query, agency_id)
    if request.GET.get("format") == "xlsx":
        rows = ((w.name, w.masked_id, w.masked_phone, w.agency_name, w.agency_id,
                 w.registered_at.strftime("%Y-%m-%d") if w.registered_at else "", _("yes") if w.released else "")
                for start in range(0, 50_000, 1000)
                for w in lookup.worker_rows(list(found[start:start + 1000])))  # fmt: skip
        return xlsx_response(request.user, "workers", "workers",
                             [_("Name"), _("ID number"), _("Phone"), _("Agency"), _("Credit code"), _("Registered"),
                              _("Released")], rows, {"q_kind": query.kind.value if query else "", "agency": agency_id})  # fmt: skip
    page = paginate(found, request.GET.get("page") if request.method == "GET" else None)
    agencies = Agency.objects.order_by("name").values_list("id", "name")[:2000]
    # htmx (typing in the box): only the results are sent and swapped in.
    template = "console/_search_results.html" if getattr(request, "htmx", False) else "console/search.html"
    search_address = f"{reverse('console:search')}?s={key}" if key else ""
    return TemplateResponse(request, template, {
        "q": raw, "kind": kind, "kinds": KINDS, "behind": behind, "agency": agency_id, "query": query, "page": page,
        "rows": lookup.worker_rows(page.rows), "agencies": agencies,
        "unreadable": bool(raw.strip()) and query is None, "in_address": in_address,
        "page_params": f"s={key}" if key else "",
        "export_url": (f"{search_address}&format=xlsx" if key else export_url(request)) if page.rows else "",
    })  # fmt: skip


def _remember_search(request: HttpRequest) -> HttpResponse:
    """Keep the posted search in the session under a new random key and show it at `?s=KEY` (paging and export
    links carry the key): a redirect for a plain form, the first page of results with that address for htmx."""
    searches: dict[str, list[str]] = dict(request.session.get("console_searches", {}))
    key = secrets.token_urlsafe(12)
    saved = (request.POST.get("q", "")[:100], request.POST.get("kind", "")[:20],
             request.POST.get("agency", "").strip().upper()[:40])  # fmt: skip
    searches[key] = list(saved)
    request.session["console_searches"] = dict(list(searches.items())[-_SEARCHES_KEPT:])
    address = f"{reverse('console:search')}?s={key}"
    if not getattr(request, "htmx", False):
        return HttpResponseRedirect(address, status=303)
    response = _results(request, *saved, key=key)
    response["HX-Push-Url"] = address
    return response


def _saved_search(request: HttpRequest, key: str) -> tuple[str, str, str] | None:
    saved = request.session.get("console_searches", {}).get(key) if key else None
    if not isinstance(saved, list) or len(saved) != 3:
        return None
    return str(saved[0]), str(saved[1]), str(saved[2])


@r.require_role(*r.READ)
def agencies(request: HttpRequest) -> HttpResponse:
    text, district = request.GET.get("q", ""), request.GET.get("district", "")
    admission = request.GET.get("admission", "")
    found = lookup.agencies(request.user, text, district, admission)
    if request.GET.get("format") == "xlsx":
        table = ((row.agency.name, row.agency.id, row.agency.district, row.admission.text.in_lang(_lang()))
                 for start in range(0, 50_000, 1000)
                 for row in lookup.agency_rows(list(found[start:start + 1000])))  # fmt: skip
        return xlsx_response(request.user, "agencies", "agencies", [_("Name"), _("Credit code"), _("District"),
                             _("Admission")], table, {"district": district, "admission": admission})  # fmt: skip
    page = paginate(found, request.GET.get("page"))
    rows = lookup.agency_rows(page.rows)
    return TemplateResponse(request, "console/agencies.html", {
        "q": text, "district": district, "districts": lookup.districts(), "page": page, "rows": rows,
        "admission": admission, "admissions": [(a.value, a.text) for a in Admission],
        "export_url": export_url(request) if page.rows else "",
    })  # fmt: skip


def _lang() -> str:
    from django.utils.translation import get_language

    return get_language() or "zh-hans"
