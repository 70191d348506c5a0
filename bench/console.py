"""`python -m bench console [--workers N] [--samples S] [--db URL] [--json]`: the console's worker look-up at scale
on PostgreSQL, each kind of query answered as the page answers it (the look-up index, `console_worker_index`)
beside the same question asked naively of the records in the same run (a LIKE over the records' JSON text, the
pinyin worked out record by record; no index of ours), with p50/p95 of each.

The city comes from `terminal-server demo-city` (centre/analytics); the look-up index is then rebuilt from the
records with `terminal-server console-index`, as after a bulk import (its time is reported). Without --db a
private PostgreSQL cluster is made and removed. Timings are reported, never asserted."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics as stats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

KINDS = ("name", "pinyin", "id_suffix", "id", "credential", "phone", "agency")
SECRET = "bench-console-" + "x" * 40


def _env(url: str, home: str) -> dict[str, str]:
    return {**os.environ, "TERMINAL_SERVER_DB": url, "CENTRE_SECRET_KEY": SECRET, "CENTRE_HOME": home}


def _centre(url: str, home: str, *argv: str) -> float:
    """Run `terminal-server ARGV --db URL` and return its wall time."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "centre.cli", *argv, "--db", url], env=_env(url, home), check=True,
                   stdout=subprocess.DEVNULL, timeout=24 * 3600)  # fmt: skip
    return time.perf_counter() - started


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(stats.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2)}


def _timed(work: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    found = work()
    return time.perf_counter() - started, found


def run(workers: int, samples: int, url: str) -> dict[str, Any]:
    home = tempfile.mkdtemp(prefix="bench-console-")
    result: dict[str, Any] = {"database": "postgresql" if url.startswith("postgres") else "sqlite",
                              "workers_asked": workers}  # fmt: skip
    result["demo_city_seconds"] = round(_centre(url, home, "demo-city", "--workers", str(workers), "--years", "1",
                                                "--no-grades"), 2)  # fmt: skip
    os.environ.update(_env(url, home))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    import django

    django.setup()
    from django.db import connection

    from centre.console.models import IndexMark, WorkerIndex

    # demo-city writes the index itself; forget it so console-index builds it from the records, as after an import.
    IndexMark.objects.all().delete()
    WorkerIndex.objects.all().delete()
    result["console_index_seconds"] = round(_centre(url, home, "console-index"), 2)
    result["indexed_workers"] = WorkerIndex.objects.count()
    if connection.vendor == "postgresql":  # as autovacuum would soon after a bulk load: the planner's statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result["kinds"] = _look_ups(samples)
    return result


def _look_ups(samples: int) -> dict[str, Any]:
    from django.contrib.auth.models import Group, User

    from centre.console import lookup
    from centre.console.models import WorkerIndex
    from centre.console.paging import paginate
    from centre.console.search_index import catch_up
    from centre.console.search_rules import read_query
    from centre.credentials.models import Credential

    user, _ = User.objects.get_or_create(username="bench-console")
    user.groups.add(Group.objects.get(name="staff"))
    chosen = random.Random(1)
    people = list(WorkerIndex.objects.exclude(id_number="").exclude(phone="").order_by("worker_uid")
                  .values_list("name", "pinyin", "initials", "id_number", "phone", "agency_id")[:5000])  # fmt: skip
    credentials = list(Credential.objects.order_by("credential_no").values_list("credential_no", flat=True)[:5000])
    # What each look-up pays first: reading the records that arrived since the last one (none arrive here).
    report: dict[str, Any] = {"catch_up": _percentiles([_timed(catch_up)[0] for _ in range(samples)])}
    for kind in KINDS:
        indexed, naive, found = [], [], []
        for _ in range(samples):
            name, pinyin, initials, number, phone, agency = chosen.choice(people)
            typed = {"name": name[:2], "pinyin": chosen.choice([pinyin[:6], initials]), "id_suffix": number[-6:],
                     "id": number, "phone": phone, "agency": agency,
                     "credential": chosen.choice(credentials) if credentials else "SH0"}[kind]  # fmt: skip
            query = None if kind == "agency" else read_query(typed, kind)
            agency_id = typed if kind == "agency" else ""

            def page(query: Any = query, agency_id: str = agency_id) -> int:
                found_rows, _behind = lookup.workers(user, query, agency_id)
                return len(paginate(found_rows, "1").rows)

            took, count = _timed(page)
            indexed.append(took)
            found.append(count)
            def without_index(kind: str = kind, typed: str = typed) -> int:
                return _naive(kind, typed)

            naive.append(_timed(without_index)[0])
        report[kind] = {"indexed": _percentiles(indexed), "naive": _percentiles(naive),
                        "rows_on_first_page_median": stats.median(found)}  # fmt: skip
        report[kind]["naive_over_indexed_p50"] = round(report[kind]["naive"]["p50_ms"]
                                                       / max(report[kind]["indexed"]["p50_ms"], 0.01), 1)  # fmt: skip
    return report


def _naive(kind: str, typed: str) -> int:
    """The same question without the look-up index: the worker records themselves, read as text."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from centre.console.search_rules import pinyin_forms
    from centre.sync.models import Record

    workers = Record.objects.filter(entity="worker")
    if kind == "pinyin":  # nothing stored to compare with: every name's pinyin is worked out
        hits = 0
        for data in workers.values_list("data", flat=True).iterator(chunk_size=5000):
            identity = data.get("identity") if isinstance(data, dict) else None
            full, initials = pinyin_forms(str((identity or {}).get("name") or ""))
            hits += full.startswith(typed) or initials.startswith(typed)
        return hits
    if kind == "agency":
        rows = workers.filter(agency_id=typed)
    elif kind == "credential":
        holders = (Record.objects.filter(entity="credential").annotate(text=Cast("data", TextField()))
                   .filter(text__contains=typed).values_list("data__worker_uid", flat=True))  # fmt: skip
        rows = workers.filter(entity_uid__in=[str(h) for h in holders])
    else:
        rows = workers.annotate(text=Cast("data", TextField())).filter(text__contains=typed)
    return len(rows.order_by("entity_uid")[:51])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench console")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workers", type=int, default=20_000, help="the city's size (the issue's: 1000000)")
    parser.add_argument("--samples", type=int, default=30, help="look-ups timed per kind")
    parser.add_argument("--db", default="", help="a PostgreSQL URL (default: a private cluster made for the run)")
    parser.add_argument("--port", type=int, default=54394, help="the private cluster's port")
    args = parser.parse_args(argv)
    cluster = None
    url = args.db
    if not url:
        from bench.centre_load.postgres import Cluster

        cluster = Cluster.create("bench-console-", port=args.port).start()
        url = cluster.createdb("console")
    try:
        result = run(args.workers, args.samples, url)
    finally:
        if cluster is not None:
            cluster.remove()
    result["measured_on"] = dt.date.today().isoformat()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for name, value in result.items():
            print(f"{name}: {value}")
    return 0
