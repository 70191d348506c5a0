"""The enrolment route: the only terminal route that is not signed (the terminal has no identity yet)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from centre.sync import schemas
from centre.terminals.enrolment import enrol
from wirecontract import protocol as p

router = Router(tags=["enrolment"])
ERRORS = {code: schemas.ErrorResponse for code in (400, 404, 409, 413, 422, 429)}


@router.post(p.ENROL_PATH.removeprefix(p.API), response={200: schemas.EnrolResponse, **ERRORS})
def enrol_terminal(request: HttpRequest, body: schemas.EnrolRequest) -> dict[str, str]:
    terminal = enrol(body.code, body.public_key, body.proof, body.agency_id, body.agency_name, body.terminal_name)
    return {"terminal_id": terminal.id, "agency_id": terminal.agency_id, "key_id": terminal.key_id,
            "server_time": p.iso(p.utc_now())}  # fmt: skip
