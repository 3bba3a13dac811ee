"""Offline writes arriving later: idempotency keys, so each change lands exactly once.

What other domains use: ``insert_once`` (a row made by a phone's write, once however often the
write is sent); ``IdempotencyMiddleware`` (``app.py``); ``answers_naming`` and ``forget_answers``
(the stored answers that name a person, for erasure); ``IdempotencyRecord`` in ``tables``.
"""

from backend.sync.idempotency import (
    IdempotencyMiddleware,
    answers_naming,
    forget_answers,
    release_gone_claims,
)
from backend.sync.once import insert_once

__all__ = [
    "IdempotencyMiddleware",
    "answers_naming",
    "forget_answers",
    "insert_once",
    "release_gone_claims",
]
