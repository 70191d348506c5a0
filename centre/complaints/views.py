"""The complaint pages of the console: the list (by state, overdue), registering a hotline call, one complaint with
its moves. Thin: parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from centre.complaints import actions
from centre.complaints.models import Complaint
from centre.complaints.rules import Move, Source, Status, allowed_moves, is_overdue
from centre.console import roles as r
from centre.console.export import xlsx_response
from centre.console.paging import paginate
from centre.console.views.common import lang, tell_error
from wirecontract.errors import ExplainedError, Text
from wirecontract.idnumber import mask
from wirecontract.protocol import utc_now


def _say(text: Text) -> str:
    return text.in_lang(lang())


@r.require_role(*actions.VIEW)
def complaint_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    if show == "overdue":
        rows = actions.overdue(request.user)
    else:
        status = Status(show) if show in set(Status) else None
        rows = actions.listing(request.user, status)
    if request.GET.get("format") == "xlsx":
        data = ((c.reference, c.received_at.strftime("%Y-%m-%d %H:%M"), _say(Source(c.source).text), c.agency_id or "",
                 _say(Status(c.status).text), c.due_at.strftime("%Y-%m-%d") if c.due_at else "")
                for c in rows[:50_000])  # fmt: skip
        headers = [_say(Text(*pair)) for pair in (("编号", "reference"), ("受理时间", "received"), ("来源", "source"),
                                                  ("机构", "agency"), ("状态", "state"), ("答复期限", "due"))]
        return xlsx_response(request.user, "complaints", "complaints", headers, data, {"show": show})
    page = paginate(rows, request.GET.get("page"))
    now = utc_now()
    items = [{"c": c, "status": Status(c.status), "source": Source(c.source),
              "overdue": is_overdue(Status(c.status), c.due_at, now)} for c in page.rows]  # fmt: skip
    params = request.GET.copy()
    params["format"] = "xlsx"
    return TemplateResponse(request, "complaints/list.html", {
        "page": page, "items": items, "show": show, "statuses": list(Status), "export_url": "?" + params.urlencode(),
        "may_act": r.has_role(request.user, *actions.CASEWORK)})  # fmt: skip


@r.require_role(*actions.CASEWORK)
def register(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("summary", "id_number", "credential_no", "agency_id",
                                                      "complainant_name", "complainant_phone")}  # fmt: skip
        try:
            reference = actions.register_complaint(
                request.user, source=Source.HOTLINE, summary=form["summary"], id_number=form["id_number"],
                credential_no=form["credential_no"], agency_id=form["agency_id"],
                complainant_name=form["complainant_name"], complainant_phone=form["complainant_phone"],
                send=request.POST.get("send") == "1")  # fmt: skip
        except ExplainedError as error:
            tell_error(request, error)
            return TemplateResponse(request, "complaints/register.html", {"form": form}, status=400)
        messages.success(request, _say(Text(f"投诉已登记，编号 {reference}", f"Complaint registered: {reference}")))
        return redirect("complaints:detail", uid=Complaint.objects.get(reference=reference).uid)
    return TemplateResponse(request, "complaints/register.html", {"form": {}})


@r.require_role(*actions.VIEW)
def detail(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        complaint = actions.complaint_for(request.user, uid)
    except ExplainedError as error:
        raise Http404(error.message(lang())) from error
    status = Status(complaint.status)
    return TemplateResponse(request, "complaints/detail.html", {
        "c": complaint, "status": status, "source": Source(complaint.source),
        "masked_id": mask(complaint.id_number) if complaint.id_number else "",
        "overdue": is_overdue(status, complaint.due_at, utc_now()),
        "moves": [m.value for m in allowed_moves(status)] if r.has_role(request.user, *actions.CASEWORK) else [],
    })  # fmt: skip


@require_POST
@r.require_role(*actions.CASEWORK)
def move(request: HttpRequest, uid: str, move: str) -> HttpResponse:
    text = request.POST.get("text", "")
    try:
        if move == Move.SEND:
            actions.send_to_agency(request.user, uid)
        elif move == Move.ESCALATE:
            actions.escalate(request.user, uid, text)
        elif move == Move.CLOSE:
            actions.close(request.user, uid, text)
        else:
            raise Http404
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, _say(Text("已办理", "Done.")))
    return redirect("complaints:detail", uid=uid)
