"""Sessions for the session-cache tests: another phone's session, and whether a lookup was
answered from this server's copy (``backend/accounts/sessions.py``)."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from backend.accounts import sessions
from backend.accounts.tables import Session
from backend.lib import metrics
from backend.lib.actor import Actor
from backend.lib.clock import now

WAIT = 10.0


def hits() -> float:
    value = metrics.REGISTRY.get_sample_value(
        "stepwise_session_cache_lookups_total", {"result": "hit"}
    )
    return value or 0.0


async def lookup(token: str) -> tuple[Actor | None, bool]:
    """Whom the session names, and whether a copy answered (no database read)."""
    before = hits()
    actor = await sessions.lookup(token)
    return actor, hits() > before


async def kept(token: str) -> None:
    """Look up until a copy answers (on PostgreSQL the listener connects on first use, and a
    change heard meanwhile keeps the first from being kept)."""
    deadline = time.monotonic() + WAIT
    while not (await lookup(token))[1]:
        assert time.monotonic() < deadline, "no copy was kept"
        await asyncio.sleep(0.01)


async def new_session(user: str, name: str = "phone") -> str:
    """A session of its own for ``user`` (another phone), a day long; its token."""
    token = f"{name}-{time.monotonic_ns()}-" + "x" * 20
    at = now()
    await Session.insert(
        Session(
            id_hash=sessions.hash_token(token),
            user=user,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=1),
        )
    )
    return token
