from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T09:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "On PostgreSQL, a change to mentorships is told as the caseloads' are"

# Every app server keeps the client records it read for the access rules
# (``backend/clients/reading.py``: ``record_of``, with the client's open mentorships) while
# nothing they show can have changed. On PostgreSQL a mentorship opened, closed or removed,
# whichever process or machine made it, is told with ``NOTIFY stepwise_caseloads`` at its
# commit, as a change to client records or names is (``clients_2026_12_07t03_40…``, whose
# function this uses). SQLite needs nothing: another connection's commit moves the moment.

_POSTGRES = [
    "DROP TRIGGER IF EXISTS caseload_told ON mentorships",
    """CREATE TRIGGER caseload_told AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON mentorships FOR EACH STATEMENT EXECUTE FUNCTION caseload_told()""",
]
_DROP = ["DROP TRIGGER IF EXISTS caseload_told ON mentorships"]


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
