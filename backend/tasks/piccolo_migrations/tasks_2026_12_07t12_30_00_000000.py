from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T12:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Copies of a task found by the task they were copied from"

# Erasure follows the copies of a person's tasks (``copied_from``, set on a copy made into a
# template or for another client) to the photos they carried; without an index each erasure read
# every task of the installation, twice. Most tasks are no copy (""): the index holds only
# copies, and the statements that use it say ``copied_from <> ''``.
INDEX = (
    "CREATE INDEX IF NOT EXISTS tasks_copied_from ON tasks (copied_from)"
    " WHERE copied_from <> ''"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tasks", description=DESCRIPTION)

    async def index():
        await engine_finder().run_ddl(INDEX)

    async def drop():
        await engine_finder().run_ddl("DROP INDEX IF EXISTS tasks_copied_from")

    manager.add_raw(index)
    manager.add_raw_backwards(drop)
    return manager
