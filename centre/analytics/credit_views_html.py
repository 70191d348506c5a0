"""The console's credit pages (/console/credit/, namespace "credit"): grades with their reasons, a subject's
grade and history, the red and black lists with their approval. Thin: parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from centre.analytics import complaint_findings, credit_lists, credit_pages
from centre.analytics.dimensions import DISTRICT_NAMES
from centre.analytics.facts import refresh
from centre.console import roles as r
from centre.console.paging import paginate
from centre.console.views.common import lang, tell_error
from wirecontract.errors import ExplainedError, Text

SUBJECTS = ("agency", "worker")


@r.require_role(*credit_pages.VIEW)
def grades(request: HttpRequest) -> HttpResponse:
    refresh()  # what the centre decided since the last push first
    subject = request.GET.get("subject", "agency")
    if subject not in SUBJECTS:
        subject = "agency"
    district = request.GET.get("district", "")
    grade = request.GET.get("grade", "")
    rows = credit_pages.grades(request.user, subject, district if district in DISTRICT_NAMES else "", grade,
                               request.GET.get("agency", ""))  # fmt: skip
    page = paginate(rows, request.GET.get("page"))
    named = credit_pages.names(page.rows)
    shown = [{"g": g, "name": named[g.subject_id], "agency": named.get(f"agency:{g.agency_id}", g.agency_id),
              "label": credit_pages.grade_label(subject, g.grade)} for g in page.rows]  # fmt: skip
    return TemplateResponse(request, "credit/grades.html", {
        "subject": subject, "page": page, "rows": shown, "districts": DISTRICT_NAMES, "district": district,
        "grade": grade, "agency": request.GET.get("agency", ""), "spread": credit_pages.distribution(subject),
        "grade_choices": ["5", "4", "3", "2", "1"] if subject == "worker" else ["AAAAA", "AAAA", "AAA", "AA", "A"],
    })  # fmt: skip


@r.require_role(*credit_pages.VIEW)
def subject_page(request: HttpRequest, subject: str, subject_id: str) -> HttpResponse:
    if subject not in SUBJECTS:
        raise Http404
    found = credit_pages.card(request.user, subject, subject_id, lang())
    if found is None:
        raise Http404
    return TemplateResponse(request, "credit/subject.html", {
        "card": found, "subject": subject, "may_propose": r.has_role(request.user, *credit_lists.PROPOSE),
    })  # fmt: skip


@r.require_role(*credit_pages.VIEW)
def lists(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    return TemplateResponse(request, "credit/lists.html", {
        "entries": credit_pages.list_entries(request.user, status), "status": status,
        "may_propose": r.has_role(request.user, *credit_lists.PROPOSE),
        "may_decide": r.has_role(request.user, *credit_lists.APPROVE),
    })  # fmt: skip


@require_POST
@r.require_role(*credit_lists.PROPOSE)
def propose(request: HttpRequest) -> HttpResponse:
    try:
        credit_lists.propose(request.user, request.POST.get("subject", ""), request.POST.get("subject_id", "").strip(),
                             request.POST.get("kind", ""), request.POST.get("reason", ""))  # fmt: skip
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, Text("已提交，待另一位管理员审批", "Proposed: another administrator decides").in_lang(lang()))
    return redirect("credit:lists")


@require_POST
@r.require_role(*credit_lists.PROPOSE)
def propose_removal(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        credit_lists.propose_removal(request.user, entry_id, request.POST.get("reason", ""))
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, Text("移出申请已提交，待审批", "Removal proposed: an administrator decides").in_lang(lang()))
    return redirect("credit:lists")


@require_POST
@r.require_role(*credit_lists.APPROVE)
def decide(request: HttpRequest, entry_id: int) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    try:
        if request.POST.get("step") == "removal":
            credit_lists.decide_removal(request.user, entry_id, approve)
        else:
            credit_lists.decide(request.user, entry_id, approve, request.POST.get("note", ""))
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, (Text("已批准", "Approved") if approve else Text("已驳回", "Refused")).in_lang(lang()))
    return redirect("credit:lists")


@require_POST
@r.require_role(*complaint_findings.RECORD)
def finding(request: HttpRequest, uid: str) -> HttpResponse:
    """The form on the complaint's page (templatetags/credit_findings.py); back to that page either way."""
    try:
        complaint_findings.record_finding(request.user, uid, request.POST.get("severity", ""),
                                          request.POST.get("upheld", ""))  # fmt: skip
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, Text("定性已记录，计入诚信评价", "Finding recorded: it counts in the credit grades").in_lang(lang()))
    return redirect("complaints:detail", uid=uid)
