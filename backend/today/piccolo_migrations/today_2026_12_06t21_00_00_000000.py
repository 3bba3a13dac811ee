from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T21:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a client's day stamp that moves is told to every app server"

# Every app server keeps clients' days (``backend/today/services.py``) and, on SQLite, reads
# the client's stamp on each request to know the kept answer still holds. On PostgreSQL a
# change to ``day_stamps`` — whichever trigger, process or machine made it — is also told with
# ``NOTIFY stepwise_days, '<client>'`` at its commit, so a server that hears every notification
# can answer from its copy without a round trip (``backend/lib/db.py``: ``hear``, ``moment``).
# PostgreSQL folds the same notification made twice in one transaction into one.
CHANNEL = "stepwise_days"

_POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION day_told() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN
        IF TG_OP = 'DELETE' THEN PERFORM pg_notify('{CHANNEL}', OLD.client::text);
        ELSE PERFORM pg_notify('{CHANNEL}', NEW.client::text); END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS day_told ON day_stamps",
    """CREATE TRIGGER day_told AFTER INSERT OR UPDATE OR DELETE ON day_stamps
    FOR EACH ROW EXECUTE FUNCTION day_told()""",
]
_DROP = [
    "DROP TRIGGER IF EXISTS day_told ON day_stamps",
    "DROP FUNCTION IF EXISTS day_told()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="today", description=DESCRIPTION)

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
