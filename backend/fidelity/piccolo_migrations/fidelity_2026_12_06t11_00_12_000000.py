from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T11:00:12:000000"
VERSION = "1.38.0"
DESCRIPTION = "One score per item of a review"

# Saving an item is an upsert on (review, item): the index keeps two saves racing from making two
# rows, and reads a review's items in one go.
FORWARDS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS fidelity_scores_one_per_item"
    " ON fidelity_scores (review, item)",
]
BACKWARDS = ["DROP INDEX IF EXISTS fidelity_scores_one_per_item"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="fidelity", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
