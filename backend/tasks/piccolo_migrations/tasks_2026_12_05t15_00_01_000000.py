from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T15:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Indexes for open staff screens and for escalation"

# Open staff screens ask every second or two for help requests changed since a moment, and the
# engine for requests due to escalate: both read an index range, never the whole history. A raw
# step runs before a migration's columns are made, hence a migration of its own.
FORWARDS = [
    'CREATE INDEX IF NOT EXISTS help_requests_changed_at ON help_requests (changed_at)',
    'CREATE INDEX IF NOT EXISTS help_requests_escalate_at ON help_requests (escalate_at)',
]
BACKWARDS = [
    'DROP INDEX IF EXISTS help_requests_changed_at',
    'DROP INDEX IF EXISTS help_requests_escalate_at',
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tasks", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
