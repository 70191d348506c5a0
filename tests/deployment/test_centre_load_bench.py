"""`python -m bench centre-load` end to end at its tiny size, in its own process (Locust monkey-patches the
standard library for gevent; the test process must not be patched). Its timings are reported, never asserted:
what is asserted is that every part ran and that no event was lost or stored twice."""

from __future__ import annotations

import json
import subprocess
import sys


def test_centre_load_bench_runs_2_then_4_processes_and_loses_no_event() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "centre-load", "--json", "--size", "tiny"],
                          capture_output=True, text=True, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["benchmark"] == "centre-load" and report["correct"] is True
    assert [phase["processes"] for phase in report["phases"]] == [2, 4]
    for phase in report["phases"]:
        events = phase["events"]
        assert events["sent"] > 0 and events["lost"] == 0 and events["duplicated"] == 0
        assert events["stored"] == events["accepted"] + events["duplicate"] + events["stored_without_answer"]
        assert phase["receipts_match"] is True and phase["failures_whole_run"] == {}
        # Every kind of request was made (the bench waits for that before it measures); how many fell in the
        # measured seconds depends on the machine's speed, so only their shape is checked.
        assert all(phase["requests_whole_run"].get(name, 0) > 0 for name in ("push", "pull", "verify", "search",
                                                                             "sign-in")), phase["requests_whole_run"]  # fmt: skip
        for measured in phase["endpoints"].values():
            assert measured["failures"] == 0
            assert measured["requests"] == 0 or measured["p50_ms"] <= measured["p99_ms"]
    assert set(report["change_2_to_4"]) >= {"push_events_per_s_ratio", "push", "pull", "verify", "search"}
    assert report["targets"] == {"push_events_per_s_min": 2000.0, "verify_p99_ms_max": 100.0,
                                 "at_verify_rate_per_s": 100.0, "apply_at_size": "full"}  # fmt: skip
