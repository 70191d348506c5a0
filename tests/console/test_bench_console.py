"""`python -m bench console` runs end to end at a tiny size in CI, on its own private PostgreSQL (timings are
reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

KINDS = {"name", "pinyin", "id_suffix", "id", "credential", "phone", "agency"}


def test_the_console_bench_runs_at_a_tiny_size() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "console", "--json", "--workers", "60", "--samples", "2",
                           "--port", "54396"], capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["database"] == "postgresql" and result["indexed_workers"] >= 60
    assert set(result["kinds"]) == KINDS | {"catch_up"}
    for kind in KINDS:  # the look-up finds what it was given, by the index and without it
        figures = result["kinds"][kind]
        assert figures["rows_on_first_page_median"] >= 1, kind
        assert figures["indexed"]["p95_ms"] > 0 and figures["naive"]["p95_ms"] > 0, kind
