from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T09:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a person's activity stamp that moves is told to every app server"

# Every app server keeps the pages of clients' activity logs and coaches' day recaps it
# answered (``backend/activities/kept.py``) while the stamps of the people they are about have
# not moved. On PostgreSQL a change to ``activity_stamps`` — whichever trigger, process or
# machine made it — is also told with ``NOTIFY stepwise_activities, '<person>'`` at its commit,
# so a server that hears every notification answers from its copy without reading the stamps
# (``backend/lib/db.py``: ``hear``, ``moment``). PostgreSQL folds the same notification made
# twice in one transaction into one. SQLite needs nothing: another connection's commit moves
# the moment itself.
CHANNEL = "stepwise_activities"

_POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION activity_told() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN
        IF TG_OP = 'DELETE' THEN PERFORM pg_notify('{CHANNEL}', OLD.person::text);
        ELSE PERFORM pg_notify('{CHANNEL}', NEW.person::text); END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS activity_told ON activity_stamps",
    """CREATE TRIGGER activity_told AFTER INSERT OR UPDATE OR DELETE ON activity_stamps
    FOR EACH ROW EXECUTE FUNCTION activity_told()""",
]
_DROP = [
    "DROP TRIGGER IF EXISTS activity_told ON activity_stamps",
    "DROP FUNCTION IF EXISTS activity_told()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            for ddl in _POSTGRES:
                await engine.run_ddl(ddl)

    async def drop():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            for ddl in _DROP:
                await engine.run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
