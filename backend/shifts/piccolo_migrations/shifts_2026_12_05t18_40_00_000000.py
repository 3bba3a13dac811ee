from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Indexes for reading only the shifts of a window of days"

# The schedule reads the shifts that can start in a window of days (the next shift, today's,
# the coming weeks, the coach's week, the reminder planner): one-off shifts by (client, on_date),
# weekly ones by (client, repeat, until). Each is one range of an index, so the cost follows the
# shifts in the window, not every shift a client ever had. Piccolo declares no index over two
# columns, hence raw statements (the same on both engines).
FORWARDS = [
    "CREATE INDEX IF NOT EXISTS shifts_client_on_date ON shifts (client, on_date)",
    "CREATE INDEX IF NOT EXISTS shifts_client_repeat_until ON shifts (client, repeat, until)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS shifts_client_on_date",
    "DROP INDEX IF EXISTS shifts_client_repeat_until",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shifts", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
