from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T07:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Readers' feedback by client, newest first"

# The client's day and the client's page for staff show the newest feedback of the client's
# pack readers (``backend/handover/feedback.py``, ``backend/today/queries.py``): an index by
# (client, at) reads those few rows however long the history grows.
FORWARDS = [
    "CREATE INDEX IF NOT EXISTS handover_feedback_client_at ON handover_feedback (client, at)",
]
BACKWARDS = ["DROP INDEX IF EXISTS handover_feedback_client_at"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="handover", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
