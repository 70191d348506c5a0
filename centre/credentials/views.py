"""The public pages: the verification page a phone opens from the card's QR code, as HTML or (when asked with
`Accept: application/json`) as JSON for platforms that check workers. docs/public-pages.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centre.credentials.door import Light, light_of
from centre.credentials.models import Credential
from centre.credentials.public_status import UNKNOWN, CredentialView, RegisterEntry, refused, view_of
from centre.credentials.qr_trust import judged, scanned_qr
from centre.credentials.standing import DoorRecord, PageFacts, agency_card, door_record_and_signer
from centre.credentials.worker_photos import photo_for_page
from centre.evaluations.actions import summary
from centre.public.lang import keep_lang, other, page_lang
from centre.signing_key import centre_key
from wirecontract.protocol import shanghai_today
from wirecontract.signing import b64url


def _entry(row: Credential) -> RegisterEntry:
    return RegisterEntry(row.credential_no, row.state, row.hold, row.version, row.holder_name, row.valid_to,
                         row.health_valid_to, row.insurance_valid_to, row.simulated)  # fmt: skip


def wants_json(request: HttpRequest) -> bool:
    """The JSON twin (platforms that check workers) rather than the page."""
    return "application/json" in request.headers.get("Accept", "")


def _answer(request: HttpRequest, view: CredentialView, status: int, door: DoorRecord | None = None) -> HttpResponse:
    """The JSON form never carries the photo (docs/centre.md, "The verification page"): it is for the person at
    the door, not for platforms that check many credentials."""
    lang = page_lang(request)
    held = door is not None and view.shows_photo
    light = light_of(view, door.standing if held and door else None)
    if wants_json(request):
        body = {**view.to_json(), **light.to_json(lang)}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    row = door.row if door else None
    context = page_context(request, view, light, row, lang, door.page if held and door else None)
    return keep_lang(request, render(request, "credentials/status.html", context, status=status))


def page_context(
    request: HttpRequest, view: CredentialView, light: Light, row: Credential | None, lang: str,
    facts: PageFacts | None = None,
) -> dict[str, Any]:  # fmt: skip
    """What the page shows: only for a credential the centre holds the photo, the agency and the summary (`facts`
    when the caller read them with the credential, else read here)."""
    held = row is not None and view.shows_photo
    if held and row and facts is None:
        facts = PageFacts(agency_card(row.agency_id), summary(row.worker_uid),
                          photo_for_page(row.worker_uid, row.agency_id))  # fmt: skip
    return {
        "view": view, "light": light, "lang": lang, "other_lang": other(lang), "t": TEXTS[lang],
        "headline": light.headline(lang), "advice": light.advice(lang),
        "reasons": [(r.ok, r.text(lang)) for r in light.reasons],
        "photo": facts.photo if held and facts else None,
        "agency": facts.agency if held and facts else None,
        "summary": facts.summary if held and facts else None,
        "valid_from": row.valid_from if held and row else None,
        "centre_key": b64url(centre_key().public_raw), "demo_allowed": settings.DEMO,
    }  # fmt: skip


@require_GET
def verification_page(request: HttpRequest, payload: str) -> HttpResponse:
    """The QR flow: the signature and the signer's right to sign that number first, then the centre's record.
    The URL is signed in upper case, base included, so the scanned text is rebuilt from this request's address."""
    scanned = request.build_absolute_uri("/").rstrip("/").upper() + "/V/" + payload
    today = shanghai_today()
    decoded = scanned_qr(scanned)
    if decoded is None:
        return _answer(request, UNKNOWN, 404)
    # The signer and the record in one statement: a page waits for the database once (bench centre-load).
    door, signer = door_record_and_signer(decoded, with_page=not wants_json(request))
    checked = judged(scanned, decoded, signer, today, allow_demo=settings.DEMO)
    claims = decoded.claims
    if checked.refusal is not None:
        return _answer(request, refused(claims.credential_no, checked.refusal, claims.demo), 200)
    if door is None:
        return _answer(request, CredentialView("unsynced", claims.credential_no, "", None, (), claims.demo), 200)
    entry = _entry(door.row)
    disagreement = checked.disagreement_with(entry)
    if disagreement is not None:
        return _answer(request, refused(claims.credential_no, disagreement, claims.demo), 200)
    return _answer(request, view_of(entry, claims.credential_no, today, card_version=claims.version), 200, door)


TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "上门服务证核验", "switch": "English", "number": "证件编号", "version": "版本", "holder": "持证人",
        "validity": "有效期", "agency": "发证机构", "phone": "电话", "address": "地址", "not_given": "机构未提供",
        "grade": "机构信用等级", "not_graded": "尚未评级", "rating": "服务评价", "no_rating": "暂无评价",
        "ratings": "条评价", "compare": "请核对上门人员是否为本人。", "no_photo": "中心没有持证人的照片，请核对其身份证件。",
        "demo": "演示数据，非真实证件", "live": "实时状态（需联网）", "complain": "投诉", "check": "本机签名核验",
        "check_pending": "正在核验签名…", "offline_note": "签名核验在本机完成，断网时也能识别伪造的二维码；实时状态需要联网。",
        "to": "至",
    },
    "en": {
        "title": "Home-service credential check", "switch": "中文", "number": "Credential no.", "version": "Version",
        "holder": "Holder", "validity": "Valid", "agency": "Issuing agency", "phone": "Phone", "address": "Address",
        "not_given": "not given by the agency", "grade": "Agency credit grade", "not_graded": "not yet graded",
        "rating": "Service rating", "no_rating": "no ratings yet", "ratings": "ratings",
        "compare": "Check that the person at the door is the one in the photo.",
        "no_photo": "The centre has no photo of the holder: check their ID card.", "demo": "Demo data, not a real credential",
        "live": "Live status (needs the network)", "complain": "Complain", "check": "Signature checked on this phone",
        "check_pending": "Checking the signature…",
        "offline_note": "The signature is checked on this phone, so a forged QR is recognised even offline; the live status needs the network.",
        "to": "to",
    },
}  # fmt: skip
