"""CSRF protection for cookie-authenticated writes.

Every write under /api must carry ``X-Requested-With: stepwise`` (OWASP CSRF Cheat Sheet,
"custom request headers"): a cross-site page cannot add it without a CORS preflight, which this
server never grants. An ``Origin`` header, where the browser sends one, must be ours.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from backend.lib.errors import ProblemError
from backend.settings import get_settings

SAFE = {"GET", "HEAD", "OPTIONS"}


async def csrf_guard(request: Request[Any, Any, Any]) -> None:
    if request.method in SAFE or not request.url.path.startswith("/api/"):
        return
    if request.headers.get("x-requested-with") != "stepwise":
        raise ProblemError(
            403, "This request was refused: it did not come from the Stepwise app.", code="csrf"
        )
    origin = request.headers.get("origin")
    if origin and origin != get_settings().origin:
        raise ProblemError(403, "This request was refused: it came from another site.", code="csrf")
