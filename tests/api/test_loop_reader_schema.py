"""A small read runs on the event loop's reader however large the schema is: SQLite parses the
schema when a connection prepares its first statement, and that parse must not be cut by the
loop's read budget (it was, once the schema grew past a few dozen tables, and then every read
went to a reader thread)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backend.lib.db import FastSQLiteEngine


async def test_the_first_small_read_is_not_interrupted_by_parsing_a_large_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wide.sqlite3"
    made = sqlite3.connect(path)
    tables = "".join(
        f"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, a TEXT); CREATE INDEX t{i}_a ON t{i} (a);"
        for i in range(3000)
    )
    made.executescript("BEGIN;" + tables + "INSERT INTO t0 (a) VALUES ('x'); COMMIT;")  # noqa: S608
    made.close()
    engine = FastSQLiteEngine(path=str(path))
    try:
        for _ in range(3):
            rows = await engine._read("SELECT a FROM t0", None, True)
            assert rows == [("x",)]
            assert engine._read_budget.tripped is False
    finally:
        for conn in engine._opened:
            conn.close()
