from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T22:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The visits logged from shifts, by day"

# The day recap asks which of the caseload's shifts of a day have a visit logged. Most
# activities are not visits (no shift): a partial index over the visits alone, by (day, shift),
# keeps that one small range whatever the log holds. (The index on ``shift`` alone misleads
# SQLite's planner into a scan: its statistics count the many rows without a shift.)
FORWARDS = [
    "CREATE INDEX IF NOT EXISTS activities_visits ON activities (shift_day, shift)"
    " WHERE shift IS NOT NULL",
]
BACKWARDS = ["DROP INDEX IF EXISTS activities_visits"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
