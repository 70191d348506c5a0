"""`python -m bench centre [--json] [--events N] [--samples N]`: does a large push stall the public page?

The centre runs as its own process on loopback (`terminal-server serve`, as in production). One terminal enrols
and issues one credential; the bench then times the verification page of that credential (the page a phone opens
from the card's QR code), first alone and then while the same terminal pushes N events (10,000: one full batch)
in one request. Reports both p99 latencies from the same run and their ratio. Targets: the p99 during the push
at most twice the p99 without it, and under 200 ms.

Per-client rate limits are turned off for this centre (CENTRE_RATE_LIMITS=0): the bench is one client asking for
the page hundreds of times a minute, which is exactly what the limits refuse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import random
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

from terminal.centre_process import CentreProcess
from terminal.core import synthetic
from terminal.sync.client import SyncClient
from wirecontract import protocol as p
from wirecontract.qrpayload import CredentialClaims, encode
from wirecontract.signing import TerminalKey

AGENCY_ID = "91310000MA1FL0000X"
AGENCY_NAME = "基准测试机构"
TARGET_RATIO = 2.0
TARGET_P99_MS = 200.0
PUSH_DEADLINE_S = 300.0  # a push that takes longer than this has failed the bench by any measure


# A terminal numbers its events 1, 2, 3, …; the centre refuses a second event under a number (`seq_reused`).
_seqs = itertools.count(1)


def _event(entity: str, uid: str, version: int, kind: str, payload: dict[str, Any],
           provenance: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    return {"event_id": uuid.uuid4().hex, "seq": next(_seqs), "entity": entity, "entity_uid": uid,
            "record_version": version, "kind": kind, "payload": payload, "provenance": provenance,
            "simulated": False, "created_at": p.iso(p.utc_now())}  # fmt: skip


def _people(count: int) -> list[dict[str, Any]]:
    """Distinct people (a production centre registers each once), as a card reader would read them."""
    people = synthetic.unique_people(random.Random(count), dt.date.today())
    return [fields for fields, _ in zip(people, range(count), strict=False)]


def _worker(fields: dict[str, Any]) -> dict[str, Any]:
    payload, provenance = synthetic.registration_as_sent(fields, simulated=False, reader="bench reader")
    return _event("worker", uuid.uuid4().hex, 1, "worker.registered", {**payload, "phone": "13800000000"},
                  provenance)  # fmt: skip


def _issue_credential(client: SyncClient, number: str) -> CredentialClaims:
    """One worker and one credential taken to `issued`, as a terminal's use cases send them."""
    today = dt.date.today()
    valid_to = today + dt.timedelta(days=365)
    holder = _people(1)[0]
    worker = _worker(holder)
    uid = uuid.uuid4().hex
    events = [worker]
    for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
        payload = {"credential_no": number, "worker_uid": worker["entity_uid"], "version": 1, "state": state,
                   "valid_from": today.isoformat(), "valid_to": valid_to.isoformat()}  # fmt: skip
        events.append(_event("credential", uid, version, f"credential.{state}", payload))
    refused = [r for r in client.push(events) if r.status != p.EventStatus.ACCEPTED]
    if refused:
        raise RuntimeError(f"the centre refused the bench's credential: {refused}")
    masked = holder["id_number"][:6] + "*" * 8 + holder["id_number"][-4:]
    return CredentialClaims(number, 1, holder["name"], masked, AGENCY_NAME, ("cleaning",), today, valid_to)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of the samples, in the samples' unit."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def p99(samples: list[float]) -> float:
    return percentile(samples, 99)


