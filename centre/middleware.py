"""Middleware of the centre's own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wirecontract import protocol as p


def server_time_header(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Every answer carries the centre's clock: terminals measure their drift from it, even on errors."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response[p.HEADER_SERVER_TIME] = p.iso(p.utc_now())
        return response

    return middleware
