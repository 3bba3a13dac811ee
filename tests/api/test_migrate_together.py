"""Servers and workers started together on a fresh database migrate it once between them: the
first takes the migration lock and migrates, the others wait for it, find the database up to
date and go on (before the lock, one of two exited with ``DuplicateTableError``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from backend.commands.common import known_migrations
from tests.support.cli import installation
from tests.support.scale import fresh_database


async def _migrations_recorded(url: str) -> list[tuple[str, str]]:
    if url.startswith("sqlite:///"):
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return [(str(a), str(n)) for a, n in db.execute("SELECT app_name, name FROM migration")]
    import asyncpg  # type: ignore[import-untyped]

    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch("SELECT app_name, name FROM migration")
    finally:
        await connection.close()
    return [(str(r[0]), str(r[1])) for r in rows]


async def test_three_processes_started_together_migrate_a_fresh_database_once(
    tmp_path: Path,
) -> None:
    async with fresh_database(tmp_path) as url:
        # Three machines (data folders of their own) on one database, started at once.
        starts = [
            subprocess.Popen(
                [sys.executable, "-m", "backend.cli", "migrate"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=installation(tmp_path / f"machine-{n}", url),
            )
            for n in range(3)
        ]
        try:
            for start in starts:
                out, err = start.communicate(timeout=300)
                assert start.returncode == 0, err
                assert "up to date" in out
        finally:
            for start in starts:
                if start.poll() is None:
                    start.kill()
                start.communicate()
        recorded = await _migrations_recorded(url)
        assert len(recorded) == len(set(recorded))  # each migration ran once
        assert set(recorded) == known_migrations()