class _PagePoller:
    """Times GETs of one page over one kept-alive connection."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()

    def once(self) -> float:
        started = time.perf_counter()
        response = self.session.get(self.url, timeout=30)
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or 'data-state="valid"' not in response.text:
            raise RuntimeError(f"the verification page answered {response.status_code} without the valid status")
        return elapsed * 1000.0

    def close(self) -> None:
        self.session.close()


class _Push(threading.Thread):
    """One signed push, its body serialised and signed beforehand so that this thread only sends and waits
    (the bench's own interpreter lock must not slow the page timings)."""

    def __init__(self, base_url: str, key: TerminalKey, terminal_id: str, events: list[dict[str, Any]]) -> None:
        super().__init__(name="bench-push", daemon=True)
        self.url = base_url + p.PUSH_PATH
        self.body = json.dumps({"events": events}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.headers = {"Content-Type": "application/json", "Accept": "application/json",
                        **p.signed_headers(key, terminal_id, "POST", p.PUSH_PATH, self.body, p.utc_now())}  # fmt: skip
        self.response: requests.Response | None = None
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.perf_counter()
        try:
            self.response = requests.post(self.url, data=self.body, headers=self.headers, timeout=PUSH_DEADLINE_S)
        except BaseException as exc:  # reported by the main thread, which owns the bench's outcome
            self.error = exc
        self.seconds = time.perf_counter() - started

    def accepted(self) -> int:
        if self.error is not None:
            raise RuntimeError(f"the push failed: {type(self.error).__name__}") from self.error
        assert self.response is not None
        if self.response.status_code != 200:
            raise RuntimeError(f"the push was refused: HTTP {self.response.status_code} {self.response.text[:200]}")
        results = self.response.json()["results"]
        return sum(1 for r in results if r["status"] == p.EventStatus.ACCEPTED.value)


def run(events: int = p.MAX_PUSH_BATCH, samples: int = 300) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {"CENTRE_HOME": str(root / "centre-home"), "CENTRE_RATE_LIMITS": "0"}
        with CentreProcess(root / "centre.db", env=env) as centre:
            key = TerminalKey.generate()
            client = SyncClient(centre.url, key, timeout=120)
            enrolment = client.enrol(centre.enrolment_code(AGENCY_ID, AGENCY_NAME), AGENCY_ID, AGENCY_NAME, "bench")
            number = f"SH{dt.date.today().year}{enrolment.terminal_number}00001"
            page = _PagePoller(encode(_issue_credential(client, number), key, centre.url))
            try:
                for _ in range(min(20, samples)):  # warm up: connections, caches, the first template render
                    page.once()
                idle = [page.once() for _ in range(samples)]

                push = _Push(centre.url, key, enrolment.terminal_id, [_worker(f) for f in _people(events + 1)[1:]])
                busy: list[float] = []
                push.start()
                while push.is_alive() and len(busy) < 100 * samples:  # bounded: the push ends or the bench does
                    busy.append(page.once())
                push.join(PUSH_DEADLINE_S)
                if push.is_alive():
                    raise RuntimeError(f"the push did not finish in {PUSH_DEADLINE_S:.0f} s")
                accepted = push.accepted()
            finally:
                page.close()
    idle_p99 = p99(idle)
    busy_p99 = p99(busy) if busy else 0.0
    ratio = busy_p99 / idle_p99
    return {
        "benchmark": "centre",
        "events": events,
        "accepted": accepted,
        "push_seconds": round(push.seconds, 3),
        "page_samples_idle": len(idle),
        "page_samples_during_push": len(busy),
        "page_p50_ms_idle": round(percentile(idle, 50), 2),
        "page_p50_ms_during_push": round(percentile(busy, 50), 2) if busy else 0.0,
        "page_p99_ms_idle": round(idle_p99, 2),
        "page_p99_ms_during_push": round(busy_p99, 2),
        "page_max_ms_during_push": round(max(busy), 2) if busy else 0.0,
        "ratio": round(ratio, 3),
        "targets": {"ratio_max": TARGET_RATIO, "page_p99_ms_during_push_max": TARGET_P99_MS},
        "meets_targets": bool(busy) and ratio <= TARGET_RATIO and busy_p99 < TARGET_P99_MS,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench centre")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--events", type=int, default=p.MAX_PUSH_BATCH, help="events in the one push (at most "
                        f"{p.MAX_PUSH_BATCH})")  # fmt: skip
    parser.add_argument("--samples", type=int, default=300, help="page requests timed without the push")
    args = parser.parse_args(argv)
    result = run(args.events, args.samples)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for name, value in result.items():
            print(f"{name}: {value}")
    return 0 if result["meets_targets"] else 1
