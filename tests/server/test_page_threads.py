"""Django's pages as WSGI in kept threads (centre/page_threads.py): what a WSGI application sees of an ASGI request,
what the client gets of its answer, and that no thread is started per request."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from centre.page_threads import pages_application

Environ = dict[str, Any]


class EchoApp:
    """A WSGI application that answers with what it read, and remembers the threads it ran in."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.environs: list[Environ] = []

    def __call__(self, environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.threads.add(threading.get_ident())
        self.environs.append(environ)
        length = int(environ.get("CONTENT_LENGTH") or 0)  # as Django reads it: by the declared length
        body = environ["wsgi.input"].read(length)
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [body]


def _serve(app: Any, messages: Sequence[Mapping[str, Any]], headers: list[tuple[bytes, bytes]]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    pending = list(messages)

    async def receive() -> Mapping[str, Any]:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(dict(message))

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/x", "raw_path": b"/x", "root_path": "", "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}  # fmt: skip
    # In a thread of its own: a browser test earlier in the session may leave an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(app(scope, receive, send))).result()
    return sent


def _body(sent: list[dict[str, Any]]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_chunked_body_reaches_the_wsgi_application_whole_with_its_length() -> None:
    """WSGI reads a body by its Content-Length: a chunked request (none declared) would otherwise arrive empty."""
    echo = EchoApp()
    parts = [b"first part,", b"second part,", b"last"]
    messages = [{"type": "http.request", "body": part, "more_body": i < len(parts) - 1} for i, part in enumerate(parts)]
    sent = _serve(pages_application(echo, threads=2), messages, [(b"transfer-encoding", b"chunked")])
    assert sent[0]["status"] == 200
    assert _body(sent) == b"first part,second part,last"
    assert echo.environs[0]["CONTENT_LENGTH"] == str(len(b"".join(parts)))
    assert "HTTP_TRANSFER_ENCODING" not in echo.environs[0]


def test_a_declared_length_is_the_body_read() -> None:
    echo = EchoApp()
    sent = _serve(pages_application(echo, threads=2), [{"type": "http.request", "body": b"12345", "more_body": False}],
                  [(b"content-length", b"5"), (b"content-type", b"text/plain")])  # fmt: skip
    assert _body(sent) == b"12345"
    assert echo.environs[0]["CONTENT_TYPE"] == "text/plain"


def test_a_client_gone_before_its_body_was_complete_reaches_no_application() -> None:
    echo = EchoApp()
    messages: list[dict[str, Any]] = [{"type": "http.request", "body": b"half", "more_body": True},
                                      {"type": "http.disconnect"}]  # fmt: skip
    assert _serve(pages_application(echo, threads=2), messages, [(b"content-length", b"100")]) == []
    assert echo.environs == []


def test_requests_are_answered_by_kept_threads_not_one_started_each() -> None:
    echo = EchoApp()
    app = pages_application(echo, threads=2)
    for _ in range(20):
        _serve(app, [{"type": "http.request", "body": b"", "more_body": False}], [])
    assert len(echo.environs) == 20
    assert len(echo.threads) <= 2


class StreamedAnswer:
    """A WSGI answer in pieces, with a close() that must be called (Django returns its connection to the pool
    there), written partly through write() as PEP 3333 allows."""

    def __init__(self) -> None:
        self.closed_in: int | None = None

    def __call__(self, environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        write = start_response("404 Not Found", [("Content-Type", "text/plain"), ("X-Answer", " streamed ")])
        write(b"written, ")
        outer = self

        class Pieces:
            def __iter__(self) -> Iterable[bytes]:
                yield from (b"first, ", b"", b"last")

            def close(self) -> None:
                outer.closed_in = threading.get_ident()

        return Pieces()  # type: ignore[return-value]


def test_a_streamed_answer_goes_out_whole_with_its_status_and_headers_and_is_closed_in_its_thread() -> None:
    streamed = StreamedAnswer()
    sent = _serve(pages_application(streamed, threads=1), [{"type": "http.request", "body": b"", "more_body": False}],
                  [])  # fmt: skip
    start, *bodies = sent
    assert start["status"] == 404
    assert (b"x-answer", b"streamed") in start["headers"] and (b"content-type", b"text/plain") in start["headers"]
    assert _body(sent) == b"written, first, last"
    assert len(bodies) == 1 and not bodies[0].get("more_body", False)  # one message: one crossing back
    assert streamed.closed_in is not None and streamed.closed_in != threading.get_ident()
