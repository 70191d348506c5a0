"""The public pages: the verification page a phone opens from the card's QR code, as HTML or (when asked with
`Accept: application/json`) as JSON for platforms that check workers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centre.credentials.models import Credential
from centre.credentials.public_status import UNKNOWN, CredentialView, RegisterEntry, refused, view_of
from centre.credentials.qr_trust import check_scanned
from centre.credentials.worker_photos import photo_for_page


def _entry(row: Credential) -> RegisterEntry:
    return RegisterEntry(row.credential_no, row.state, row.hold, row.version, row.holder_name, row.valid_to,
                         row.health_valid_to, row.insurance_valid_to, row.simulated)  # fmt: skip


def _answer(request: HttpRequest, view: CredentialView, status: int, row: Credential | None = None) -> HttpResponse:
    """The JSON form never carries the photo (docs/centre.md, "The verification page"): it is for the person at
    the door, not for platforms that check many credentials."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(view.to_json(), status=status, json_dumps_params={"ensure_ascii": False})
    photo = photo_for_page(row.worker_uid, row.agency_id) if row is not None and view.shows_photo else None
    return render(request, "credentials/status.html", {"view": view, "photo": photo}, status=status)


@require_GET
def verification_page(request: HttpRequest, payload: str) -> HttpResponse:
    """The QR flow: the signature and the signer's right to sign that number first, then the centre's record.
    The URL is signed in upper case, base included, so the scanned text is rebuilt from this request's address."""
    scanned = request.build_absolute_uri("/").rstrip("/").upper() + "/V/" + payload
    today = dt.date.today()
    checked = check_scanned(scanned, today, allow_demo=settings.DEMO)
    if checked.claims is None:
        return _answer(request, UNKNOWN, 404)
    claims = checked.claims
    if checked.refusal is not None:
        return _answer(request, refused(claims.credential_no, checked.refusal, claims.demo), 200)
    row = Credential.objects.filter(pk=claims.credential_no[:64]).first()
    if row is None:
        return _answer(request, CredentialView("unsynced", claims.credential_no, "", None, (), claims.demo), 200)
    entry = _entry(row)
    disagreement = checked.disagreement_with(entry)
    if disagreement is not None:
        return _answer(request, refused(claims.credential_no, disagreement, claims.demo), 200)
    return _answer(request, view_of(entry, claims.credential_no, today, card_version=claims.version), 200, row)
