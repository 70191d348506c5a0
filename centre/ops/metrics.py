"""`/metrics` in Prometheus's text format, for the operator's Prometheus only (a bearer token; docs/centre-deployment.md).

Process metrics (requests, latencies, push verdicts) are counted in every process that serves requests, the
bulk-route workers included, through prometheus_client's multi-process mode: each process writes its own files in
PROMETHEUS_MULTIPROC_DIR (default `$CENTRE_HOME/metrics`) and whichever process answers /metrics adds them up.
What the database knows (terminals not seen for a day, each terminal's pull lag) is read when scraped."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from centre import config

# prometheus_client chooses its multi-process storage when it is first imported: the folder must be set before.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(config.centre_home() / "metrics"))
Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)

from django.db import connection  # noqa: E402
from django.http import Http404, HttpRequest, HttpResponse  # noqa: E402
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest  # noqa: E402
from prometheus_client.core import GaugeMetricFamily, Metric  # noqa: E402
from prometheus_client.multiprocess import MultiProcessCollector  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402

from wirecontract import protocol as p  # noqa: E402

access_log = logging.getLogger("centre.access")

ENV_TOKEN = "CENTRE_METRICS_TOKEN"
ENV_TOKEN_FILE = "CENTRE_METRICS_TOKEN_FILE"
NOT_SEEN_AFTER = dt.timedelta(days=1)

REQUESTS = Counter("centre_http_requests", "Requests answered, by route", ["route", "method", "status"])
LATENCY = Histogram("centre_http_request_duration_seconds", "Time to answer, by route", ["route"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))  # fmt: skip
PUSH_EVENTS = Counter("centre_push_events", "Pushed events by verdict (accepted, rejected) and refusal code",
                      ["status", "code"])  # fmt: skip


def observe_requests(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Counts and times every answer by its route pattern (never the path: `/V/…` carries a card's QR payload)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        seconds = time.perf_counter() - started
        route = route_of(request)
        REQUESTS.labels(route, request.method or "", str(response.status_code)).inc()
        LATENCY.labels(route).observe(seconds)
        terminal = getattr(request, "auth", None)
        access_log.info("answered", extra={"route": route, "method": request.method, "status": response.status_code,
                                           "ms": round(seconds * 1000, 2),
                                           "terminal": getattr(terminal, "id", None)})  # fmt: skip
        if request.path == p.PUSH_PATH and response.status_code == 200:
            _count_verdicts(response.content)
        return response

    return middleware


def route_of(request: HttpRequest) -> str:
    match = request.resolver_match
    return "/" + match.route if match is not None and match.route else "unmatched"


def _count_verdicts(body: bytes) -> None:
    counts: dict[tuple[str, str], int] = {}
    for result in json.loads(body).get("results", []):
        key = (str(result.get("status")), str(result.get("code") or ""))
        counts[key] = counts.get(key, 0) + 1
    for (status, code), n in counts.items():
        PUSH_EVENTS.labels(status, code).inc(n)


def metrics_view(request: HttpRequest) -> HttpResponse:
    """Answers only a request bearing the configured token; without a token configured there are no metrics."""
    expected = _token()
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(offered.encode(), expected.encode()):
        raise Http404  # the same answer as a centre without metrics: nothing to learn by probing
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    registry.register(TerminalCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def _token() -> str:
    value = os.environ.get(ENV_TOKEN, "").strip()
    named = os.environ.get(ENV_TOKEN_FILE, "").strip()
    if not value and named:
        value = Path(named).read_text(encoding="utf-8").strip()
    return value


# Decisions each terminal has not pulled yet: those addressed to everyone or to its agency, after its cursor.
_PULL_LAG_SQL = """
SELECT t.id, COUNT(d.seq)
FROM terminals t
JOIN terminal_activity a ON a.terminal_id = t.id
LEFT JOIN decisions d ON d.seq > COALESCE(a.pull_cursor, 0) AND (d.agency_id IS NULL OR d.agency_id = t.agency_id)
WHERE t.revoked = %s
GROUP BY t.id
"""

_NOT_SEEN_SQL = """
SELECT COUNT(*)
FROM terminals t
LEFT JOIN terminal_activity a ON a.terminal_id = t.id
WHERE t.revoked = %s AND COALESCE(a.last_seen_at, t.enrolled_at) < %s
"""


class TerminalCollector(Collector):
    """Read from the database when scraped: enrolled terminals, those not seen for a day, pull lag per terminal."""

    def collect(self) -> Iterator[Metric]:
        since = p.utc_now() - NOT_SEEN_AFTER
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM terminals WHERE revoked = %s", [False])
            enrolled = cursor.fetchone()[0]
            cursor.execute(_NOT_SEEN_SQL, [False, connection.ops.adapt_datetimefield_value(since)])
            not_seen = cursor.fetchone()[0]
            cursor.execute(_PULL_LAG_SQL, [False])
            lags = cursor.fetchall()
        yield GaugeMetricFamily("centre_terminals_active", "Enrolled terminals that are not revoked", value=enrolled)
        yield GaugeMetricFamily("centre_terminals_not_seen_for_a_day",
                                "Active terminals with no signed request answered in the last 24 hours",
                                value=not_seen)  # fmt: skip
        lag = GaugeMetricFamily("centre_terminal_pull_lag_decisions",
                                "Decisions for the terminal after the cursor of its latest pull", labels=["terminal"])  # fmt: skip
        for terminal_id, count in lags:
            lag.add_metric([terminal_id], count)
        yield lag
