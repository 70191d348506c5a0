"""Django's pages served as WSGI in a pool of kept threads of the serving process, behind the ASGI server.

Why: every view of the centre is synchronous. Under Django's ASGI handler each request started a thread of its own
(asgiref's per-request thread-sensitive context) and crossed between that thread and the event loop at every
change between synchronous and asynchronous middleware, seven crossings a request with the centre's middleware;
the verification page spent about a quarter of its processor time on that (bench: `python -m bench centre-load`,
where the page's processor time is what the pushes do not get). Here a request crosses once each way: the body is
read whole on the event loop, the whole WSGI request (middleware, view, the answer's iteration and close) runs in
one kept thread, which hands back the complete answer, and the event loop sends it. Each crossing is a thread
waking another and winning the interpreter lock back; on a busy machine every one costs the page latency
(docs/decisions/0005).

The body is read whole first, as Django's ASGI handler did before any view: the size limit in front
(centre/limits.py) counts it as it arrives, a body sent chunked reaches Django with its length (WSGI reads a body
by its Content-Length), and no thread waits on a slow client. The answer is held whole in memory before it is sent:
the centre's answers are pages, JSON and small files (the console's exports are a few megabytes at most).

The WSGI environment is built by a2wsgi, the kept library for ASGI-to-WSGI translation.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, cast

from a2wsgi.wsgi import build_environ

from centre.limits import ASGIApp, Message, Receive, Scope, Send

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


class PagesInThreads:
    """ASGI application: each HTTP request answered by the WSGI application `app` in one of `threads` kept
    threads. Other kinds of connection (websockets) are refused."""

    def __init__(self, app: WSGIApp, threads: int) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="page")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1000})
            return
        body = await whole_body(receive)
        if body is None:
            return  # the client went away before its request was complete: nothing to answer
        headers = [(name, value) for name, value in scope["headers"]
                   if name not in (b"content-length", b"transfer-encoding")]  # fmt: skip
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        environ = cast(dict[str, Any], build_environ(cast(Any, {**scope, "headers": headers}), cast(Any, io.BytesIO(body))))
        context = contextvars.copy_context()  # what the request's task set (none today) reaches the thread
        loop = asyncio.get_running_loop()
        for message in await loop.run_in_executor(self.executor, context.run, self._answer, environ):
            await send(message)

    def _answer(self, environ: dict[str, Any]) -> list[Message]:
        """In a page thread: the WSGI request from start to close, as the ASGI messages of its answer."""
        started: list[Message] = []
        chunks: list[bytes] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: ExcInfo | None = None) -> Any:
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])  # too late to change the status: PEP 3333
            encoded = [(name.strip().lower().encode("latin1"), value.strip().encode("latin1")) for name, value in headers]
            started[:] = [{"type": "http.response.start", "status": int(status.split(" ", 1)[0]), "headers": encoded}]
            return chunks.append  # WSGI's write()

        answer = self.app(environ, start_response)
        try:
            chunks.extend(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()  # Django's request_finished: the connection goes back to the pool
        return [*started, {"type": "http.response.body", "body": b"".join(chunks)}]


async def whole_body(receive: Receive) -> bytes | None:
    """A request's whole body, or None when the client went away first."""
    parts = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(parts)


def pages_application(wsgi_application: Any, threads: int) -> ASGIApp:
    """The WSGI application as ASGI, its requests answered by `threads` kept threads."""
    return PagesInThreads(wsgi_application, threads)
