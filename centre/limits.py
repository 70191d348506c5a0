"""The request-body size limit, enforced in front of Django as pure ASGI middleware.

A request's whole body is read (centre/page_threads.py) before any view, middleware or signature check runs,
so a limit inside Django comes too late: an unauthenticated client could make the centre
take in 50 MB. Here the limit is checked on the Content-Length header before a byte of the body is read, and a
body without one (chunked) is counted as it arrives and cut off at the limit. Either way the client gets 413 with
the API's error shape and the connection is closed.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from centre.errors import error_body
from wirecontract import protocol as p

# The shapes of ASGI applications and their messages, for the type checker.
Scope = dict[str, Any]
Message = Mapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A push of MAX_PUSH_BATCH events is a few megabytes (about 400 bytes an event); 16 MiB leaves room for large
# payloads without letting one request hold hundreds of megabytes.
PUSH_BODY_LIMIT = 16 * 1024 * 1024
# Every other request (enrolment, identity status, the pages) carries at most a few hundred bytes.
DEFAULT_BODY_LIMIT = 64 * 1024
# The console's two uploads (a police-check result file, an integrity record's evidence): a file of a few MB,
# still bounded before a byte is read; the views check the file itself again.
UPLOAD_BODY_LIMIT = 6 * 1024 * 1024
UPLOAD_PATHS = frozenset({"/console/policecheck/import/", "/console/integrity/", "/complain"})  # + consumers' photos


def body_limit(method: str, path: str, push_limit: int = PUSH_BODY_LIMIT, default: int = DEFAULT_BODY_LIMIT,
               signed: bool = True) -> int:  # fmt: skip
    """The largest body this request may carry, in bytes. Only a push that carries a terminal's signature headers
    may be large: anyone can send a body, and an unsigned one gets no more room than any other request."""
    if signed and method == "POST" and path.rstrip("/") == p.PUSH_PATH:
        return push_limit
    return UPLOAD_BODY_LIMIT if method == "POST" and path in UPLOAD_PATHS else default


_SIGNATURE_HEADERS = {h.lower().encode() for h in (p.HEADER_TERMINAL, p.HEADER_SIGNATURE, p.HEADER_NONCE, p.HEADER_TIMESTAMP)}


def carries_signature(scope: Scope) -> bool:
    return {name for name, _value in scope["headers"]} >= _SIGNATURE_HEADERS


class BodySizeLimit:
    """ASGI middleware: 413 for a body over `body_limit(...)`, decided before the body reaches the application."""

    def __init__(
        self, app: ASGIApp, push_limit: int = PUSH_BODY_LIMIT, default_limit: int = DEFAULT_BODY_LIMIT
    ) -> None:
        self.app = app
        self.push_limit = push_limit
        self.default_limit = default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["method"], scope["path"], self.push_limit, self.default_limit, carries_signature(scope))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit, _page_language(scope))
            return
        await _LimitedRequest(self.app, limit, _page_language(scope)).run(scope, receive, send)


class _LimitedRequest:
    """One request whose body is counted as the application reads it. Past the limit the client is answered
    413, and the application is told the client went away: Django then drops the request without answering."""

    def __init__(self, app: ASGIApp, limit: int, page_language: str | None = None) -> None:
        self.app = app
        self.limit = limit
        self.page_language = page_language
        self.received = 0
        self.refused = False
        self.answering = False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def limited_receive() -> Message:
            if self.refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.refused = True
                    if not self.answering:  # an answer already begun cannot be replaced; just stop reading
                        await _refuse(send, self.limit, self.page_language)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not self.refused:  # the 413 is the answer; nothing the application says after it may follow
                self.answering = True
                await send(message)

        await self.app(scope, limited_receive, guarded_send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server refuses a malformed length before we are called
    return None


def _page_language(scope: Scope) -> str | None:
    """For a console page, the language its reader chose (Django's language cookie; Chinese first); None for the
    API, which answers in its own error shape."""
    if not str(scope.get("path", "")).startswith("/console/"):
        return None
    for name, value in scope["headers"]:
        if name == b"cookie" and b"django_language=en" in value:
            return "en"
    return "zh"


_TOO_LARGE_PAGE = {
    "zh": "<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>文件过大</title><h1>文件过大</h1>"
          "<p>上传的内容超过 {mb} MB，未被接收，系统中没有任何改动。请返回上一页，选择较小的文件。</p></html>",
    "en": "<!doctype html><html lang='en'><meta charset='utf-8'><title>File too large</title><h1>File too large</h1>"
          "<p>The upload is over {mb} MB and was not taken in; nothing changed. Go back and choose a smaller file.</p>"
          "</html>",
}  # fmt: skip


async def _refuse(send: Send, limit: int, page_language: str | None = None) -> None:
    if page_language is not None:  # a person at a console page: a page they can read
        body = _TOO_LARGE_PAGE[page_language].replace("{mb}", str(limit // (1024 * 1024))).encode()
        content_type = b"text/html; charset=utf-8"
    else:
        message = f"the request body is larger than this address accepts ({limit} bytes)"
        body = json.dumps(error_body(p.ErrorCode.BODY_TOO_LARGE.value, message)).encode()
        content_type = b"application/json"
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        # The body was not read, so the connection cannot carry another request.
        (b"connection", b"close"),
        (p.HEADER_SERVER_TIME.lower().encode(), p.iso(p.utc_now()).encode()),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
