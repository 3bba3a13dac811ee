"""Offline writes arriving later: idempotency keys, so each change lands exactly once."""
