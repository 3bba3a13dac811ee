"""The same migration files bring an empty SQLite or PostgreSQL database to the tables."""

from __future__ import annotations

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.conf.apps import Finder

from backend.piccolo_conf import DB


async def test_every_table_exists_after_forwards_and_forwards_again_is_a_no_op(app) -> None:  # type: ignore[no-untyped-def]
    # The session fixture migrated an empty database; running again must change nothing.
    result = await run_forwards("all")
    assert result.success
    for table in Finder().get_table_classes():
        assert await table.table_exists(), table._meta.tablename
    if DB.engine_type == "sqlite":
        mode = DB.connection.execute("PRAGMA journal_mode").fetchone()
        assert next(iter(mode.values())) == "wal"
