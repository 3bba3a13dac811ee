"""A fixed-window limit per client address for sign-in and enrollment.

In-process: with several app servers each keeps its own window, so the effective limit is
per server. That still stops a single script guessing enrollment tokens (which are 256-bit).
"""

from __future__ import annotations

import time
from collections import defaultdict

from backend.lib.errors import ProblemError


class RateLimiter:
    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._windows: dict[tuple[str, str], tuple[int, int]] = defaultdict(lambda: (0, 0))

    def clear(self) -> None:
        """Forget every window (tests start each from nothing)."""
        self._windows = defaultdict(lambda: (0, 0))

    def hit(self, bucket: str, address: str) -> None:
        window = int(time.monotonic() // 60)
        start, count = self._windows[(bucket, address)]
        if start != window:
            start, count = window, 0
        count += 1
        self._windows[(bucket, address)] = (start, count)
        if len(self._windows) > 10_000:
            self._windows = defaultdict(
                lambda: (0, 0), {k: v for k, v in self._windows.items() if v[0] == window}
            )
        if count > self.per_minute:
            error = ProblemError(429, "Too many attempts. Please wait a minute and try again.")
            error.headers = {"Retry-After": "60"}
            raise error
