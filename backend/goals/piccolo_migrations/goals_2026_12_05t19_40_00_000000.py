from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T19:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Indexes for reading a day's and a caseload's goals of one week and last conversations"

# The client's day reads the goals that are drafts or end on or after a day: by (client, status,
# ends_on) and (client, ends_on), two ranges. The coach's week asks, for the clients of a caseload, which active goals end in the week and
# when each client's last conversation was held. By (client, status, ends_on) the goals are one
# range per client, and by (client, held_on) the latest conversation is the end of one: the cost
# follows the week, not every goal and conversation a client ever had. Piccolo declares no index
# over two columns, hence raw statements (the same on both engines).
FORWARDS = [
    "CREATE INDEX IF NOT EXISTS goals_client_status_ends_on ON goals (client, status, ends_on)",
    "CREATE INDEX IF NOT EXISTS goals_client_ends_on ON goals (client, ends_on)",
    "CREATE INDEX IF NOT EXISTS pta_conversations_client_held_on"
    " ON pta_conversations (client, held_on)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS goals_client_status_ends_on",
    "DROP INDEX IF EXISTS goals_client_ends_on",
    "DROP INDEX IF EXISTS pta_conversations_client_held_on",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="goals", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
