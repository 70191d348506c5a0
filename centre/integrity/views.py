"""The integrity pages: the records (by worker or agency) with the form staff add one by, and an evidence file.
Thin: parse, call one action, answer. The form's address is one of centre.limits.UPLOAD_PATHS (evidence files)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from centre.console import roles as r
from centre.console.errors import RoleRefused
from centre.console.paging import paginate
from centre.console.views.common import lang, tell_error
from centre.integrity import actions
from centre.integrity.actions import Evidence, IntegrityRefused
from centre.integrity.rules import CATEGORIES, MAX_EVIDENCE_BYTES, Polarity
from wirecontract.errors import ExplainedError, Text
from wirecontract.idnumber import mask

_FIELDS = ("subject", "category", "description", "id_number", "agency_id", "evidence_note", "valid_from", "valid_to")


@r.require_role(*actions.VIEW)
def records(request: HttpRequest) -> HttpResponse:
    form: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if not r.has_role(request.user, *actions.RECORD):
            return r.refused(request, RoleRefused(needed=[role.text for role in actions.RECORD]))
        form = {k: request.POST.get(k, "") for k in _FIELDS}
        try:
            actions.add_record(request.user, subject=form["subject"], category=form["category"],
                               description=form["description"], valid_from=_date(form["valid_from"]),
                               valid_to=_date(form["valid_to"]), id_number=form["id_number"],
                               agency_id=form["agency_id"], evidence_note=form["evidence_note"],
                               evidence=_evidence(request))  # fmt: skip
        except ExplainedError as error:
            tell_error(request, error)
            status = 400
        else:
            messages.success(request, Text("诚信信息已记录并发送至机构", "Recorded and sent to the agency").in_lang(lang()))
            return redirect("integrity:records")
    page = paginate(actions.records(request.user), request.GET.get("page"))
    rows = [{"r": row, "who": mask(row.id_number) if row.id_number else row.agency_id,
             "category": CATEGORIES[row.category][1].in_lang(lang()) if row.category in CATEGORIES else row.category,
             "polarity": Polarity(row.polarity).text.in_lang(lang())} for row in page.rows]  # fmt: skip
    today = dt.date.today()
    return TemplateResponse(request, "integrity/records.html", {
        "page": page, "rows": rows, "form": form, "may_record": r.has_role(request.user, *actions.RECORD),
        "categories": [(code, name.in_lang(lang()), polarity.text.in_lang(lang()))
                       for code, (polarity, name) in CATEGORIES.items()],
        "today": today.isoformat(), "next_year": today.replace(year=today.year + 1).isoformat()
        if not (today.month == 2 and today.day == 29) else (today + dt.timedelta(days=365)).isoformat(),
        "max_mb": MAX_EVIDENCE_BYTES // 1024 // 1024,
    }, status=status)  # fmt: skip


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise IntegrityRefused(why=Text("日期格式应为 年-月-日", "dates are year-month-day")) from error


def _evidence(request: HttpRequest) -> Evidence | None:
    upload = request.FILES.get("evidence")
    if upload is None:
        return None
    return Evidence(upload.name or "evidence", upload.content_type or "", upload.read(MAX_EVIDENCE_BYTES + 1))


@r.require_role(*actions.VIEW)
def evidence(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        entry = actions.evidence_of(request.user, uid)
    except IntegrityRefused as error:
        raise Http404(error.message(lang())) from error
    response = HttpResponse(bytes(entry.evidence_data or b""), content_type=entry.evidence_mime)
    response["Content-Disposition"] = "attachment"
    return response
