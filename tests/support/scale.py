"""Installations of their own for the tests of several processes on one database: a fresh
database on the engine the API tier runs on (SQLite in a new data folder, or a new database on
the same PostgreSQL server), dropped afterwards."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
