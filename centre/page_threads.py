"""Django's pages served as WSGI in a pool of threads of the serving process (a2wsgi), behind the ASGI server.

Why: every view of the centre is synchronous. Under Django's ASGI handler each request started a thread of its own
(asgiref's per-request thread-sensitive context) and crossed between that thread and the event loop at every
change between synchronous and asynchronous middleware, seven crossings a request with the centre's middleware;
the verification page spent about a quarter of its processor time on that (bench: `python -m bench centre-load`,
where the page's processor time is what the pushes do not get). As WSGI, the whole request (middleware and view)
runs in one kept thread, and the event loop only carries the bytes.

The body is read whole here, on the event loop, before the request goes to a thread (as Django's ASGI handler did
before any view): the size limit in front (centre/limits.py) counts it as it arrives, a body sent chunked reaches
Django with its length (WSGI reads a body by its Content-Length), and no thread waits on a slow client.
"""

from __future__ import annotations

from a2wsgi import WSGIMiddleware

from centre.limits import ASGIApp, Message, Receive, Scope, Send


class WholeBodyFirst:
    """ASGI middleware: an HTTP request's body is read whole before `app` sees the request, which then gets it in
    one message, with a Content-Length naming its size. A client gone before its body was complete gets nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        parts = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(parts)
        headers = [(name, value) for name, value in scope["headers"]
                   if name not in (b"content-length", b"transfer-encoding")]  # fmt: skip
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        delivered = False

        async def whole_body() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": headers}, whole_body, send)


def pages_application(wsgi_application: object, threads: int) -> ASGIApp:
    """The WSGI application as ASGI: its requests answered by `threads` kept threads, bodies read first."""
    return WholeBodyFirst(WSGIMiddleware(wsgi_application, workers=threads))  # type: ignore[arg-type]
