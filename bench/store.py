"""`python -m bench store [--workers N] [--json]`: the encrypted store at front-desk scale.

Builds N synthetic workers through the real registration use case (batched in outer transactions), then
runs every search kind and times database opening. The same workload runs on plain SQLite with the same
schema and code in the same run, so the encrypted/plain ratio is measured, not assumed.
Targets: every search p95 ≤ 20 ms; encrypted/plain ≤ 1.25 on the search mix; open ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from terminal.core import synthetic
from terminal.core.roles import Role
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.usecases import credentials, queries, registration, setup
from terminal.usecases.context import Actor
from terminal.usecases.registration import HealthCheckInput, LetterInput, ProfileInput

TARGET_P95_MS = 20.0
TARGET_RATIO = 1.25
TARGET_OPEN_MS = 300.0
BATCH = 1000


def _agency() -> setup.AgencyInput:
    return setup.AgencyInput("基准测试家政", setup.make_credit_code("91310105MA1FL0000"), "business_licence", "1", "基准",
                             "上海")  # fmt: skip


def build(db: Database, workers: int, seed: int = 7) -> tuple[float, dict[str, list[str]]]:
    """Register `workers` people; returns (workers per second, sample queries per kind)."""
    setup.initialise_database(db, _agency(), "admin", "管理员", "bench1234")
    clerk = Actor("dengji", Role.CLERK)
    rng = random.Random(seed)
    today = dt.date.today()
    samples: dict[str, list[str]] = {k: [] for k in ("name", "given_name", "pinyin_initials", "pinyin_full",
                                                     "id_suffix", "credential_no", "phone")}  # fmt: skip
    from pypinyin import Style, lazy_pinyin

    people = synthetic.unique_people(rng, today)
    start = time.perf_counter()
    for batch_start in range(0, workers, BATCH):
        with db.transaction():
            for i in range(batch_start, min(workers, batch_start + BATCH)):
                person = next(people)
                phone = synthetic.phone_for(rng)
                profile = ProfileInput(phone, "上海市长宁区", ["cleaning"], health_check=HealthCheckInput(
                    today, today + dt.timedelta(days=365), "医院"), letters=[LetterInput("pi_consent", today, None)])  # fmt: skip
                worker_id = registration.register_worker(db, clerk, synthetic.simulated_read(person), profile, today)
                number = credentials.apply(db, clerk, worker_id, today) if i % 3 == 0 else None
                if i % 997 == 0:
                    name = person["name"]
                    samples["name"].append(name[:2])
                    samples["given_name"].append(name[1:])
                    samples["pinyin_initials"].append("".join(s[0] for s in lazy_pinyin(name, style=Style.NORMAL)))
                    samples["pinyin_full"].append("".join(lazy_pinyin(name, style=Style.NORMAL)))
                    samples["id_suffix"].append(person["id_number"][-rng.choice((4, 5, 6)):])
                    samples["phone"].append(phone)
                    if number:
                        samples["credential_no"].append(number)
    elapsed = time.perf_counter() - start
    return workers / elapsed, samples


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_searches(db: Database, samples: dict[str, list[str]], rounds: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for kind, texts in samples.items():
        timings: list[float] = []
        for _ in range(rounds):
            for text in texts:
                t0 = time.perf_counter()
                found = queries.find_workers(db, text)
                timings.append((time.perf_counter() - t0) * 1000)
                if not found:
                    raise AssertionError(f"search {kind} found nothing")
        out[kind] = {"p50_ms": round(_percentile(timings, 0.5), 3), "p95_ms": round(_percentile(timings, 0.95), 3),
                     "queries": len(timings)}  # fmt: skip
    return out


def _time_open(opener: Callable[[], Database], repeats: int = 5) -> float:
    timings = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        db = opener()
        db.scalar("SELECT count(*) FROM workers")
        timings.append((time.perf_counter() - t0) * 1000)
        db.close()
    return statistics.median(timings)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench store")
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--reuse", type=Path, help="keep the built databases in DIR and reuse them next time")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        where = args.reuse or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        enc_path, plain_path, meta_path = where / "enc.db", where / "plain.db", where / "meta.json"
        meta = json.loads(meta_path.read_text()) if args.reuse and meta_path.exists() else {}
        if meta.get("workers") == args.workers:
            key = bytes.fromhex(meta["key"])
            enc_rate, plain_rate = meta["enc_rate"], meta["plain_rate"]
            samples, plain_samples = meta["samples"], meta["plain_samples"]
        else:
            for stale in where.glob("*.db*"):
                stale.unlink()
            key = keys.new_database_key()
            enc = Database.open(enc_path, key)
            migrate(enc)
            enc_rate, samples = build(enc, args.workers)
            plain = Database.open_unencrypted_for_benchmark(plain_path)
            migrate(plain)
            plain_rate, plain_samples = build(plain, args.workers)
            enc.close()
            plain.close()
            meta_path.write_text(json.dumps({"workers": args.workers, "key": key.hex(), "enc_rate": enc_rate,
                                             "plain_rate": plain_rate, "samples": samples,
                                             "plain_samples": plain_samples}))  # fmt: skip
        enc = Database.open(enc_path, key)
        plain = Database.open_unencrypted_for_benchmark(plain_path)
        enc_search = run_searches(enc, samples, args.rounds)
        plain_search = run_searches(plain, plain_samples, args.rounds)
        enc.close()
        plain.close()
        open_ms = _time_open(lambda: Database.open(enc_path, key))
        plain_open_ms = _time_open(lambda: Database.open_unencrypted_for_benchmark(plain_path))
        size_mb = enc_path.stat().st_size / 1e6
    mix_enc = sum(v["p50_ms"] for v in enc_search.values())
    mix_plain = sum(v["p50_ms"] for v in plain_search.values())
    worst_p95 = max(v["p95_ms"] for v in enc_search.values())
    result: dict[str, Any] = {
        "benchmark": "store",
        "workers": args.workers,
        "import_workers_per_s": {"encrypted": round(enc_rate, 1), "plain": round(plain_rate, 1),
                                 "ratio_plain_over_encrypted": round(plain_rate / enc_rate, 3)},
        "search": {"encrypted": enc_search, "plain": plain_search},
        "search_mix_ratio_encrypted_over_plain": round(mix_enc / mix_plain, 3),
        "open_ms": {"encrypted": round(open_ms, 2), "plain": round(plain_open_ms, 2)},
        "database_mb": round(size_mb, 1),
        "targets": {
            "search_p95_ms": {"target": TARGET_P95_MS, "worst": worst_p95, "met": worst_p95 <= TARGET_P95_MS},
            "search_mix_ratio": {"target": TARGET_RATIO, "value": round(mix_enc / mix_plain, 3),
                                 "met": mix_enc / mix_plain <= TARGET_RATIO},
            "open_ms": {"target": TARGET_OPEN_MS, "value": round(open_ms, 2), "met": open_ms <= TARGET_OPEN_MS},
        },
    }  # fmt: skip
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for name, t in result["targets"].items():
            print(f"{name}: {t} ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
