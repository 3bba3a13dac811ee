from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T03:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a change to client records or to a person's name is told"

# Every app server keeps the caseloads it answered (``backend/clients/services.py``) while
# nothing they show can have changed. On PostgreSQL a change to ``client_records`` (a client
# added, moved to another coach or team, a stage) or to anyone's name, whichever process or
# machine made it, is told with ``NOTIFY stepwise_caseloads`` at its commit, once per
# statement (PostgreSQL folds the same notification of one transaction into one). SQLite needs
# nothing: another connection's commit moves the moment itself (``backend/lib/db.py``).
CHANNEL = "stepwise_caseloads"

_POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION caseload_told() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS caseload_told ON client_records",
    """CREATE TRIGGER caseload_told AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON client_records FOR EACH STATEMENT EXECUTE FUNCTION caseload_told()""",
    "DROP TRIGGER IF EXISTS caseload_told ON users",
    """CREATE TRIGGER caseload_told AFTER UPDATE OF display_name
    ON users FOR EACH STATEMENT EXECUTE FUNCTION caseload_told()""",
]
_DROP = [
    "DROP TRIGGER IF EXISTS caseload_told ON client_records",
    "DROP TRIGGER IF EXISTS caseload_told ON users",
    "DROP FUNCTION IF EXISTS caseload_told()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="clients", description=DESCRIPTION)

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
