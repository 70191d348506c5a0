"""The enrolment route: the only terminal route that is not signed (the terminal has no identity yet)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.decorators import decorate_view

from centre.ratelimits import rate_limited
from centre.signing_key import centre_key
from centre.sync import schemas
from centre.terminals.enrolment import enrol
from centre.terminals.trust_list import trust_list
from wirecontract import protocol as p
from wirecontract.signing import b64url

router = Router(tags=["enrolment"])
ERRORS = {code: schemas.ErrorResponse for code in (400, 404, 409, 410, 413, 422, 429)}


@router.post(p.ENROL_PATH.removeprefix(p.API), response={200: schemas.EnrolResponse, **ERRORS})
@decorate_view(rate_limited("enrol", "CENTRE_RATE_ENROL"))  # counted before the body is parsed or a code looked up
def enrol_terminal(request: HttpRequest, body: schemas.EnrolRequest) -> dict[str, str]:
    enrolled = enrol(body.code, body.public_key, body.proof, body.agency_id, body.terminal_name, body.terminal_number)
    terminal = enrolled.terminal
    return {"terminal_id": terminal.id, "agency_id": terminal.agency_id, "agency_name": enrolled.agency_name,
            "key_id": terminal.key_id, "terminal_number": terminal.terminal_number,
            "centre_public_key": b64url(centre_key().public_raw), "server_time": p.iso(p.utc_now())}  # fmt: skip


@router.get(p.TRUST_LIST_PATH.removeprefix(p.API), response={200: dict[str, Any], 429: schemas.ErrorResponse})
def get_trust_list(request: HttpRequest) -> dict[str, Any]:
    """Every terminal key the centre trusts, per agency, with validity windows; signed by the centre's key."""
    return trust_list()
