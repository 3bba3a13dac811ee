from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T04:02:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "One fading plan per client and job, one row per week, each alert once"
# A version's number is not unique: two saves at the same moment may share one; the newest by
# ``made_at`` is in force either way (the plan's ``version`` names it).

# Piccolo writes no composite unique constraint SQLite reads: unique indexes, the same on both.
FORWARDS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS fading_plans_one_per_job ON fading_plans (client, job)",
    "CREATE UNIQUE INDEX IF NOT EXISTS fading_weeks_one_per_week ON fading_weeks (plan, monday)",
    "CREATE UNIQUE INDEX IF NOT EXISTS fading_alerts_once"
    " ON fading_alerts (plan, kind, since)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS fading_plans_one_per_job",
    "DROP INDEX IF EXISTS fading_weeks_one_per_week",
    "DROP INDEX IF EXISTS fading_alerts_once",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="fading", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
