from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a person's activity stamp moves once a transaction, not once a row"

# The same as the day's stamp (today_2026_12_07t14_30_00_000000): a log or a recap is kept while
# ``activity_stamps.changes`` has not moved, and one move a transaction tells as much as one a
# row; moving the same row again and again in one transaction costs PostgreSQL a walk past each
# earlier version. The function does not move again the person it moved last in this
# transaction. SQLite's triggers stay as they are.
FORWARDS = """CREATE OR REPLACE FUNCTION activity_stamp_bump(who uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE mark text;
BEGIN
    IF who IS NULL THEN RETURN; END IF;
    mark := pg_current_xact_id()::text || ' ' || who::text;
    IF current_setting('stepwise.activity_stamp_moved', true) IS DISTINCT FROM mark THEN
        INSERT INTO activity_stamps (person, changes) VALUES (who, 1)
        ON CONFLICT (person) DO UPDATE SET changes = activity_stamps.changes + 1;
        PERFORM set_config('stepwise.activity_stamp_moved', mark, true);
    END IF;
END $$"""
BACKWARDS = """CREATE OR REPLACE FUNCTION activity_stamp_bump(who uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF who IS NOT NULL THEN
        INSERT INTO activity_stamps (person, changes) VALUES (who, 1)
        ON CONFLICT (person) DO UPDATE SET changes = activity_stamps.changes + 1;
    END IF;
END $$"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)

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
