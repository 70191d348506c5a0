"""Every answer of the terminal API is signed with the centre's key, bound to the request it answers, so a
terminal that pinned the key at enrolment believes nothing a fake server says (docs/keys-and-trust.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from centre.signing_key import centre_key, handover_header
from centre.terminals.request_auth import body_digest
from wirecontract import protocol as p
from wirecontract.signing import b64url


def sign_terminal_api_answers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    prefix = p.API + "/"

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.path.startswith(prefix) and not getattr(response, "streaming", False):
            message = p.canonical_response(request.method or "GET", request.get_full_path(), b"",
                                           request.headers.get(p.HEADER_NONCE, ""), response.status_code,
                                           response.content, request_body_digest=body_digest(request))  # fmt: skip
            response[p.HEADER_CENTRE_SIGNATURE] = b64url(centre_key().sign(message))
            handover = handover_header()
            if handover:  # after a rotation: terminals that pinned an earlier key follow it to this one
                response[p.HEADER_CENTRE_KEY_HANDOVER] = handover
        return response

    return middleware

