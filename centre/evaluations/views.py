"""The evaluation pages a client opens from the slip's QR (/S/<payload>) or by typing its code (/S/?code=…).
Thin: the rules are in slips.py and actions.py. Everything a client typed reaches the page through Django's
autoescaping only."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from centre.evaluations import actions
from centre.evaluations import errors as e
from centre.evaluations.errors import EvaluationRefused, SlipRefused
from centre.evaluations.models import Evaluation
from centre.evaluations.slips import TrustedSlip, check_slip, slip_for_code
from centre.evaluations.standard import standard
from centre.public.lang import page_lang, render_page
from centre.public.limits import seconds_to_wait
from centre.public.texts import PAGES
from wirecontract.evalslip import PATH, normalise_code
from wirecontract.protocol import utc_now

TOKEN_COOKIE = "hsc_client"




def _slip_url(request: HttpRequest, payload: str) -> str:
    return request.build_absolute_uri("/").rstrip("/").upper() + PATH + payload


@never_cache
@ensure_csrf_cookie  # also when the page shows no form (already evaluated): a stale tab's post is then judged, not refused by CSRF
@require_http_methods(["GET", "POST"])
def slip_page(request: HttpRequest, payload: str) -> HttpResponse:
    lang = page_lang(request)
    try:
        slip = check_slip(_slip_url(request, payload))
    except SlipRefused as refused:
        return render_page(request, "evaluations/slip.html", {"error": refused.message(lang)}, status=400)
    token = request.COOKIES.get(TOKEN_COOKIE)
    context = _slip_context(slip, lang)
    if request.method == "POST":
        wait = seconds_to_wait(request, "evaluation", slip.claims.code)
        if wait is not None:
            context["error"] = PAGES[lang]["too_many"].format(seconds=wait)
            return render_page(request, "evaluations/slip.html", context, status=429)
        token = token or secrets.token_urlsafe(24)
        scores = {code: request.POST.get(code, "") for code in standard().codes}
        try:
            row = actions.evaluate(slip, scores, request.POST.get("comment", ""), token)
        except EvaluationRefused as refused:
            context.update(error=refused.message(lang), comment=request.POST.get("comment", "")[:400])
            return render_page(request, "evaluations/slip.html", context, status=_status_of(refused))
        context.update(saved=row, done=PAGES[lang]["thanks" if row.revision == 1 else "changed"])
        response = render_page(request, "evaluations/slip.html", _with_existing(context, row, token))
        # The token is who may change the evaluation: sent only over TLS where the centre runs behind it.
        response.set_cookie(TOKEN_COOKIE, token, max_age=30 * 24 * 3600, httponly=True, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
        return response
    found = actions.existing(slip.claims.contract_uid)
    return render_page(request, "evaluations/slip.html", _with_existing(context, found, token) if found else context)


def _status_of(refused: EvaluationRefused) -> int:
    """409 when the contract's evaluation stands against this one (taken, too late, code used); else 400."""
    return 409 if refused.params.get("why") in (e.ALREADY, e.TOO_LATE, e.CODE_USED_ELSEWHERE) else 400


def _slip_context(slip: TrustedSlip, lang: str) -> dict[str, Any]:
    std = standard()
    claims = slip.claims
    worker, agency = slip.shown_names()
    return {"slip": claims, "worker": worker, "agency": agency, "service": std.service(claims.service_code, lang),
            "dimensions": [(d.code, d.label(lang)) for d in std.dimensions], "scale": range(std.low, std.high + 1)}  # fmt: skip


def _with_existing(context: dict[str, Any], row: Evaluation, token: str | None) -> dict[str, Any]:
    editable = actions.may_change(row, token, utc_now())
    return {**context, "existing": row, "editable": editable, "scores": row.scores, "comment": row.comment,
            "until": (row.created_at + actions.CHANGE_WINDOW).date().isoformat()}  # fmt: skip


@never_cache
@require_http_methods(["GET"])
def code_page(request: HttpRequest) -> HttpResponse:
    """A typed code: the slip the agency's terminal synced for it."""
    lang = page_lang(request)
    code = request.GET.get("code", "")
    if not code:
        return render_page(request, "evaluations/code.html", {})
    # Per client, and per typed code as the look-up reads it (spacing or case do not make another code).
    wait = seconds_to_wait(request, "slip-code", normalise_code(code[:40])[:20])
    if wait is not None:
        return render_page(request, "evaluations/code.html", {"error": PAGES[lang]["too_many"].format(seconds=wait)}, 429)
    try:
        url = slip_for_code(code)
    except SlipRefused as refused:
        return render_page(request, "evaluations/code.html", {"error": refused.message(lang), "code": code[:20]}, status=404)
    return HttpResponseRedirect(PATH + url.rsplit(PATH, 1)[1])
