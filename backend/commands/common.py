"""What every command needs: the settings, the database brought up to date, its connections
closed before a server forks its workers.

Imports inside the functions, not at the top, to spare the command line's start-up time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any


def read_settings() -> Any:
    from backend.settings import get_settings

    return get_settings()


def known_migrations() -> frozenset[tuple[str, str]]:
    """(app, migration id) of every migration file (``backend/lib/migrations.py``)."""
    from backend.lib.migrations import known_migrations
    from backend.piccolo_conf import APPS

    return known_migrations(tuple(APPS))


async def up_to_date() -> bool:
    """Whether every migration has run, asked in one statement; False when unsure (no table of
    migrations yet, a database that does not answer): then Piccolo's own run decides."""
    from backend.lib import migrations
    from backend.piccolo_conf import APPS, DB

    try:
        return await migrations.up_to_date(DB, tuple(APPS))
    except Exception:
        return False


MIGRATION_LOCK = int.from_bytes(b"Stepwise", "big")
"""The PostgreSQL advisory lock every process holds while it migrates (a bigint; any process of
another program that took the same number would only make a start wait)."""


async def migrate(quiet: bool = False) -> None:
    """Bring the database up to date, once however many servers and workers start together.

    When it is (the usual start of a server), one statement says so and Piccolo's migration
    machinery is not loaded: about a second of start-up. Otherwise the process takes the
    migration lock (``migration_lock``), asks again (another process may have migrated while
    this one waited), and only then runs Piccolo's forwards: two servers started together on a
    fresh database no longer both create the same tables (``DuplicateTableError``)."""
    if await up_to_date():
        return
    async with migration_lock():
        if await up_to_date():
            return
        await _run_forwards(quiet)


async def _run_forwards(quiet: bool) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    if quiet:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            result = await run_forwards("all")
    else:
        result = await run_forwards("all")
    if not result.success:
        raise SystemExit(f"Migration failed: {result.message}")


@asynccontextmanager
async def migration_lock() -> AsyncIterator[None]:
    """Held by one process at a time, on every machine of the installation.

    PostgreSQL: a session advisory lock (``pg_advisory_lock``) on a connection of its own, held
    until that connection lets go of it or closes, so a process killed while migrating frees
    it. SQLite (one machine): an exclusive ``flock`` on a file beside the database, freed by
    the system when the process ends."""
    settings = read_settings()
    if settings.is_sqlite:
        async with _file_lock(
            settings.sqlite_path.with_name(settings.sqlite_path.name + ".migrate-lock")
        ):
            yield
        return
    import asyncpg  # type: ignore[import-untyped]

    connection = await asyncpg.connect(settings.database_url)
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        try:
            yield
        finally:
            await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    finally:
        await connection.close()


@asynccontextmanager
async def _file_lock(path: Path) -> AsyncIterator[None]:
    import asyncio
    import fcntl
    import os

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        # In a thread: flock waits, and the event loop may have other work meanwhile.
        await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def close_db() -> None:
    from backend.piccolo_conf import DB

    if hasattr(DB, "close"):
        DB.close()
