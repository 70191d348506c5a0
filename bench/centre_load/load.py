"""The load itself, driven by Locust as a library (locust.env.Environment and its local runner, no web UI).

Importing this module imports Locust, which monkey-patches the standard library for gevent: only the bench's own
process imports it (`python -m bench centre-load`), never a test process or the centre.

Three kinds of simulated users, each a Locust user class made for one phase:
- terminals: one enrolled terminal each (its own key), syncing as terminal/sync does. New registrations accumulate
  at a steady rate; every `sync_interval` seconds (the sync worker's period) a round pushes what accumulated, in
  batches of at most the engine's DEFAULT_PUSH_BATCH, one after another, and then pulls until the centre has no
  more. A refused round is tried again after the centre's Retry-After, or after the worker's back-off (full
  jitter), and the batch is sent again newly signed, as the terminal resends from its outbox;
- the public: verification pages of issued cards at a steady total rate (constant throughput per user);
- console staff: signed in once, then searching the worker register as the console's search box does (a POST
  with the form's CSRF token, answered with the results in place, as htmx asks for them).

The load generator shares the machine with the centre: it does what a terminal does on each request (sign it,
send it, read the answer) and nothing more. Every batch's body is serialised before the run, the users are
FastHttpUser (geventhttpclient), and the process's own processor time is reported beside the centre's.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import json
import os
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant_throughput, task
from locust.env import Environment

from bench.centre_load.meter import Meter
from terminal.sync.client import SyncClient
from terminal.sync.worker import Backoff
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey

ENDPOINTS = ("push", "pull", "verify", "search")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Batch:
    """Registrations a terminal has to send, ready on the wire; `due` is when the last of them was made (seconds
    after the terminal's first round): a round sends every batch already due."""

    ids: list[str]
    body: bytes
    due: float
    unanswered: bool = False  # its last sending got no answer (time-out, connection lost): stored or not, unknown


@dataclass
class LoadTerminal:
    """An enrolled terminal and what it will push, each body serialised beforehand so that the load generator
    spends its time sending, not building JSON."""

    client: SyncClient
    base_url: str  # the application process it talks to
    batches: collections.deque[Batch] = field(default_factory=collections.deque)
    acknowledged: list[str] = field(default_factory=list)  # ids the centre answered accepted or duplicate
    cursor: str = ""
    started: float = 0.0  # monotonic time of its first round
    failures: int = 0  # rounds refused in a row (the back-off grows with them)

    @property
    def key(self) -> TerminalKey:
        return self.client.key

    @property
    def terminal_id(self) -> str:
        assert self.client.terminal_id is not None
        return self.client.terminal_id

    def due(self, now: float) -> Batch | None:
        """The next batch to send, if it is due: what was sent and refused first (it stays at the front)."""
        if self.batches and self.batches[0].due <= now - self.started:
            return self.batches[0]
        return None


@dataclass
class Ledger:
    """What the terminals were told: every event's verdict, and when (for the measured window)."""

    verdicts: dict[str, str] = field(default_factory=dict)
    window_start: float = 0.0
    window_end: float = float("inf")
    accepted_in_window: int = 0
    failed_pushes: int = 0
    refused_busy: int = 0  # of those: 503 (the centre's bound on bulk requests waiting for a worker)
    stopping: bool = False  # the run is over: no round starts another push

    def record(self, terminal: LoadTerminal, results: list[dict[str, Any]]) -> None:
        now = time.monotonic()
        for result in results:
            self.verdicts[str(result["event_id"])] = str(result["status"])
            if result["status"] != p.EventStatus.REJECTED.value:
                terminal.acknowledged.append(str(result["event_id"]))
        if self.window_start <= now <= self.window_end:
            self.accepted_in_window += sum(1 for r in results if r["status"] == p.EventStatus.ACCEPTED.value)


@dataclass
class Plan:
    terminals: list[LoadTerminal]
    sync_interval: float
    pages: list[list[str]]  # per application process: verification page addresses for that process
    verify_rate: float  # requests per second, all verifiers together
    verifiers: int
    staff: list[tuple[str, str, str]]  # (base URL, username, password)
    search_interval: float
    searches: list[str]
    ledger: Ledger = field(default_factory=Ledger)


def _signed(terminal: LoadTerminal, method: str, target: str, body: bytes) -> dict[str, str]:
    return {"Accept": "application/json", "Content-Type": "application/json",
            **p.signed_headers(terminal.key, terminal.terminal_id, method, target, body, p.utc_now())}  # fmt: skip


class _Refused(Exception):
    """A push or pull the centre did not answer with 200: the round ends, and the next one waits `retry_after`
    (the centre's Retry-After) or the worker's back-off."""

    def __init__(self, retry_after: float | None) -> None:
        super().__init__()
        self.retry_after = retry_after


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None


def user_classes(plan: Plan) -> list[type[FastHttpUser]]:
    terminals: Iterator[LoadTerminal] = iter(plan.terminals)
    verifier_numbers = itertools.count()
    staff = iter(plan.staff)
    backoff = Backoff()  # the terminal's own (terminal/sync/worker.py)

    class Terminal(FastHttpUser):
        fixed_count = len(plan.terminals)
        host = plan.terminals[0].base_url

        def wait_time(self) -> float:
            return self.next_round_in

        def on_start(self) -> None:
            self.terminal = next(terminals)
            self.rng = random.Random(self.terminal.terminal_id)
            self.next_round_in = plan.sync_interval
            gevent.sleep(self.rng.uniform(0, plan.sync_interval))  # terminals do not all sync at the same second
            self.terminal.started = time.monotonic()

        @task
        def sync_round(self) -> None:
            """One round of the sync worker: push everything due, batch after batch, then pull every page."""
            terminal = self.terminal
            try:
                while not plan.ledger.stopping and (batch := terminal.due(time.monotonic())) is not None:
                    self._push(terminal, batch)
                    terminal.batches.popleft()
                if not plan.ledger.stopping:
                    self._pull(terminal)
            except _Refused as refused:
                terminal.failures += 1
                self.next_round_in = (refused.retry_after if refused.retry_after is not None
                                      else backoff.delay(terminal.failures, self.rng))  # fmt: skip
                return
            terminal.failures = 0
            self.next_round_in = plan.sync_interval

        def _push(self, terminal: LoadTerminal, batch: Batch) -> None:
            headers = _signed(terminal, "POST", p.PUSH_PATH, batch.body)
            batch.unanswered = True
            with self.client.post(terminal.base_url + p.PUSH_PATH, data=batch.body, headers=headers,  # type: ignore[arg-type]
                                  name="push", catch_response=True) as answer:  # fmt: skip
                batch.unanswered = answer.status_code == 0  # 0: Locust's code for no answer at all
                if answer.status_code != 200:
                    plan.ledger.failed_pushes += 1
                    plan.ledger.refused_busy += answer.status_code == 503
                    answer.failure(f"HTTP {answer.status_code}")
                    raise _Refused(_retry_after(answer.headers))
                plan.ledger.record(terminal, answer.json()["results"])

        def _pull(self, terminal: LoadTerminal) -> None:
            while True:
                target = p.PULL_PATH + "?" + urlencode({"cursor": terminal.cursor, "limit": str(p.DEFAULT_PULL_LIMIT)})
                headers = _signed(terminal, "GET", target, b"")
                with self.client.get(terminal.base_url + target, headers=headers, name="pull",
                                     catch_response=True) as answer:  # fmt: skip
                    if answer.status_code != 200:
                        answer.failure(f"HTTP {answer.status_code}")
                        raise _Refused(_retry_after(answer.headers))
                    page = answer.json()
                terminal.cursor = str(page["cursor"])
                if not page["more"]:
                    return

    class Public(FastHttpUser):
        fixed_count = plan.verifiers
        wait_time = constant_throughput(plan.verify_rate / plan.verifiers)
        host = plan.terminals[0].base_url

        def on_start(self) -> None:
            self.pages = plan.pages[next(verifier_numbers) % len(plan.pages)]

        @task
        def verify(self) -> None:
            with self.client.get(random.choice(self.pages), name="verify", catch_response=True) as answer:
                if answer.status_code != 200 or 'data-state="valid"' not in (answer.text or ""):
                    answer.failure(f"HTTP {answer.status_code} without the valid state")

    class Staff(FastHttpUser):
        fixed_count = len(plan.staff)
        wait_time = constant_throughput(1 / plan.search_interval)
        host = plan.terminals[0].base_url

        def on_start(self) -> None:
            self.base, username, password = next(staff)
            self.form = self.base + "/console/search/"
            token = self._token(self.base + "/console/login/", "sign-in form")
            data = {"csrfmiddlewaretoken": token, "username": username, "password": password, "otp_token": "",
                    "next": "/console/"}  # fmt: skip
            with self.client.post(self.base + "/console/login/", data=data, name="sign-in", allow_redirects=False,
                                  headers={"Referer": self.base + "/console/login/"}, catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 302:
                    answer.failure(f"sign-in answered {answer.status_code}")
            self.token = self._token(self.form, "search form")  # the search page, as staff open it

        def _token(self, address: str, name: str) -> str:
            form = self.client.get(address, name=name)
            found = _CSRF.search(form.text or "")
            return found.group(1) if found else ""

        @task
        def search(self) -> None:
            """What the box sends as staff type (htmx): the query in the POST body, never in the address."""
            data = {"csrfmiddlewaretoken": self.token, "q": random.choice(plan.searches), "kind": "", "agency": ""}
            headers = {"HX-Request": "true", "HX-Current-URL": self.form, "Referer": self.form}
            with self.client.post(self.form, data=data, headers=headers, name="search", allow_redirects=False,
                                  catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 200 or "HX-Push-Url" not in (answer.headers or {}):
                    answer.failure(f"HTTP {answer.status_code}")

    return [Terminal, Public, Staff]


# The load generator stands for clients on machines of their own. Sharing this one, it runs ahead of the centre when
# both want the processor (the same processor time either way): a generator made to wait would read an answer late
# and count its own wait in the centre's latency. Only when the bench may (root); the centre's processes, started
# before, keep their own priority.
GENERATOR_NICENESS = -5


@contextlib.contextmanager
def _generator_first() -> Iterator[None]:
    before = os.getpriority(os.PRIO_PROCESS, 0)
    try:
        os.setpriority(os.PRIO_PROCESS, 0, GENERATOR_NICENESS)
        raised = True
    except PermissionError:
        raised = False
    try:
        yield
    finally:
        if raised:
            os.setpriority(os.PRIO_PROCESS, 0, before)  # processes the next phase starts must not inherit it


def drive(plan: Plan, warm_up: float, duration: float, stop_timeout: float, meter: Meter) -> dict[str, Any]:
    """Run the users for warm_up + duration seconds; statistics and processor time cover the measured `duration`
    only."""
    with _generator_first():
        return _drive(plan, warm_up, duration, stop_timeout, meter)


def _drive(plan: Plan, warm_up: float, duration: float, stop_timeout: float, meter: Meter) -> dict[str, Any]:
    classes = user_classes(plan)
    environment = Environment(user_classes=classes, stop_timeout=stop_timeout)  # type: ignore[arg-type]
    runner = environment.create_local_runner()
    whole_run: collections.Counter[str] = collections.Counter()
    failed: collections.Counter[str] = collections.Counter()

    def count(name: str, exception: BaseException | None = None, **_: Any) -> None:
        whole_run[name] += 1
        if exception is not None:
            failed[name] += 1

    environment.events.request.add_listener(count)  # type: ignore[no-untyped-call]
    users = sum(int(c.fixed_count) for c in classes)
    runner.start(users, spawn_rate=min(users, 100))  # Locust warns above 100 a second; the warm-up covers it
    # Warmed up: at least `warm_up` seconds, and every kind of request made once (a slow machine signs in late).
    gevent.sleep(warm_up)
    deadline = time.monotonic() + 300
    while not all(whole_run[name] for name in ENDPOINTS) and time.monotonic() < deadline:
        gevent.sleep(0.1)
    environment.stats.reset_all()
    plan.ledger.window_start = time.monotonic()
    before = meter.read()
    gevent.sleep(duration)
    plan.ledger.window_end = time.monotonic()
    processor = Meter.report(before, meter.read())
    measured = {name: _endpoint(environment, name, duration) for name in ENDPOINTS}
    plan.ledger.stopping = True  # rounds end after the request they are in, so every sent push gets its verdict
    runner.stop()
    runner.quit()
    errors = {f"{e.method} {e.name}: {e.error}"[:200]: e.occurrences for e in environment.stats.errors.values()}
    return {"endpoints": measured, "processor": processor, "errors": errors, "requests_whole_run": dict(whole_run),
            "failures_whole_run": dict(failed)}  # fmt: skip


def _endpoint(environment: Environment, name: str, duration: float) -> dict[str, Any]:
    entry = environment.stats.entries.get((name, "POST" if name in ("push", "search") else "GET"))
    if entry is None or entry.num_requests == 0:
        return {"requests": 0, "failures": 0, "per_s": 0.0, "p50_ms": None, "p99_ms": None}
    return {"requests": entry.num_requests, "failures": entry.num_failures,
            "per_s": round(entry.num_requests / duration, 2),
            "p50_ms": entry.get_response_time_percentile(0.5), "p99_ms": entry.get_response_time_percentile(0.99),
            "max_ms": round(entry.max_response_time, 1)}  # fmt: skip


def body_of(events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"events": events}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
