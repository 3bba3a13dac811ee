from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

from backend.outcomes.triggers import FORGET_FUNCTION

ID = "2026-12-07T14:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, the kept figures' counter moves once a transaction, not once a row"

# backend/outcomes/triggers.py, FORGET_FUNCTION: the counter ``outcome_changes`` moves once in a
# transaction however many watched rows it changes (erasing a client's 2,000 rows moved it 2,000
# times, each move walking past the earlier versions of its one row). The kept figures a row is
# about are still forgotten row by row.
BACKWARDS = """CREATE OR REPLACE FUNCTION
outcome_forget(changed_from date, changed_to date, every boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outcome_changes SET changes = changes + 1;
    IF every THEN
        DELETE FROM outcome_figures;
    ELSIF changed_to IS NULL THEN
        DELETE FROM outcome_figures WHERE reads_to IS NULL OR reads_to >= changed_from;
    ELSE
        DELETE FROM outcome_figures
        WHERE (reads_to IS NULL OR reads_to >= changed_from) AND reads_from <= changed_to;
    END IF;
END $$"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="outcomes", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(FORGET_FUNCTION)

    async def drop():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(BACKWARDS)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
