"""Benchmarks of the importers: `python -m bench.import_quality`, `python -m bench.import_speed`."""
