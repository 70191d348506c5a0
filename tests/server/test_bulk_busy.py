"""A centre whose bulk queue is full answers 503 with a Retry-After drawn for each answer (1–5 s), so the terminals
it turned away come back spread out, not together (issue #19); the terminal's sync worker waits exactly that."""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
from collections.abc import Mapping
from typing import Any

from centre.bulk_process import BUSY_RETRY_AFTER, BulkRoutesInWorkers
from terminal.sync.client import parse_retry_after
from wirecontract import protocol as p
from wirecontract.protocol import utc_now


async def _never_called(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("a busy centre does not serve the request")


def _busy_answer(routes: BulkRoutesInWorkers) -> dict[str, str]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(dict(message))

    scope = {"type": "http", "method": "POST", "path": p.PUSH_PATH, "headers": []}
    # In a thread of its own: a browser test earlier in the session leaves Playwright's event loop set as running
    # in this thread, and asyncio.run refuses to start another here.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(routes(scope, receive, send))).result()
    start = sent[0]
    assert start["status"] == 503
    return {k.decode(): v.decode() for k, v in start["headers"]}


def test_a_full_queue_answers_503_with_a_retry_after_spread_over_seconds() -> None:
    routes = BulkRoutesInWorkers(_never_called, processes=2, rng=random.Random(19))
    routes._in_flight = routes.max_in_flight  # every slot taken by pushes waiting for a worker
    waits = [_busy_answer(routes)["retry-after"] for _ in range(40)]
    low, high = BUSY_RETRY_AFTER
    assert all(w.isdigit() and low <= int(w) <= high for w in waits)
    assert len(set(waits)) >= 3  # spread, not one second for everyone
    assert {parse_retry_after(w, utc_now()) for w in waits} == {float(w) for w in waits}  # what the terminal reads
