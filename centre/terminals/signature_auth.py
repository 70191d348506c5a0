"""The terminal API's authentication for django-ninja: every signed route gets the signing Terminal as
`request.auth`, or the request fails with the typed error from request_auth."""

from __future__ import annotations

import time

from django.http import HttpRequest
from ninja.security import APIKeyHeader

from centre.terminals.models import Terminal
from centre.terminals.request_auth import authenticate, body_digest
from wirecontract import protocol as p


class TerminalSignature(APIKeyHeader):
    """Documented in OpenAPI as the X-Signature header; X-Terminal-Id, X-Timestamp and X-Nonce go with it
    (docs/sync-protocol.md, "Signed requests")."""

    param_name = p.HEADER_SIGNATURE

    def authenticate(self, request: HttpRequest, key: str | None) -> Terminal:
        body = request.body  # read here: a body that cannot be read fails the request as before
        return authenticate(request.method or "GET", request.get_full_path(), request.headers, body,
                            int(time.time()), digest=body_digest(request))  # fmt: skip
