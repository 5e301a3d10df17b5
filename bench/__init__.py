"""Benchmarks: speed is measured here, not in timed tests. `python -m bench` runs them all."""
