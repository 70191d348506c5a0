"""`python -m bench analytics` runs end to end at a tiny size in CI, on its own private PostgreSQL (timings are
reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_analytics_bench_runs_at_a_tiny_size() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "analytics", "--json", "--workers", "60", "--years", "2",
                           "--samples", "3", "--port", "54392"], capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["database"] == "postgresql" and result["rows"]["contracts"] > 0
    assert set(result["dashboards"]) == {"/console/analytics/", "/console/analytics/trends/",
                                         "/console/analytics/outlook/", "/console/analytics/supervision/"}  # fmt: skip
    assert result["forecast"]["cells"] > 0 and set(result["meets_targets"]) == {
        "dashboard_p95", "credit_incremental", "credit_batch", "forecast"}
    passes = result["credit"]["event_pass"]  # a push's whole follow-up, beside the agency recount it replaced
    assert passes["median_seconds"] > 0 and passes["agency_recount_seconds"] > 0
