"""Benchmarks: `python -m benchmarks [name ...]` runs them, prints tables and saves JSON under
benchmarks/results/. Every figure is reported beside a baseline measured in the same run."""
