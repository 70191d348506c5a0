"""The load itself, driven by Locust as a library (locust.env.Environment and its local runner, no web UI).

Importing this module imports Locust, which monkey-patches the standard library for gevent: only the bench's own
process imports it (`python -m bench centre-load`), never a test process or the centre.

Three kinds of simulated users, each a Locust user class made for one phase:
- terminals: one enrolled terminal each (its own key), pushing a batch of new registrations on a fixed schedule
  and pulling every third time, as the terminal's sync does; a push that fails is sent again (signed anew), as a
  terminal retries from its outbox;
- the public: verification pages of issued cards at a steady total rate (constant throughput per user);
- console staff: signed in once, then searching the worker register on a schedule.
"""

from __future__ import annotations

import collections
import itertools
import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import gevent
from locust import FastHttpUser, constant_pacing, constant_throughput, task
from locust.env import Environment

from terminal.sync.client import SyncClient
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey

ENDPOINTS = ("push", "pull", "verify", "search")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class LoadTerminal:
    """An enrolled terminal and what it will push: batches of events, each body serialised beforehand so that
    the load generator spends its time sending, not building JSON."""

    client: SyncClient
    base_url: str  # the application process it talks to
    batches: collections.deque[tuple[list[str], bytes]] = field(default_factory=collections.deque)
    pending: tuple[list[str], bytes] | None = None
    acknowledged: list[str] = field(default_factory=list)  # ids the centre answered accepted or duplicate
    cursor: str = ""
    cycle: int = 0

    @property
    def key(self) -> TerminalKey:
        return self.client.key

    @property
    def terminal_id(self) -> str:
        assert self.client.terminal_id is not None
        return self.client.terminal_id


@dataclass
class Ledger:
    """What the terminals were told: every event's verdict, and when (for the measured window)."""

    verdicts: dict[str, str] = field(default_factory=dict)
    window_start: float = 0.0
    window_end: float = float("inf")
    accepted_in_window: int = 0
    failed_pushes: int = 0

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
    push_interval: float
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


def user_classes(plan: Plan) -> list[type[FastHttpUser]]:
    terminals: Iterator[LoadTerminal] = iter(plan.terminals)
    verifier_numbers = itertools.count()
    staff = iter(plan.staff)

    class Terminal(FastHttpUser):
        fixed_count = len(plan.terminals)
        wait_time = constant_pacing(plan.push_interval)
        host = plan.terminals[0].base_url

        def on_start(self) -> None:
            self.terminal = next(terminals)
            gevent.sleep(random.uniform(0, plan.push_interval))  # terminals do not all sync at the same second

        @task
        def sync(self) -> None:
            terminal = self.terminal
            if terminal.pending is None and terminal.batches:
                terminal.pending = terminal.batches.popleft()
            if terminal.pending is not None:
                self._push(terminal, *terminal.pending)
            terminal.cycle += 1
            if terminal.cycle % 3 == 1:  # the first sync pulls too, then every third
                self._pull(terminal)

        def _push(self, terminal: LoadTerminal, _ids: list[str], body: bytes) -> None:
            headers = _signed(terminal, "POST", p.PUSH_PATH, body)
            with self.client.post(terminal.base_url + p.PUSH_PATH, data=body, headers=headers,  # type: ignore[arg-type]
                                  name="push", catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 200:
                    plan.ledger.failed_pushes += 1
                    answer.failure(f"HTTP {answer.status_code}")
                    return  # kept as pending: sent again, newly signed, next time
                plan.ledger.record(terminal, answer.json()["results"])
                terminal.pending = None

        def _pull(self, terminal: LoadTerminal) -> None:
            target = p.PULL_PATH + "?" + urlencode({"cursor": terminal.cursor, "limit": "200"})
            headers = _signed(terminal, "GET", target, b"")
            with self.client.get(terminal.base_url + target, headers=headers, name="pull", catch_response=True) as answer:
                if answer.status_code != 200:
                    answer.failure(f"HTTP {answer.status_code}")
                    return
                terminal.cursor = str(answer.json()["cursor"])

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
        wait_time = constant_pacing(plan.search_interval)
        host = plan.terminals[0].base_url

        def on_start(self) -> None:
            self.base, username, password = next(staff)
            form = self.client.get(self.base + "/console/login/", name="sign-in form")
            found = _CSRF.search(form.text or "")
            token = found.group(1) if found else ""
            data = {"csrfmiddlewaretoken": token, "username": username, "password": password, "otp_token": "",
                    "next": "/console/"}  # fmt: skip
            with self.client.post(self.base + "/console/login/", data=data, name="sign-in", allow_redirects=False,
                                  headers={"Referer": self.base + "/console/login/"}, catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 302:
                    answer.failure(f"sign-in answered {answer.status_code}")

        @task
        def search(self) -> None:
            query = quote(random.choice(plan.searches))
            with self.client.get(self.base + f"/console/search/?q={query}", name="search", allow_redirects=False,
                                 catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 200:
                    answer.failure(f"HTTP {answer.status_code}")

    return [Terminal, Public, Staff]


def drive(plan: Plan, warm_up: float, duration: float, stop_timeout: float) -> dict[str, Any]:
    """Run the users for warm_up + duration seconds; statistics cover the measured `duration` only."""
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
    gevent.sleep(duration)
    plan.ledger.window_end = time.monotonic()
    measured = {name: _endpoint(environment, name, duration) for name in ENDPOINTS}
    runner.stop()  # users finish the request they are in (stop_timeout), so every sent push gets its verdict
    runner.quit()
    errors = {f"{e.method} {e.name}: {e.error}"[:200]: e.occurrences for e in environment.stats.errors.values()}
    return {"endpoints": measured, "errors": errors, "requests_whole_run": dict(whole_run),
            "failures_whole_run": dict(failed)}  # fmt: skip


def _endpoint(environment: Environment, name: str, duration: float) -> dict[str, Any]:
    entry = environment.stats.entries.get((name, "POST" if name == "push" else "GET"))
    if entry is None or entry.num_requests == 0:
        return {"requests": 0, "failures": 0, "per_s": 0.0, "p50_ms": None, "p99_ms": None}
    return {"requests": entry.num_requests, "failures": entry.num_failures,
            "per_s": round(entry.num_requests / duration, 2),
            "p50_ms": entry.get_response_time_percentile(0.5), "p99_ms": entry.get_response_time_percentile(0.99),
            "max_ms": round(entry.max_response_time, 1)}  # fmt: skip


def body_of(events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"events": events}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
