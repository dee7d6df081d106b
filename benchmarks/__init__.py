"""The scale benchmark: `python -m benchmarks` (see README: Performance)."""
