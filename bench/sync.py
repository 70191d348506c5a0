"""`python -m bench sync [--json] [--events N]`: drain N queued events to the centre (its own process) on loopback.

Baseline in the same run: one bulk POST of the same events (same bytes) to a fresh server. Reports the
drain's time and events/s and its ratio to the bulk rate. Targets: 10,000 events in ≤ 10 s, and at
least half the bulk POST's rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from terminal.centre_process import CentreProcess
from terminal.core import synthetic
from terminal.store import outbox
from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from terminal.sync.client import SyncClient
from terminal.sync.engine import SyncEngine
from terminal.sync.ports import wire_event
from wirecontract.protocol import MAX_PUSH_BATCH
from wirecontract.signing import TerminalKey


class _Centre(CentreProcess):
    """The Django centre in its own process, as terminals meet it."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(db_path, env={"CENTRE_HOME": str(db_path.parent / "centre-home")})

    def __enter__(self) -> _Centre:
        self.start()
        return self

    def enrolled_client(self, key: TerminalKey) -> SyncClient:
        client = SyncClient(self.url, key, timeout=120)
        client.enrol(self.enrolment_code("91310000MA1FL0000X", "基准测试机构"), "91310000MA1FL0000X", "基准测试机构", "bench")
        return client


def _queue(db: Database, count: int) -> None:
    """`count` registrations of distinct people, each with its card read, as a production centre requires."""
    people = synthetic.unique_people(random.Random(count), dt.date.today())
    with db.transaction():
        for fields, _ in zip(people, range(count), strict=False):
            payload, provenance = synthetic.registration_as_sent(fields, simulated=False, reader="bench reader")
            outbox.enqueue(db, "worker", uuid.uuid4().hex, 1, "worker.registered",
                           {**payload, "phone": "13800000000"}, provenance=provenance)  # fmt: skip


# Issue #11: what the centre did before it moved to Django, on this machine (a quiet run, SQLite).
TARGETS = {"bulk_events_per_second_min": 2615.0, "ratio_to_bulk_min": 0.82}


def run(events: int, batch: int) -> dict[str, object]:
    load_before = os.getloadavg()[0]  # the machine is often shared: results say how busy it was
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = Database.open(root / "terminal.db", os.urandom(32))
        migrate(db)
        _queue(db, events)
        key = TerminalKey.generate()
        wire = [wire_event(e) for e in OutboxRepo(db).pending(events)]

        with _Centre(root / "bulk.db") as bulk_server:
            client = bulk_server.enrolled_client(key)
            started = time.perf_counter()
            for i in range(0, len(wire), MAX_PUSH_BATCH):
                results = client.push(wire[i : i + MAX_PUSH_BATCH])
                assert all(r.status == "accepted" for r in results)
            bulk_seconds = time.perf_counter() - started

        with _Centre(root / "drain.db") as drain_server:
            client = drain_server.enrolled_client(key)
            engine = SyncEngine(OutboxRepo(db), SyncStateRepo(db), client, lambda c, k: None, batch_size=batch)
            started = time.perf_counter()
            report = engine.push()
            drain_seconds = time.perf_counter() - started
            receipt_matches = engine.reconcile().matches
        db.close()
    drain_rate = events / drain_seconds
    bulk_rate = events / bulk_seconds
    return {
        "benchmark": "sync",
        "events": events,
        "batch_size": batch,
        "drain_seconds": round(drain_seconds, 3),
        "drain_events_per_second": round(drain_rate, 1),
        "bulk_seconds": round(bulk_seconds, 3),
        "bulk_events_per_second": round(bulk_rate, 1),
        "ratio_to_bulk": round(drain_rate / bulk_rate, 3),
        "accepted": report.accepted,
        "receipt_matches": receipt_matches,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # 1-minute, before and after
        "targets": TARGETS,
        "meets_targets": bulk_rate >= TARGETS["bulk_events_per_second_min"]
        and drain_rate / bulk_rate >= TARGETS["ratio_to_bulk_min"],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sync")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args(argv)
    result = run(args.events, args.batch)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for name, value in result.items():
            print(f"{name}: {value}")
    return 0 if result["meets_targets"] else 1
