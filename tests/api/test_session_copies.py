"""Session copies on both engines (``backend/accounts/sessions.py``): a request is answered from
the server's copy of the session while nothing changed, and a change made elsewhere is seen at
the very next request.

PostgreSQL hears other servers' writes (``NOTIFY``: ``tests/api/test_session_cache.py`` has the
details). SQLite has no such channel; instead the writer connection's ``PRAGMA data_version``
moves when any other connection commits (another process: a second server, the CLI), and then
no copy is trusted. Here "another process" is a connection of its own (on PostgreSQL it
announces its write, as a server does).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from typing import Any

import pytest

from backend.accounts import sessions
from backend.lib.db import CHANGES, cache_stamp, change
from backend.piccolo_conf import DB
from tests.api.conftest import Api
from tests.support.sessions import WAIT, kept, lookup, new_session


@pytest.fixture(autouse=True)
def copies_outlive_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions, "CACHE_SECONDS", 600.0)


async def _elsewhere(sql: str, *args: Any, what: str) -> None:
    """``sql`` committed by another process; returns once this server can have seen it."""
    if DB.engine_type == "postgres":
        import asyncpg  # type: ignore[import-untyped]

        before = DB.changes
        other = await asyncpg.connect(DB.config["dsn"])
        try:
            async with other.transaction():
                numbered = sql
                for i in range(len(args)):
                    numbered = numbered.replace("?", f"${i + 1}", 1)
                await other.execute(numbered, *args)
                await other.execute("SELECT pg_notify($1, $2)", CHANGES, what)
        finally:
            await other.close()
        deadline = time.monotonic() + WAIT
        while DB.changes == before:
            assert time.monotonic() < deadline, f"{what!r} was not heard"
            await asyncio.sleep(0.005)
    else:
        with closing(sqlite3.connect(DB.path, isolation_level=None)) as other:
            other.execute(sql, args)


async def test_a_sign_out_elsewhere_is_refused_at_the_next_request(world_api: Api) -> None:
    world = world_api.world
    assert world is not None
    phone = await new_session(world.ids["coach"], "coach-phone")
    tablet = await new_session(world.ids["other_client"], "client-tablet")
    for token in (phone, tablet):
        await kept(token)
    assert cache_stamp(DB) is not None  # copies are trusted on this engine

    gone = sessions.hash_token(phone)
    await _elsewhere("DELETE FROM sessions WHERE id_hash = ?", gone, what=change("sessions", gone))
    assert await lookup(phone) == (None, False)
    # The other session is still answered, from the database at first on SQLite (which cannot
    # tell what another process changed), then from a copy again.
    actor, _ = await lookup(tablet)
    assert actor is not None and actor.id == world.ids["other_client"]
    await kept(tablet)


async def test_a_person_renamed_elsewhere_shows_at_the_next_request(world_api: Api) -> None:
    world = world_api.world
    assert world is not None
    phone = await new_session(world.ids["mentor"], "mentor-phone")
    await kept(phone)
    await _elsewhere(
        "UPDATE users SET display_name = ? WHERE id = ?",
        "Mentor Renamed",
        world.ids["mentor"],
        what=change("users", world.ids["mentor"]),
    )
    actor, from_copy = await lookup(phone)
    assert actor is not None and actor.display_name == "Mentor Renamed" and not from_copy


async def test_this_servers_sign_out_drops_only_that_copy(world_api: Api) -> None:
    """A write of this server names what it changed: everyone else's copy still answers."""
    world = world_api.world
    assert world is not None
    leaving = await new_session(world.ids["coordinator"], "coordinator-phone")
    staying = await new_session(world.ids["coach"], "coach-laptop")
    for token in (leaving, staying):
        await kept(token)
    await sessions.forget(sessions.hash_token(leaving))
    assert await lookup(leaving) == (None, False)
    actor, from_copy = await lookup(staying)
    assert actor is not None and from_copy
