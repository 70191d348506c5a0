"""The complaint pages: /complain (the form, opened from a verification or evaluation page), /complain/state (the
state by reference) and, for staff signed in to the console, a complaint's photos. Thin: the rules are in
centre/public/complaints.py and the workflow's own actions. Everything a consumer typed reaches a page through
Django's autoescaping only."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_http_methods

from centre.audit import record
from centre.complaints.actions import VIEW, public_state
from centre.complaints.errors import ComplaintRefused
from centre.complaints.rules import normalise_reference
from centre.console.roles import require_role
from centre.public import complaints
from centre.public.lang import page_lang, render_page, switch_href
from centre.public.limits import seconds_to_wait
from centre.public.models import ComplaintPhoto
from centre.public.texts import PAGES
from wirecontract.evalslip import PATH as SLIP_PATH
from wirecontract.protocol import shanghai_today, utc_now

# The page a complaint comes from: its own path on this site, nothing else (no open redirect, no other host).
_FROM = re.compile(r"^/(V|S)/[A-Z2-7]{20,1200}$")


def _origin(request: HttpRequest, source: str) -> complaints.Origin:
    """Who the complaint is about: the QR or slip of the page it was opened from, checked again."""
    if not _FROM.match(source):
        raise complaints.refuse("请从核验页面或评价页面进入投诉", "open the complaint from a check or rating page")
    url = request.build_absolute_uri("/").rstrip("/").upper() + source
    if source.startswith(SLIP_PATH):
        return complaints.origin_of_slip(url)
    return complaints.origin_of_qr(url, shanghai_today())


@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    lang = page_lang(request)
    data = request.POST if request.method == "POST" else request.GET
    source = str(data.get("from") or data.get("qr") or data.get("slip") or "")
    try:
        origin = _origin(request, source)
    except ComplaintRefused as refused:
        return render_page(
            request, "public/complain.html", {"error": refused.message(lang), "refused": True}, status=400
        )
    context: dict[str, Any] = {"source": source, "origin": origin, "back": source,
                               "switch_href": switch_href(request, lang, {"from": source})}  # fmt: skip
    if request.method == "GET":
        return render_page(request, "public/complain.html", context)
    typed = {"what": request.POST.get("what", "")[:1200], "when": request.POST.get("when", "")[:32],
             "phone": request.POST.get("phone", "")[:32]}  # fmt: skip
    context.update(typed)
    # Per client, and per card or slip (never per agency: one busy agency must not block its other clients).
    wait = seconds_to_wait(request, "complaint", origin.credential_no or source)
    if wait is not None:
        context["error"] = PAGES[lang]["too_many"].format(seconds=wait)
        return render_page(request, "public/complain.html", context, status=429)
    files = request.FILES.getlist("photos")
    try:
        if len(files) > complaints.MAX_PHOTOS:
            raise complaints.refuse(f"最多 {complaints.MAX_PHOTOS} 张照片", f"at most {complaints.MAX_PHOTOS} photos")
        photos = [_read(f) for f in files if f.size]
        reference = complaints.file_complaint(origin, typed["what"], typed["when"], typed["phone"], photos, utc_now())
    except ComplaintRefused as refused:
        context["error"] = refused.message(lang)
        return render_page(request, "public/complain.html", context, status=400)
    switch = switch_href(request, lang, {"ref": reference})  # the reference page, in the other language
    return render_page(request, "public/complaint_filed.html", {"reference": reference, "back": source,
                                                                 "switch_href": switch.replace("?", "/complain/state?", 1)})  # fmt: skip


def _read(upload: Any) -> bytes:
    if upload.size > complaints.MAX_PHOTO_BYTES:
        raise complaints.refuse("照片太大（每张不超过 5 MB）", "a photo is too large (at most 5 MB each)")
    return bytes(upload.read())


@never_cache
@require_GET
def complaint_state(request: HttpRequest) -> HttpResponse:
    """The state by reference: no names, numbers, texts or agency (centre.complaints.rules.PublicState)."""
    lang = page_lang(request)
    reference = request.GET.get("ref", "").strip()[:24]
    if not reference:
        return render_page(request, "public/complaint_state.html", {})
    # Per client, and per reference as the look-up reads it (spacing or case do not make another reference).
    wait = seconds_to_wait(request, "complaint-state", normalise_reference(reference))
    if wait is not None:
        context = {"error": PAGES[lang]["too_many"].format(seconds=wait), "reference": reference}
        return render_page(request, "public/complaint_state.html", context, status=429)
    state = public_state(reference)
    if state is None:
        context = {"error": PAGES[lang]["c_unknown"], "reference": reference}
        return render_page(request, "public/complaint_state.html", context, status=404)
    found = {"state": state, "status": state.status.text.in_lang(lang), "reference": state.reference}
    return render_page(request, "public/complaint_state.html", found)


@never_cache
@require_GET
@require_role(*VIEW)
def complaint_photo(request: HttpRequest, uid: str, position: int) -> HttpResponse:
    """One photo of a consumer's complaint, for staff (audited); never cached by the browser."""
    photo = ComplaintPhoto.objects.filter(complaint_id=uid, position=position).select_related("complaint").first()
    if photo is None:
        raise Http404("no such photo")
    record(request.user, "complaint.photo_view", f"complaint:{photo.complaint.reference}", {"photo": position})
    response = HttpResponse(bytes(photo.data), content_type=photo.mime)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
