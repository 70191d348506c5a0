"""The terminal API's bulk routes (push, pull, receipt) served by worker processes of their own.

Why: Django runs each request's view in a thread of its own, but every thread of one Python process shares one
interpreter lock. A 10,000-event push holds it for seconds, in stretches of up to a tenth of a second at a time
(parsing 5 MB of JSON, validating ten thousand events, writing them); the public verification page, served by the
same process, waited behind it (bench: `python -m bench centre`). In processes of their own the bulk routes
cannot hold up the page; the database already lets the page read while a push writes (WAL, or PostgreSQL).

How: pure ASGI middleware. A bulk request's body (within centre.limits' bound, which stands in front) is read
here, and the request is run, scope and body, through the same Django application in a worker process
(`concurrent.futures.ProcessPoolExecutor`, started with `spawn`: forking a process that runs threads and holds
database connections is unsafe). The worker sends back the ASGI messages of its answer, which are passed on.
Everything else (the pages, enrolment, health) is served here as before.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import multiprocessing.connection
import os
import random
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from centre.limits import ASGIApp, Message, Receive, Scope, Send
from centre.page_threads import whole_body
from wirecontract import protocol as p

# The routes whose work grows with the data: a push of up to MAX_PUSH_BATCH events, a pull of up to 5,000
# changes, a receipt over every event a terminal ever sent.
BULK_ROUTES = frozenset(
    {("POST", p.PUSH_PATH), ("GET", p.PULL_PATH), ("GET", p.RECEIPT_PATH), ("GET", p.MY_EVENTS_PATH)}
)

# Only what an HTTP request's scope is made of; server-specific entries (state, extensions) stay behind.
_SCOPE_KEYS = ("type", "asgi", "http_version", "method", "scheme", "path", "raw_path", "query_string", "root_path",
               "headers", "client", "server")  # fmt: skip


def is_bulk(scope: Scope) -> bool:
    return scope["type"] == "http" and (scope["method"], scope["path"].rstrip("/")) in BULK_ROUTES


class BulkRoutesInWorkers:
    """ASGI middleware: bulk routes to `processes` worker processes, everything else to `app` here. With
    `processes=0` everything is served here (a single process, as before)."""

    def __init__(self, app: ASGIApp, processes: int, rng: random.Random | None = None) -> None:
        self.app = app
        self.processes = processes
        self.rng = rng or random.Random()  # the busy answer's Retry-After (BUSY_RETRY_AFTER)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        # Bodies wait here, in memory, for a worker: a bound on how many may wait keeps a flood of pushes (signed
        # or not: the signature is checked in the worker) from exhausting the serving process.
        self.max_in_flight = max(2, processes * 4)
        self._in_flight = 0  # changed only on the event loop's thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.processes <= 0 or not is_bulk(scope):
            await self.app(scope, receive, send)
            return
        if self._in_flight >= self.max_in_flight:
            for message in _unavailable(busy=True, retry_after=self.rng.randint(*BUSY_RETRY_AFTER)):
                await send(message)
            return
        self._in_flight += 1
        try:
            messages = await self._serve(scope, receive)
        finally:
            self._in_flight -= 1
        for message in messages:
            await send(message)

    async def _serve(self, scope: Scope, receive: Receive) -> list[Message]:
        body = await whole_body(receive)
        if body is None:
            return []  # the client went away before its request was complete: nothing to answer
        request = {key: scope[key] for key in _SCOPE_KEYS if key in scope}
        try:
            return await asyncio.wrap_future(self._executor().submit(serve_in_worker, request, body))
        except BrokenProcessPool:
            # A worker died (killed, or out of memory): this request is lost; the next one gets new workers.
            self._discard_pool()
            return _unavailable()

    def start(self) -> None:
        """Start every worker now and wait until each has Django and the API loaded. A pool started by the first
        bulk request made that request wait about a second for it; a centre that says it is serving should be."""
        if self.processes <= 0:
            return
        pool = self._executor()
        # Submitted together, before any worker can be idle: the pool starts a process for each.
        for started in [pool.submit(_started) for _ in range(self.processes)]:
            started.result()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker)  # fmt: skip
            return self._pool

    def _discard_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


# Seconds a terminal told the centre is busy waits before it tries again, drawn at random for each answer: hundreds
# of terminals refused in the same second and all told "1" came back together and filled the queue again.
# Terminals honour it (terminal/sync/worker.py; bench/centre_load's simulated ones too).
BUSY_RETRY_AFTER = (1, 5)


def _unavailable(busy: bool = False, retry_after: int = 1) -> list[Message]:
    # Plain text, like the HTTP server's own answers to a failure: terminals decide 5xx answers by status (retry,
    # after Retry-After), and the API's error codes name refusals of a request, not a lost process.
    if busy:
        body = "中心繁忙，请稍后重试。\nThe centre is busy; try again shortly.\n".encode()
    else:
        body = "中心处理该请求的进程中断，请稍后重试。\nThe centre lost the process serving this request; try again.\n".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               (b"retry-after", str(retry_after).encode()),
               (p.HEADER_SERVER_TIME.lower().encode(), p.iso(p.utc_now()).encode())]  # fmt: skip
    return [{"type": "http.response.start", "status": 503, "headers": headers},
            {"type": "http.response.body", "body": body}]  # fmt: skip


# --- in the worker process -----------------------------------------------------------------------------------

_worker_app: ASGIApp | None = None
_worker_loop: asyncio.AbstractEventLoop | None = None


ENV_NICENESS = "CENTRE_BULK_NICENESS"
# The lowest: a push waits for whatever the pages leave, which on a busy 2-core machine still took the whole offered
# 2,400 events/s (bench centre-load; 10 gave the bulk workers' many PostgreSQL sessions together the share of a
# page's process once each session's group was lowered too, centre/db_niceness.py). Niceness is a weight, not a
# strict order: a niced process is never starved.
DEFAULT_NICENESS = 19


def bulk_niceness() -> int:
    """How much the bulk workers lower their priority (0–19), from CENTRE_BULK_NICENESS."""
    try:
        return min(19, max(0, int(os.environ.get(ENV_NICENESS, DEFAULT_NICENESS))))
    except ValueError:
        return DEFAULT_NICENESS


def _start_worker() -> None:
    """Django as the serving process set it up: the database URL, mode and home come with the environment."""
    global _worker_app, _worker_loop
    threading.Thread(target=_leave_with_parent, daemon=True, name="leave-with-parent").start()
    from centre.quick_exit import on_exit_end_at_once

    on_exit_end_at_once()
    # A push can wait a moment, a consumer at the door cannot: the bulk workers yield the processor to the
    # serving process (the pages) when both want it (bench centre-load: the verification page's p99 under pushes).
    os.nice(bulk_niceness())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    from django.core.asgi import get_asgi_application

    from centre.db_niceness import yield_database_sessions

    yield_database_sessions(bulk_niceness())  # the database's side of a push yields as well

    _worker_app = get_asgi_application()
    _worker_loop = asyncio.new_event_loop()
    # What the first request would otherwise load on its way: the URLs and with them the API and its schemas.
    from django.urls import get_resolver

    get_resolver().resolve(p.PUSH_PATH)
    gc.freeze()  # what is loaded now lives as long as the worker: no full collection need scan it


def _started() -> int:
    return os.getpid()


def _leave_with_parent() -> None:
    # A serving process that is killed cannot shut its pool down, and a worker waiting for work would wait for
    # ever (holding database connections). The parent's sentinel becomes ready when the parent has gone.
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def serve_in_worker(scope: Scope, body: bytes) -> list[Message]:
    """Run one request through Django; return the ASGI messages of its answer."""
    assert _worker_app is not None and _worker_loop is not None, "the worker was not started"
    return _worker_loop.run_until_complete(_serve(_worker_app, scope, body))


async def _serve(app: ASGIApp, scope: Scope, body: bytes) -> list[Message]:
    answered = asyncio.Event()
    delivered = False
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        # Django listens for a disconnect while the view runs; the client's connection is the serving
        # process's, so this request only ends when its answer is complete.
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(dict(message))
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            answered.set()

    await app(scope, receive, send)
    return sent
