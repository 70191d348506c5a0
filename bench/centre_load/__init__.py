"""`python -m bench centre-load [--json] [--size tiny|small|full]`: the centre under a city's load, on loopback.

One private PostgreSQL cluster (bench/centre_load/postgres.py); in the same run, 2 and then 4 application processes
(`terminal-server serve` each, bench/centre_load/processes.py) on a fresh database each. Terminals are enrolled first,
each with its own key, then Locust (bench/centre_load/load.py) drives at once: the terminals pushing new
registrations and pulling on their schedule, the public opening verification pages at a steady rate, and console
staff (made with `terminal-server staff add`) searching. Reports per endpoint throughput and p50/p99, the change from
2 to 4 processes, the events sent, acknowledged and stored (none lost, none twice; every terminal's receipt checked
against the centre's), and the targets at full size: push >= 2,000 events/s sustained, verification p99 <= 100 ms at
100 requests/s during the push load. Per-client rate limits are off (CENTRE_RATE_LIMITS=0): every simulated client
shares one loopback address. Bounded: each phase runs a fixed time, and every request has a time-out.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench centre-load")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--size", choices=("tiny", "small", "full"), default="full",
                        help="tiny: a smoke run for CI; full: several hundred terminals, the targets' size")  # fmt: skip
    parser.add_argument("--small", dest="size", action="store_const", const="small", help="the same as --size small")
    args = parser.parse_args(argv)
    # Locust (gevent's monkey-patching) first, before anything imports ssl or requests; only here, never on import.
    from bench.centre_load import (
        load,  # noqa: F401
        run,
    )

    result: dict[str, Any] = run.run(args.size)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["correct"] else 1
