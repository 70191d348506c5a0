"""The electronic credential's pages: activation from the terminal's link (/A/…), the worker's card page (/e/,
installable, offline), its live status (/e/status/<phone>), and the check of a shown code (/E/…), which judges
the card exactly as /V/ judges a printed one and adds the phone's part of the chain. Thin: rules in phones.py."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from centre.credentials.door import ADVICE, HEADLINES, Light, Reason, Text, light_of
from centre.credentials.public_status import UNKNOWN, CredentialView, mask_name, refused, view_of
from centre.credentials.standing import PageFacts, door_record, standing_of
from centre.credentials.views import page_context, wants_json
from centre.credentials.worker_photos import photo_for_page
from centre.ecard import phones
from centre.ecard import texts as tx
from centre.ecard.errors import ActivationRefused
from centre.public.lang import keep_lang, other, page_lang
from centre.public.limits import seconds_to_wait
from centre.signing_key import centre_key
from wirecontract import ecard
from wirecontract.protocol import shanghai_today, utc_now
from wirecontract.signing import b64url, b64url_decode


def _root(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/").upper()


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    lang = page_lang(request)
    return {"lang": lang, "other_lang": other(lang), "t": tx.PAGES[lang], **extra}


@never_cache
@require_http_methods(["GET", "POST"])
def activation_page(request: HttpRequest, payload: str) -> HttpResponse:
    """GET: what is about to be activated, and the button; POST (JSON, from the page's script): the phone's key."""
    lang = page_lang(request)
    url = _root(request) + ecard.ACTIVATION_PATH + payload
    now = utc_now()
    if request.method == "POST":
        return _register(request, url, lang)
    try:
        trusted = phones.check_activation(url, now)
    except ActivationRefused as refusal:
        page = render(request, "ecard/activate.html", _context(request, error=refusal.message(lang)), status=409)
        return keep_lang(request, page)
    claims = trusted.checked.claims
    context = _context(request, claims=claims, holder=mask_name(claims.name if claims else ""))
    return keep_lang(request, render(request, "ecard/activate.html", context))


def _register(request: HttpRequest, url: str, lang: str) -> HttpResponse:
    try:
        sent = json.loads(request.body or b"{}")
        phone_public = b64url_decode(str(sent.get("public_key", "")))
    except (ValueError, AttributeError):
        phone_public = b""
    now = utc_now()
    # Counted before any check, so refused attempts count too: per client, and per link.
    wait = seconds_to_wait(request, "ecard-activation", hashlib.sha256(url.encode("utf-8")).hexdigest())
    if wait is not None:
        return JsonResponse({"error": tx.PAGES[lang]["too_many"].format(seconds=wait)}, status=429,
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip
    try:
        trusted = phones.check_activation(url, now)
        certified = phones.activate(trusted, phone_public, now)
    except ActivationRefused as refusal:
        return JsonResponse({"error": refusal.message(lang)}, status=409, json_dumps_params={"ensure_ascii": False})
    claims = trusted.checked.claims
    assert claims is not None
    row = trusted.credential
    photo = photo_for_page(row.worker_uid, row.agency_id)
    body = {
        "phone_id": certified.phone.id, "card_url": trusted.activation.card_url,
        "certified": certified.phone.certified_at, "certificate": b64url(certified.certificate),
        "centre_key": b64url(centre_key().public_raw),
        "card": {"credential_no": claims.credential_no, "version": claims.version, "holder": mask_name(claims.name),
                 "agency": claims.agency, "valid_from": claims.valid_from.isoformat(),
                 "valid_to": claims.valid_to.isoformat(), "demo": claims.demo,
                 "photo": photo.data_url if photo else None},
    }  # fmt: skip
    return JsonResponse(body, status=201, json_dumps_params={"ensure_ascii": False})


@require_GET
def card_page(request: HttpRequest) -> HttpResponse:
    """The worker's card: a static shell the service worker keeps; the card itself is in the phone's IndexedDB."""
    response = render(request, "ecard/card.html")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_check_page(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows for /E/… without the network: the chain checked in the page only."""
    response = render(request, "ecard/offline.html")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = {"name": "电子上门服务证 · E-credential", "short_name": "上门服务证", "start_url": "/e/", "scope": "/e/",
            "display": "standalone", "background_color": "#ffffff", "theme_color": "#1a7f37",
            "icons": [{"src": "/p/icon.svg", "sizes": "any", "type": "image/svg+xml"}]}  # fmt: skip
    return JsonResponse(body, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def phone_status(request: HttpRequest, phone_id: str) -> HttpResponse:
    """The worker's page asks whether its card is usable: this phone current, the credential live."""
    lang = page_lang(request)
    found = phones.phone_status(phone_id, shanghai_today())
    if found is None:
        return JsonResponse({"usable": False, "state": "unknown", "text": tx.PHONE_UNKNOWN(lang)}, status=404,
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip
    phone, view, row = found
    if phone.voided_at is not None:
        body = {"usable": False, "state": "voided", "text": tx.PHONE_VOIDED(lang)}
    else:
        light = light_of(view, standing_of(row.worker_uid) if row is not None and view.shows_photo else None)
        body = {"usable": view.state in phones.LIVE_STATES, "state": view.state, "text": light.headline(lang),
                "light": light.colour}  # fmt: skip
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def verification_page(request: HttpRequest, payload: str) -> HttpResponse:
    """A shown e-credential code: the card as /V/ judges it, the phone's chain, then the live status."""
    lang = page_lang(request)
    now = utc_now()
    shown = phones.check_shown(_root(request) + ecard.PATH + payload, now)
    if shown is None or shown.checked.claims is None:
        return _verdict(request, UNKNOWN, light_of(UNKNOWN, None), None, 404, lang)
    claims, checked = shown.checked.claims, shown.checked
    if checked.refusal is not None:
        view = refused(claims.credential_no, checked.refusal, claims.demo)
        return _verdict(request, view, light_of(view, None), None, 200, lang)
    if shown.chain is not ecard.ChainReason.FRESH:
        reason = Text(shown.chain.explain("zh"), shown.chain.explain("en"))
        headline = tx.STALE if shown.chain is ecard.ChainReason.STALE else HEADLINES["refused"]
        view = refused(claims.credential_no, reason.zh, claims.demo)
        return _verdict(request, view, _red(reason, headline), None, 200, lang)
    if not shown.current:
        reason = tx.PHONE_VOIDED if shown.phone is not None else tx.PHONE_UNKNOWN
        view = refused(claims.credential_no, reason.zh, claims.demo)
        return _verdict(request, view, _red(reason, tx.VOID), None, 200, lang)
    # The credential with all the page shows of it in one statement, as /V/ reads it (centre/credentials/standing.py).
    door = door_record(claims.credential_no[:64], with_page=not wants_json(request))
    if door is None:
        view = CredentialView("unsynced", claims.credential_no, "", None, (), claims.demo)
        return _verdict(request, view, light_of(view, None), None, 200, lang)
    entry = phones.entry_of(door.row)
    disagreement = checked.disagreement_with(entry)
    if disagreement is not None:
        view = refused(claims.credential_no, disagreement, claims.demo)
        return _verdict(request, view, light_of(view, None), None, 200, lang)
    view = view_of(entry, claims.credential_no, shanghai_today(now), card_version=claims.version)
    light = light_of(view, door.standing if view.shows_photo else None)
    if view.state in phones.LIVE_STATES:
        light = Light(light.colour, light.headline, (Reason(True, tx.PHONE_CURRENT), *light.reasons), light.advice)
    return _verdict(request, view, light, door.row, 200, lang, door.page)


def _red(reason: Text, headline: Text) -> Light:
    return Light("red", headline, (Reason(False, reason),), ADVICE["red"])


def _verdict(
    request: HttpRequest, view: CredentialView, light: Light, row: Any, status: int, lang: str,
    facts: PageFacts | None = None,
) -> HttpResponse:  # fmt: skip
    if wants_json(request):
        return JsonResponse({**view.to_json(), **light.to_json(lang), "ecard": True}, status=status,
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip
    context = page_context(request, view, light, row, lang, facts)
    context.update(title=tx.PAGES[lang]["verify_title"], ecard=True)  # the printed card's page, e-card parts on
    return keep_lang(request, render(request, "credentials/status.html", context, status=status))
