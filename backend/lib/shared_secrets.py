"""Secrets every app server and worker of one database must share, kept in that database.

A secret a process generated into its own data folder would differ on each machine (a second
server signing Web Push with another VAPID key than the one the phones subscribed with). Here
the first process that needs one makes it and offers it with ``INSERT … ON CONFLICT DO
NOTHING``; every process then reads back the one that was kept, so two servers that start at
the same moment still end up with the same value.
"""

from __future__ import annotations

from collections.abc import Callable

from backend.lib import clock
from backend.lib.tables import ServerSecret


async def shared_secret(name: str, make: Callable[[], str]) -> str:
    """The installation's value of ``name``; ``make()`` offers one when there is none yet."""
    found = await _read(name)
    if found is not None:
        return found
    await ServerSecret.insert(
        ServerSecret(name=name, value=make(), created_at=clock.now())
    ).on_conflict(action="DO NOTHING")
    found = await _read(name)
    assert found is not None, f"the secret {name} was neither kept nor found"
    return found


async def _read(name: str) -> str | None:
    row = await ServerSecret.select(ServerSecret.value).where(ServerSecret.name == name).first()
    return None if row is None else str(row["value"])
