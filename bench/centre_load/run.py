"""The centre-load bench's phases: set up a centre of N processes, drive it, reconcile what was stored."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from bench.centre import _people, _worker
from bench.centre_load import load
from bench.centre_load.cards import issue_card, page_address
from bench.centre_load.meter import Meter
from bench.centre_load.postgres import Cluster
from bench.centre_load.processes import AppProcesses
from terminal.sync.client import SyncClient
from wirecontract.protocol import DEFAULT_PUSH_BATCH
from wirecontract.receipt import receipt_of
from wirecontract.signing import TerminalKey

STAFF_PASSWORD = "Fuzai-Ceshi-2026!"  # the bench's own staff, in a database that lives for one run
PER_AGENCY = 10
TARGET_PUSH_EVENTS_PER_S = 2000.0
TARGET_VERIFY_P99_MS = 100.0
TARGET_VERIFY_RATE = 100.0


@dataclass(frozen=True)
class Size:
    terminals: int
    batch: int  # events a terminal has to send at each round (at most the sync engine's DEFAULT_PUSH_BATCH)
    sync_interval: float  # seconds between a terminal's rounds: the sync worker's period
    verify_rate: float  # verification pages per second, all together
    verifiers: int
    staff: int
    search_interval: float
    cards: int
    warm_up: float
    duration: float  # the measured window, seconds

    def offered_events_per_s(self) -> float:
        return self.terminals * self.batch / self.sync_interval


# A terminal's sync worker runs a round every 60 s (terminal/sync/worker.py) and pushes in batches of at most
# DEFAULT_PUSH_BATCH (500). At full size each of 400 terminals makes 360 registrations a minute (one batch a
# round): 2,400 events/s offered, 20 % over the target. The smaller sizes keep the proportions, faster.
SIZES = {
    "tiny": Size(terminals=12, batch=20, sync_interval=4.0, verify_rate=10.0, verifiers=2, staff=1,
                 search_interval=2.0, cards=3, warm_up=2.0, duration=6.0),
    "small": Size(terminals=100, batch=240, sync_interval=30.0, verify_rate=50.0, verifiers=10, staff=3,
                  search_interval=2.0, cards=10, warm_up=15.0, duration=30.0),
    "full": Size(terminals=400, batch=360, sync_interval=60.0, verify_rate=TARGET_VERIFY_RATE, verifiers=20, staff=5,
                 search_interval=2.0, cards=20, warm_up=30.0, duration=60.0),
}  # fmt: skip
assert all(size.batch <= DEFAULT_PUSH_BATCH for size in SIZES.values())


def run(size_name: str) -> dict[str, Any]:
    size = SIZES[size_name]
    cluster = Cluster.create("centre-load-pg-", 5432).start()  # its own socket folder: the port number is free
    try:
        phases = [_phase(cluster, processes, size) for processes in (2, 4)]
    finally:
        cluster.remove()
    two, four = phases
    return {
        "benchmark": "centre-load",
        "size": size_name,
        "terminals": size.terminals,
        "offered_push_events_per_s": size.offered_events_per_s(),
        "push_batch": size.batch,
        "sync_interval_s": size.sync_interval,
        "verify_rate_per_s": size.verify_rate,
        "console_users": size.staff,
        "measured_seconds": size.duration,
        "phases": phases,
        "change_2_to_4": _change(two, four),
        "targets": {"push_events_per_s_min": TARGET_PUSH_EVENTS_PER_S, "verify_p99_ms_max": TARGET_VERIFY_P99_MS,
                    "at_verify_rate_per_s": TARGET_VERIFY_RATE, "apply_at_size": "full"},
        "meets_targets": {f"{ph['processes']}_processes": ph["meets_targets"] for ph in phases},
        "correct": all(ph["events"]["lost"] == 0 and ph["events"]["duplicated"] == 0 and ph["receipts_match"]
                       for ph in phases),
    }  # fmt: skip


def _phase(cluster: Cluster, processes: int, size: Size) -> dict[str, Any]:
    database = f"load{processes}"
    url = cluster.createdb(database)
    env = {"CENTRE_RATE_LIMITS": "0", "CENTRE_STAFF_PASSWORD": STAFF_PASSWORD}
    started = time.monotonic()
    with AppProcesses(url, processes, env=env) as apps:
        try:
            serving = time.monotonic()
            plan, card_terminal = _set_up(apps, size)
            set_up = time.monotonic()
            meter = Meter(apps.pids(), cluster.data)
            driven = load.drive(plan, size.warm_up, size.duration, stop_timeout=120.0, meter=meter)
            ledger = plan.ledger
            receipts_match = sum(1 for t in plan.terminals if t.client.receipt() == receipt_of(t.acknowledged))
        finally:
            shutil.rmtree(apps.home, ignore_errors=True)
    stored_rows = cluster.sql(database, f"SELECT count(*), count(DISTINCT event_id) FROM events "
                                        f"WHERE terminal_id <> '{card_terminal}'").split()  # fmt: skip
    stored = set(cluster.sql(database, f"SELECT event_id FROM events WHERE terminal_id <> '{card_terminal}'").split())
    acknowledged = {e for e, status in ledger.verdicts.items() if status != "rejected"}
    unanswered = [e for t in plan.terminals for batch in t.batches if batch.unanswered for e in batch.ids]
    verify = driven["endpoints"]["verify"]
    push_rate = round(ledger.accepted_in_window / size.duration, 1)
    return {
        "processes": processes,
        "seconds_to_start": round(serving - started, 1),
        "seconds_to_set_up": round(set_up - serving, 1),
        "endpoints": driven["endpoints"],
        "push_events_per_s": push_rate,
        "processor_cores_used": driven["processor"],
        "events": {
            "sent": len(ledger.verdicts) + len(unanswered),
            "accepted": sum(1 for s in ledger.verdicts.values() if s == "accepted"),
            "duplicate": sum(1 for s in ledger.verdicts.values() if s == "duplicate"),
            "rejected": sum(1 for s in ledger.verdicts.values() if s == "rejected"),
            "without_answer": len(unanswered),
            "stored": int(stored_rows[0]),
            "lost": len(acknowledged - stored),
            "duplicated": int(stored_rows[0]) - int(stored_rows[1]),
            "stored_without_answer": len(stored - acknowledged),
        },
        "failed_pushes": ledger.failed_pushes,
        "pushes_refused_busy": ledger.refused_busy,
        "receipts_match": receipts_match == len(plan.terminals),
        "errors": driven["errors"],
        "requests_whole_run": driven["requests_whole_run"],
        "failures_whole_run": driven["failures_whole_run"],
        "meets_targets": {
            "push_events_per_s": push_rate >= TARGET_PUSH_EVENTS_PER_S,
            "verify_p99_ms": verify["p99_ms"] is not None and verify["p99_ms"] <= TARGET_VERIFY_P99_MS
            and size.verify_rate >= TARGET_VERIFY_RATE,
        },
    }


def _set_up(apps: AppProcesses, size: Size) -> tuple[load.Plan, str]:
    """Agencies admitted and terminals enrolled (one more for the cards), cards issued, staff added, and every
    terminal's batches built. Returns the plan and the card terminal's id (its events are not the load's)."""
    agencies = math.ceil((size.terminals + 1) / PER_AGENCY)
    made = subprocess.run([sys.executable, "-m", "bench.centre_load.codes", apps.db_url, str(agencies),
                           str(PER_AGENCY)], env=apps.processes[0].env(), capture_output=True, text=True,
                          timeout=300, check=True)  # fmt: skip
    codes = [(agency_id, name, code) for agency_id, (name, batch) in json.loads(made.stdout.splitlines()[-1]).items()
             for code in batch]  # fmt: skip
    clients = []
    people = iter(_people(size.cards + size.terminals * size.batch * _batches(size)))
    year = dt.date.today().year
    claims = []
    for index, (agency_id, name, code) in enumerate(codes[: size.terminals + 1]):
        client = SyncClient(apps.urls[index % len(apps.urls)], TerminalKey.generate(), timeout=120)
        enrolment = client.enrol(code, agency_id, name, f"load-{index}")
        clients.append((client, enrolment.terminal_number, name))
        if index == 0:  # the cards at once: its kept connection would be closed as idle while the others enrol
            claims = [issue_card(client, f"SH{year}{enrolment.terminal_number}{serial:05d}", next(people), name)
                      for serial in range(1, size.cards + 1)]  # fmt: skip
    cards_client = clients[0][0]
    pages = [[page_address(c, cards_client.key, base) for c in claims] for base in apps.urls]
    for k in range(size.staff):
        apps.command("staff", "add", "--role", "staff", f"load-clerk-{k}")
    terminals = []
    searches: list[str] = []
    for client, _number, _name in clients[1:]:
        terminal = load.LoadTerminal(client, client.base_url)
        for round_number in range(_batches(size)):
            holders = [next(people) for _ in range(size.batch)]
            events = [_worker(holder) for holder in holders]
            terminal.batches.append(load.Batch([e["event_id"] for e in events], load.body_of(events),
                                               due=round_number * size.sync_interval))  # fmt: skip
        searches += [holders[0]["name"], holders[-1]["id_number"][-4:]]  # names and ID-number ends being registered
        terminals.append(terminal)
    staff = [(apps.urls[k % len(apps.urls)], f"load-clerk-{k}", STAFF_PASSWORD) for k in range(size.staff)]
    plan = load.Plan(terminals, size.sync_interval, pages, size.verify_rate, size.verifiers, staff,
                     size.search_interval, searches)  # fmt: skip
    assert cards_client.terminal_id is not None
    return plan, cards_client.terminal_id


def _batches(size: Size) -> int:
    """Batches per terminal: one for every round the run can hold, and one to spare. A terminal sends only what is
    due: a centre that falls behind leaves batches unsent (they would be the terminal's backlog)."""
    return math.ceil((size.warm_up + size.duration) / size.sync_interval) + 2


def _change(two: dict[str, Any], four: dict[str, Any]) -> dict[str, Any]:
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(b / a, 3) if a and b is not None else None

    change: dict[str, Any] = {"push_events_per_s_ratio": ratio(two["push_events_per_s"], four["push_events_per_s"])}
    for name, before in two["endpoints"].items():
        after = four["endpoints"][name]
        change[name] = {"per_s_ratio": ratio(before["per_s"], after["per_s"]),
                        "p50_ratio": ratio(before["p50_ms"], after["p50_ms"]),
                        "p99_ratio": ratio(before["p99_ms"], after["p99_ms"])}  # fmt: skip
    return change
