"""The terminal API (django-ninja): routes from the terminals and sync rooms, one error shape, OpenAPI.

Every whole-request failure answers {"error": {"code", "message"}, "server_time"} with a code from
wirecontract.protocol.ErrorCode; the terminal decides by the code, never by the message.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from centre.errors import ApiError, error_body
from centre.sync import schemas
from centre.sync.api import router as sync_router
from centre.terminals.api import router as enrolment_router
from wirecontract import protocol as p

api = NinjaAPI(
    title="上门服务证 centre: terminal API",
    version="1.0",
    description="The terminal sync protocol (docs/sync-protocol.md).",
    urls_namespace="terminal-api",
    docs_url="/docs" if settings.API_DOCS else None,
    openapi_url="/openapi.json" if settings.API_DOCS else None,
)
api.add_router("", enrolment_router)
api.add_router("", sync_router)


@api.get(p.TIME_PATH.removeprefix(p.API), response=schemas.TimeResponse, tags=["sync"])
def server_time(request: HttpRequest) -> dict[str, str]:
    return {"server_time": p.iso(p.utc_now())}


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api.create_response(request, exc.body(), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    body = error_body(p.ErrorCode.BAD_REQUEST.value, f"invalid request at {where}")
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = error_body(p.ErrorCode.BAD_SIGNATURE.value, "missing or malformed signature headers")
    return api.create_response(request, body, status=401)
