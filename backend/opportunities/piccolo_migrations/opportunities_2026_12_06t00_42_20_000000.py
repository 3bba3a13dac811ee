from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T00:42:20:000000"
VERSION = "1.38.0"
DESCRIPTION = "The pipelines' indexes: a client's opportunities newest first, an opportunity's steps"

# A page of a client's pipeline is one range of (client, created_at, id); an opportunity's
# history one range of (opportunity, position). Piccolo declares no index over two
# columns, hence raw statements (the same on both engines).
INDEXES = [
    "CREATE INDEX IF NOT EXISTS opportunities_client_created"
    " ON opportunities (client, created_at, id)",
    "CREATE INDEX IF NOT EXISTS opportunity_steps_history"
    " ON opportunity_steps (opportunity, position)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS opportunities_client_created",
    "DROP INDEX IF EXISTS opportunity_steps_history",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="opportunities", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        for ddl in INDEXES:
            await engine.run_ddl(ddl)

    async def drop():
        engine = engine_finder()
        for ddl in BACKWARDS:
            await engine.run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
