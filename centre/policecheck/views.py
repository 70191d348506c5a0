"""The police-check pages for the liaison: who needs a check, batches and their files, the result import with its
preview of every row, and a result entered by hand. Thin: parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from centre.console import roles as r
from centre.console.export import XLSX
from centre.console.views.common import lang, tell_error
from centre.policecheck import actions
from centre.policecheck.models import ResultImport
from centre.policecheck.sheet import MAX_FILE_BYTES, RESULT_TEXT
from wirecontract.errors import ExplainedError, Text
from wirecontract.idnumber import mask


def _say(text: Text) -> str:
    return text.in_lang(lang())


@r.require_role(*actions.VIEW)
def overview(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "policecheck/overview.html", {
        "needing": actions.needing_check(request.user).count(), "batches": actions.batches(request.user)[:50],
        "recheck_days": actions.recheck_days(), "may_act": r.has_role(request.user, *actions.LIAISON),
        "results": RESULT_TEXT.items(), "max_mb": MAX_FILE_BYTES // 1024 // 1024,
    })  # fmt: skip


@require_POST
@r.require_role(*actions.LIAISON)
def new_batch(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("size", "")
    try:
        batch = actions.export_batch(request.user, int(raw) if raw.isascii() and raw.isdigit() else 0)
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, _say(Text(f"已生成核查批次 {batch.number}（{batch.size} 人）",
                                            f"Batch {batch.number} made ({batch.size} persons)")))  # fmt: skip
    return redirect("policecheck:overview")


@r.require_role(*actions.LIAISON)
def batch_file(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        name, data = actions.batch_file(request.user, uid)
    except ExplainedError as error:
        tell_error(request, error)
        return redirect("policecheck:overview")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_POST
@r.require_role(*actions.LIAISON)
def import_file(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        tell_error(request, actions.CheckRefused(why=Text("请选择结果文件", "choose the result file")))
        return redirect("policecheck:overview")
    data = upload.read(MAX_FILE_BYTES + 1)
    outcome = actions.read_results(request.user, upload.name or "result.xlsx", data)
    rows = [{"line": row.line, "row_no": row.row_no, "id": mask(row.id_number) if len(row.id_number) > 10 else row.id_number,
             "name": row.name, "result": _say(RESULT_TEXT[row.result]) if row.result else "", "note": row.note,
             "errors": "；".join(_say(e) for e in row.errors) if lang().startswith("zh") else "; ".join(
                 _say(e) for e in row.errors)} for row in outcome.rows]  # fmt: skip
    return TemplateResponse(request, "policecheck/preview.html", {
        "outcome": outcome, "rows": rows, "filename": upload.name,
        "file_error": outcome.file_error.message(lang()) if outcome.file_error else "",
        "bad_rows": sum(1 for row in outcome.rows if row.errors),
    }, status=200 if not outcome.refused else 422)  # fmt: skip


@require_POST
@r.require_role(*actions.LIAISON)
def apply_import(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        count = actions.apply_results(request.user, uid)
    except ExplainedError as error:
        tell_error(request, error)
    else:
        batch = ResultImport.objects.get(pk=uid).batch.number
        messages.success(request, _say(Text(f"已导入批次 {batch} 的 {count} 条结果，已发送至各机构",
                                            f"{count} results of batch {batch} applied and sent to the agencies")))
    return redirect("policecheck:overview")


@require_POST
@r.require_role(*actions.LIAISON)
def enter_result(request: HttpRequest) -> HttpResponse:
    try:
        actions.enter_result(request.user, request.POST.get("id_number", ""), request.POST.get("result", ""),
                             request.POST.get("reason", ""))  # fmt: skip
    except ExplainedError as error:
        tell_error(request, error)
    else:
        messages.success(request, _say(Text("结果已录入并发送至机构", "Result entered and sent to the agency")))
    return redirect("policecheck:overview")
