"""The sync benchmark runs end to end on a small count (its timings are reported, never asserted)."""

from __future__ import annotations

from bench import sync


def test_bench_drains_everything_and_reconciles() -> None:
    result = sync.run(events=60, batch=25)
    assert result["accepted"] == 60
    assert result["receipt_matches"] is True
    assert float(str(result["ratio_to_bulk"])) > 0
