"""Offline writes arriving later: idempotency keys, so each change lands exactly once.

What other domains use: ``insert_once`` (a row made by a phone's write, once however often the
write is sent); ``IdempotencyMiddleware`` (``app.py``); ``IdempotencyRecord`` in ``tables``.
"""

from backend.sync.idempotency import IdempotencyMiddleware
from backend.sync.once import insert_once

__all__ = ["IdempotencyMiddleware", "insert_once"]
