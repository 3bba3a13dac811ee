"""What the accounts domain's HTTP handlers share: the sign-in rate limit, the caller's
address, the header that empties a signed-out browser."""

from __future__ import annotations

from typing import Any

from litestar import Request

from backend.accounts import (
    sessions,
)
from backend.lib.ratelimit import RateLimiter
from backend.settings import get_settings

limiter = RateLimiter(get_settings().rate_limit_per_minute, name="accounts")

# Clear-Site-Data wipes what this person left in the browser (W3C Clear Site Data §3).
CLEAR_SITE_DATA = {"Clear-Site-Data": '"cache", "storage"'}


def _ip(request: Request[Any, Any, Any]) -> str:
    return sessions.client_ip(request)
