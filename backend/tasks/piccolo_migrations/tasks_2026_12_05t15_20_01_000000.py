from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T15:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Tasks made before: the language saved with their author"

# A raw step runs before a migration's columns are added, hence a migration of its own. The
# author's saved language is the best knowledge of what they wrote in; "" (unknown) otherwise,
# and the player then reads in the reader's own language as before.
FORWARDS = [
    "UPDATE tasks SET language = COALESCE("
    "(SELECT users.locale FROM users WHERE users.id = tasks.created_by"
    " AND users.locale IN ('en', 'pl', 'fi', 'he')), '') WHERE language = ''"
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tasks", description=DESCRIPTION)

    async def fill():
        for statement in FORWARDS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(fill)
    return manager
