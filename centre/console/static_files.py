"""Static files (the console's styles, htmx) served by the centre process itself through WhiteNoise.

WhiteNoise answers with a file to stream; the console's files are small (htmx is about 50 kB), so each is read
whole into one answer with its length (centre/page_threads.py sends every answer whole anyway)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFiles(WhiteNoiseMiddleware):  # type: ignore[misc]
    @staticmethod
    def serve(static_file: Any, request: HttpRequest) -> HttpResponse:
        answer = static_file.get_response(request.method, request.META)
        body = b""
        if answer.file is not None:
            with answer.file as handle:
                body = handle.read()
        response = HttpResponse(body, status=int(answer.status))
        del response["Content-Type"]
        for key, value in answer.headers:
            response[key] = value
        return response
