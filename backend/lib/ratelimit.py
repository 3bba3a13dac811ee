"""A fixed-window limit per client address for sign-in, enrollment and the handover pages,
counted in the database, so that every app server of an installation counts together: N
servers behind a load balancer give the configured number of attempts, not N times it.

One statement per attempt: ``INSERT … ON CONFLICT DO UPDATE SET attempts = attempts + 1
RETURNING attempts`` on the row of (bucket, address, minute), which both engines make atomic
(on PostgreSQL the row lock serialises servers that count the same address at the same
moment; other addresses never wait). Each process deletes the rows of finished minutes the
first time it counts in a new one.
"""

from __future__ import annotations

from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.errors import ProblemError
from backend.lib.tables import RateCount

_COUNT = Statement(
    """INSERT INTO rate_counts (bucket, address, minute, attempts) VALUES (?, ?, ?, 1)
    ON CONFLICT (bucket, address, minute) DO UPDATE SET attempts = rate_counts.attempts + 1
    RETURNING attempts"""
)
_SWEEP = Statement("DELETE FROM rate_counts WHERE minute < ?")


class RateLimiter:
    """At most ``per_minute`` attempts per address and bucket in each minute of the clock.
    ``name`` keeps the counts of two limiters apart (servers name theirs alike)."""

    def __init__(self, per_minute: int, *, name: str) -> None:
        self.per_minute = per_minute
        self.name = name
        self._swept = 0  # the minute in which this process last deleted finished minutes

    async def hit(self, bucket: str, address: str) -> None:
        """Count one attempt; a 429 problem (``Retry-After: 60``) past the limit."""
        minute = int(clock.now().timestamp() // 60)
        db = RateCount._meta.db
        rows = await fetch(db, _COUNT, f"{self.name}:{bucket}"[:64], address[:128], minute)
        if self._swept != minute:
            self._swept = minute
            await fetch(db, _SWEEP, minute - 1)  # the minute before may still be counting
        if int(rows[0][0]) > self.per_minute:
            error = ProblemError(429, "Too many attempts. Please wait a minute and try again.")
            error.headers = {"Retry-After": "60"}
            raise error
