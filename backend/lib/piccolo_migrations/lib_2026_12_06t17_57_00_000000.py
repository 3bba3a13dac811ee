from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T17:57:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "One rate count per (bucket, address, minute)"

# Piccolo writes a composite ``Unique`` as ALTER TABLE … ADD CONSTRAINT, which SQLite does not
# have; a unique index is the same rule on both engines (and ON CONFLICT uses it). A raw step
# runs before a migration's tables are made, hence a migration of its own.
FORWARDS = ['CREATE UNIQUE INDEX IF NOT EXISTS rate_counts_one_per_minute ON rate_counts (bucket, address, minute)']
BACKWARDS = ['DROP INDEX IF EXISTS rate_counts_one_per_minute']


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lib", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
