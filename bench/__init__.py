"""Stepwise benchmarks: run with ``scripts/bench`` (or ``uv run python -m bench --help``).

Every figure is printed as a ratio against a baseline measured in the same run on the same
machine, because these machines are noisy: an absolute req/s means little on its own.
"""
