from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a client's day stamp moves once a transaction, not once a row"

# A reader keeps a client's day while ``day_stamps.changes`` has not moved; one move for a
# transaction tells as much as one a row, since readers see the transaction's rows all at once.
# On PostgreSQL each move of the same row in one transaction leaves a version that the next
# must walk past: a transaction changing n rows of one client (erasure, an import) paid n²/2
# steps (2,000 rows in psql: 42-55 ms, and 7 ms moving once). The function remembers the last
# client it moved in this transaction (a transaction-local setting, undone with a rolled-back
# savepoint like the move itself) and does not move it again. SQLite changes its row in place:
# its triggers stay as they are.
FORWARDS = """CREATE OR REPLACE FUNCTION day_stamp_bump(who uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE mark text;
BEGIN
    IF who IS NULL THEN RETURN; END IF;
    mark := pg_current_xact_id()::text || ' ' || who::text;
    IF current_setting('stepwise.day_stamp_moved', true) IS DISTINCT FROM mark THEN
        INSERT INTO day_stamps (client, changes) VALUES (who, 1)
        ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;
        PERFORM set_config('stepwise.day_stamp_moved', mark, true);
    END IF;
END $$"""
BACKWARDS = """CREATE OR REPLACE FUNCTION day_stamp_bump(who uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF who IS NOT NULL THEN
        INSERT INTO day_stamps (client, changes) VALUES (who, 1)
        ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;
    END IF;
END $$"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="today", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(FORWARDS)

    async def drop():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(BACKWARDS)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
