"""The public pages: the verification page a phone opens from the card's QR code, and live status by number."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from centre.credentials.models import Credential
from centre.credentials.public_status import UNKNOWN, CredentialView, RegisterEntry, view_of
from centre.terminals.models import Terminal
from wirecontract import qrpayload
from wirecontract.errors import ContractError
from wirecontract.signing import b64url_decode


def _entry(credential_no: str) -> RegisterEntry | None:
    row = Credential.objects.filter(pk=credential_no[:64]).first()
    if row is None:
        return None
    return RegisterEntry(row.credential_no, row.status, row.holder_name, row.valid_to, row.health_valid_to,
                         row.insurance_valid_to, row.simulated)  # fmt: skip


def _page(request: HttpRequest, view: CredentialView, status: int) -> HttpResponse:
    return render(request, "credentials/status.html", {"view": view}, status=status)


@require_GET
def status_by_number(request: HttpRequest, credential_no: str) -> HttpResponse:
    """Live status by credential number, for centre staff and agencies."""
    view = view_of(_entry(credential_no), credential_no, dt.date.today())
    return _page(request, view, 404 if view.state == "unknown" else 200)


@require_GET
def verification_page(request: HttpRequest, payload: str) -> HttpResponse:
    """The QR flow: check the signed payload, then add the centre's live status. The URL is signed in upper
    case, base included, so the scanned text is rebuilt from this request's own address."""
    scanned = request.build_absolute_uri("/").rstrip("/").upper() + "/V/" + payload
    try:
        key_id = qrpayload.decode(scanned).terminal_key_id
    except ContractError:
        return _page(request, UNKNOWN, 404)
    terminal = Terminal.objects.filter(key_id=key_id).first()
    known = {key_id: b64url_decode(terminal.public_key)} if terminal else {}
    result = qrpayload.verify(scanned, known, allow_demo=settings.DEMO)
    claims = result.credential.claims if result.credential else None
    if claims is None:
        return _page(request, UNKNOWN, 404)
    if not result.valid:
        refused = CredentialView("refused", claims.credential_no, "", None, (result.reason.explain("zh"),), claims.demo)
        return _page(request, refused, 200)
    view = view_of(_entry(claims.credential_no), claims.credential_no, dt.date.today())
    if view.state == "unknown":
        view = CredentialView("unsynced", claims.credential_no, "", claims.valid_to.isoformat(), (), claims.demo)
    return _page(request, view, 200)
