"""Whole-request failures: an HTTP status plus a machine-readable code from the shared protocol."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from wirecontract.protocol import ErrorCode, iso, utc_now


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_body(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}, "server_time": iso(utc_now())}


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(error_body(exc.code.value, exc.message), status_code=exc.status)
