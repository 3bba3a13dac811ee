"""For the tests of several processes on one database: installations of their own (a fresh
database on the engine the API tier runs on: SQLite in a new data folder, or a new database on
the same PostgreSQL server, dropped afterwards), and sign-in attempts spread over servers."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from backend.settings import get_settings


@contextlib.asynccontextmanager
async def fresh_database(tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database nobody has migrated yet."""
    if get_settings().is_sqlite:
        folder = tmp_path / f"db-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True)
        yield f"sqlite:///{folder / 'stepwise.sqlite3'}"
        return
    import asyncpg  # type: ignore[import-untyped]

    url = get_settings().database_url
    name = f"stepwise_scale_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def sign_in_attempts(urls: list[str], attempts: int) -> tuple[list[int], bool]:
    """The statuses of ``attempts`` sign-in starts from one address, each to the next server of
    ``urls`` in turn, and whether a new minute (the limit's window) began among them. Started
    early enough in a minute that a few requests end within it."""
    while time.time() % 60 > 50:  # the next minute is near: wait for it to begin
        time.sleep(0.05)
    started = int(time.time() // 60)
    statuses = [
        httpx.post(
            f"{urls[n % len(urls)]}/api/signin/options",
            headers={"x-requested-with": "stepwise"},
            timeout=10,
        ).status_code
        for n in range(attempts)
    ]
    return statuses, int(time.time() // 60) != started


def assert_limited_together(statuses: list[int], turned: bool, limit: int) -> None:
    """``limit`` attempts in all, not ``limit`` on each server (or at most ``limit`` in each of
    the two minutes, when a new one began meanwhile)."""
    if turned:
        assert statuses.count(200) <= 2 * limit and set(statuses) <= {200, 429}, statuses
    else:
        assert statuses == [200] * limit + [429] * (len(statuses) - limit), statuses
