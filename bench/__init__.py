"""Benchmarks: `python -m bench NAME --json`. Each reports ratios against a baseline measured in the same run."""
