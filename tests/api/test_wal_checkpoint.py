"""SQLite's WAL is copied back into the database by a thread of the engine's own, not by the
commit that happens to fill it on the event loop (``backend/lib/db.py``: ``_Checkpointer``):
writes reach the database file without anyone asking, and the copy changes nothing a server
watches (the writer's ``PRAGMA data_version``: session copies and kept days stay trusted)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from backend.lib.db import FastSQLiteEngine

WAIT = 10.0


def _in_the_database_file(path: Path) -> list[tuple[str]]:
    """The rows as the database file holds them, the WAL left aside."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as db:
        try:
            return db.execute("SELECT a FROM t ORDER BY a").fetchall()
        except sqlite3.OperationalError:  # not even the table yet
            return []


async def test_writes_reach_the_database_file_without_a_commit_paying_for_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wal.sqlite3"
    engine = FastSQLiteEngine(path=str(path))
    engine.CHECKPOINT_EVERY_S = 0.05
    try:
        await engine._run("CREATE TABLE t (a TEXT)", None)
        assert engine.connection.execute("PRAGMA wal_autocheckpoint").fetchone() == {
            "wal_autocheckpoint": 0
        }
        stamp = engine.cache_stamp()
        for word in ("one", "two", "three"):
            await engine._run("INSERT INTO t (a) VALUES (?)", [word])
        deadline = time.monotonic() + WAIT
        while _in_the_database_file(path) != [("one",), ("three",), ("two",)]:
            assert time.monotonic() < deadline, "the WAL was never copied into the database"
            await asyncio.sleep(0.02)
        assert engine.cache_stamp() == stamp, "a checkpoint made the server's copies untrusted"
    finally:
        engine.close()
