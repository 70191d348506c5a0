"""`python -m bench app` runs end to end at a small size in CI (timings are reported, never asserted): the
keystroke measure, while the app drains its sync backlog and once it is idle, and the store's own search time
for the same texts come out of the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_bench_app_reports_keystrokes_against_the_store(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bench", "app", "--json", "--workers", "30", "--rounds", "12",
                           "--sync-timeout", "120"],
                          capture_output=True, text=True, env=env, timeout=600, check=True)  # fmt: skip
    result = json.loads(done.stdout)  # the JSON alone: the demo centre's addresses go to standard error
    assert "/console/" in done.stderr
    assert result["workers"] == 30
    for key in ("keystroke_ms_median", "keystroke_ms_max", "store_search_ms_median", "store_search_ms_p95",
                "keystroke_vs_store", "keystroke_ratio", "keystroke_max_ratio", "keystroke_syncing_ms_median",
                "keystroke_syncing_ratio", "keystroke_syncing_max_ratio", "keystroke_syncing_vs_store",
                "store_page_ms_median", "memory_growth_ratio"):  # fmt: skip
        assert float(result[key]) >= 0, key
    assert result["keystroke_ms_max"] >= result["keystroke_ms_median"] > 0
    assert result["keystroke_syncing_ms_max"] >= result["keystroke_syncing_ms_median"] > 0
    # The demo centre answered the backlog: the first phase typed while it drained, the second after it ended.
    assert result["sync_started"] and result["sync_drained_before_idle"]
    assert result["sync_backlog_before"] >= result["sync_backlog_after"]
