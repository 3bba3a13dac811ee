"""Every foreign-key column leads an index, on the migrated schema of the engine under test.

Deleting a row makes the database look up the rows that point at it (to delete them, set them
to null or refuse), and reads join on these columns: without an index whose first column is the
foreign key, each of those is a scan of the whole table, whose cost grows with the organisation
rather than with the rows concerned.
"""

from __future__ import annotations

from backend.accounts.tables import Team
from backend.piccolo_conf import DB

_POSTGRES_UNINDEXED = """
SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f'
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
  )
"""


async def _unindexed_sqlite() -> list[str]:
    tables = await Team.raw(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    missing = []
    for table in (r["name"] for r in tables):
        leading = set()
        for index in await Team.raw(f"PRAGMA index_list('{table}')"):
            columns = await Team.raw(f"PRAGMA index_info('{index['name']}')")
            leading.add(columns[0]["name"])
        for key in await Team.raw(f"PRAGMA foreign_key_list('{table}')"):
            if key["from"] not in leading:
                missing.append(f"{table}.{key['from']} → {key['table']}")
    return missing


async def _unindexed_postgres() -> list[str]:
    rows = await Team.raw(_POSTGRES_UNINDEXED)
    return [f"{r['tbl']}.{r['col']} → {r['ref']}" for r in rows]


async def test_every_foreign_key_column_leads_an_index(app) -> None:  # type: ignore[no-untyped-def]
    found = await (_unindexed_postgres() if DB.engine_type == "postgres" else _unindexed_sqlite())
    assert sorted(found) == [], "foreign-key columns without an index"


async def test_the_check_sees_foreign_keys_at_all(app) -> None:  # type: ignore[no-untyped-def]
    """The check above would pass on a schema it could not read: it must find the keys."""
    if DB.engine_type == "postgres":
        keys = await Team.raw("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'")
        assert keys[0]["n"] >= 60
    else:
        keys = await Team.raw("PRAGMA foreign_key_list('help_requests')")
        assert {k["from"] for k in keys} >= {"task", "step", "user", "resolved_by"}
