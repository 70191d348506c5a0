"""The centre load benchmark runs end to end on a small push (its timings are reported, never asserted)."""

from __future__ import annotations

from bench import centre


def test_bench_times_the_page_alone_and_during_a_push() -> None:
    result = centre.run(events=300, samples=20)
    assert result["accepted"] == 300
    assert result["page_samples_idle"] == 20
    assert int(str(result["page_samples_during_push"])) >= 1
    assert float(str(result["page_p99_ms_idle"])) > 0 and float(str(result["ratio"])) > 0
    targets = result["targets"]
    assert isinstance(targets, dict) and set(targets) == {"ratio_max", "page_p99_ms_during_push_max"}


def test_percentiles_by_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert centre.p99(samples) == 99.0
    assert centre.percentile(samples, 50) == 50.0
    assert centre.p99([7.0]) == 7.0
