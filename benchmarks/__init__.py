"""Benchmarks for perfrules: `python -m benchmarks` (see benchmarks/README.md)."""
