"""Offline writes arriving later: idempotency keys, so each change lands exactly once."""

from backend.sync.idempotency import answers_naming, forget_answers

__all__ = ["answers_naming", "forget_answers"]
