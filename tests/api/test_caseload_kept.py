"""A coach's caseload asked again is answered from the server's copy while nothing it shows can
have changed (``backend/clients/caseloads.py``), and a change from anywhere shows at once: one
made through this server at the next request, one made by another process (a second server,
the CLI) at the first request after this server can know of it (PostgreSQL: after it heard
``NOTIFY stepwise_caseloads``; SQLite: the other connection's commit moves the moment)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from typing import Any

import pytest

from backend.clients import caseloads
from backend.lib.db import Statement
from backend.piccolo_conf import DB
from tests.api.conftest import Api

WAIT = 10.0


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each read of a caseload from the database, listed."""
    seen: list[str] = []
    real = caseloads.fetch

    async def counted(engine: Any, statement: Statement, *args: Any) -> Any:
        if statement in caseloads._CASELOAD_BY.values():
            seen.append(statement.sqlite)
        return await real(engine, statement, *args)

    monkeypatch.setattr(caseloads, "fetch", counted)
    return seen


async def _names(api: Api, as_: str = "coach") -> list[str]:
    answer = await api.get("/api/clients", as_=as_)
    assert answer.status_code == 200, answer.text
    return [c["displayName"] for c in answer.json()]


async def _kept(api: Api, reads: list[str]) -> list[str]:
    """Ask until the answer comes from the copy (on PostgreSQL the listener connects on first
    use, and a change heard meanwhile keeps a copy from being made)."""
    deadline = time.monotonic() + WAIT
    while True:
        before = len(reads)
        names = await _names(api)
        if len(reads) == before:
            return names
        assert time.monotonic() < deadline, "no copy of the caseload was kept"
        await asyncio.sleep(0.01)


async def _elsewhere(sql: str, *args: Any) -> None:
    """``sql`` committed by another process; returns once this server can know of it."""
    if DB.engine_type == "postgres":
        import asyncpg  # type: ignore[import-untyped]

        heard = caseloads._caseloads_told.count
        other = await asyncpg.connect(DB.config["dsn"])
        try:
            await other.execute(Statement(sql).postgres, *args)
        finally:
            await other.close()
        deadline = time.monotonic() + WAIT
        while caseloads._caseloads_told.count == heard:
            assert time.monotonic() < deadline, "the change was not told"
            await asyncio.sleep(0.005)
    else:
        with closing(sqlite3.connect(DB.path, isolation_level=None)) as other:
            other.execute(sql, args)


async def test_a_caseload_asked_again_is_not_read_again_until_it_changes(
    world_api: Api, reads: list[str]
) -> None:
    world = world_api.world
    assert world is not None
    first = await _kept(world_api, reads)
    reads.clear()
    for _ in range(3):
        assert await _names(world_api) == first
    assert reads == [], "an unchanged caseload was read again"

    # A client renamed by another process shows at the next request.
    alice = world.ids["client"]
    old_name = next(n for n in first if n.startswith("Alice"))
    await _elsewhere("UPDATE users SET display_name = ? WHERE id = ?", "Alicja", alice)
    try:
        assert "Alicja" in await _names(world_api)
        # A client given to another coach elsewhere leaves this coach's caseload at once.
        await _kept(world_api, reads)
        await _elsewhere(
            'UPDATE client_records SET coach = ? WHERE "user" = ?', world.ids["other_coach"], alice
        )
        assert "Alicja" not in await _names(world_api)
        assert "Alicja" in await _names(world_api, as_="other_coach")
    finally:
        await _elsewhere(
            'UPDATE client_records SET coach = ? WHERE "user" = ?', world.ids["coach"], alice
        )
        await _elsewhere("UPDATE users SET display_name = ? WHERE id = ?", old_name, alice)
    assert await _names(world_api) == first


async def test_a_change_made_through_this_server_shows_at_the_next_request(
    world_api: Api, reads: list[str]
) -> None:
    world = world_api.world
    assert world is not None
    before = await _kept(world_api, reads)
    alice = world.ids["client"]
    old_name = next(n for n in before if n.startswith("Alice"))
    renamed = await world_api.patch("/api/me", as_="client", json={"displayName": "Alice B."})
    assert renamed.status_code == 200, renamed.text
    try:
        assert "Alice B." in await _names(world_api)
    finally:
        await _elsewhere("UPDATE users SET display_name = ? WHERE id = ?", old_name, alice)
