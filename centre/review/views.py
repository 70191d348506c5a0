"""The review queue's pages: the queue, one item (an audited view of the worker's record) with accept and return
for correction. Thin: parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from centre.console import roles as r
from centre.console.paging import paginate
from centre.console.views.common import lang, tell_error
from centre.review import actions
from centre.review.errors import ReviewRefused
from centre.terminals.models import Agency
from wirecontract.errors import ExplainedError, Text

KIND_TEXT = {"registered": Text("新登记", "new registration"), "changed": Text("信息变更", "changed record"),
             "corrected": Text("更正后重新提交", "corrected and resubmitted")}  # fmt: skip
STATUS_TEXT = {"pending": Text("待审核", "waiting"), "accepted": Text("已通过", "accepted"),
               "returned": Text("已退回更正", "returned for correction")}  # fmt: skip


EVENT_TEXT = {"worker.registered": Text("登记", "registered"), "worker.updated": Text("变更", "changed"),
              "worker.corrected": Text("更正", "corrected")}  # fmt: skip


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value) if lang().startswith("zh") else ", ".join(str(v) for v in value)
    return "—" if value in (None, "") else str(value)


def _names(agency_ids: set[str]) -> dict[str, str]:
    return dict(Agency.objects.filter(pk__in=agency_ids).values_list("id", "name"))


@r.require_role(*actions.VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    done = request.GET.get("show") == "decided"
    page = paginate(actions.history(request.user) if done else actions.queue(request.user), request.GET.get("page"))
    names = _names({item.agency_id for item in page.rows})
    items = [{"i": item, "kind": KIND_TEXT[item.kind].in_lang(lang()), "status": STATUS_TEXT[item.status].in_lang(lang()),
              "agency": names.get(item.agency_id, item.agency_id)} for item in page.rows]  # fmt: skip
    return TemplateResponse(request, "review/queue.html", {"page": page, "items": items, "done": done})


@r.require_role(*actions.VIEW)
def item(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        view = actions.item_view(request.user, uid)
    except ReviewRefused as error:
        raise Http404(error.message(lang())) from error
    changes = [{"version": ch.version, "kind": EVENT_TEXT[ch.kind].in_lang(lang()) if ch.kind in EVENT_TEXT else ch.kind,
                "fields": {k: _shown(v) for k, v in ch.fields.items()}, "received_at": ch.received_at}
               for ch in view.changes]  # fmt: skip
    return TemplateResponse(request, "review/item.html", {
        "v": view, "changes": changes, "profile": {k: _shown(v) for k, v in view.profile.items()}, "kind": KIND_TEXT[view.item.kind].in_lang(lang()),
        "status": STATUS_TEXT[view.item.status].in_lang(lang()),
        "agency": _names({view.item.agency_id}).get(view.item.agency_id, view.item.agency_id),
        "may_decide": r.has_role(request.user, *actions.DECIDE) and view.item.status == "pending",
    })  # fmt: skip


@require_POST
@r.require_role(*actions.DECIDE)
def decide(request: HttpRequest, uid: str) -> HttpResponse:
    seen = request.POST.get("version", "")
    version = int(seen) if seen.isascii() and seen.isdigit() else -1
    try:
        if request.POST.get("decision") == "accept":
            actions.accept(request.user, uid, version)
            messages.success(request, Text("已通过审核", "Accepted.").in_lang(lang()))
        else:
            actions.return_for_correction(request.user, uid, version, request.POST.get("reason", ""))
            messages.success(request, Text("已退回机构更正", "Returned to the agency for correction.").in_lang(lang()))
    except ExplainedError as error:
        tell_error(request, error)
        return redirect("review:item", uid=uid)
    return redirect("review:queue")
