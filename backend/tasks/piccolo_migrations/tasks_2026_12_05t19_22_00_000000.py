from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T19:22:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Sessions read a page at a time by their day; the kept progress of older data"

# Progress pages a task's sessions newest first by (day, start, recording, id): one range of an
# index. Sessions recorded before the day was asked have no day; theirs is the UTC day they
# started (what every reader took it to be), written down so the index can order them. Then each
# session's count of independent steps and each task's kept progress are made from the records
# already there (backend/tasks/training.py, ``refresh_every_task``).
DAY = {
    "sqlite": "UPDATE training_sessions SET session_date = date(started_at)"
    " WHERE session_date IS NULL",
    "postgres": "UPDATE training_sessions SET session_date = (started_at AT TIME ZONE 'UTC')::date"
    " WHERE session_date IS NULL",
}
INDEX = (
    "CREATE INDEX IF NOT EXISTS training_sessions_task_day"
    " ON training_sessions (task, session_date, started_at, created_at, id)"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tasks", description=DESCRIPTION)

    async def keep():
        from backend.tasks.training import refresh_every_task

        engine = engine_finder()
        await engine.run_ddl(DAY[engine.engine_type])
        await engine.run_ddl(INDEX)
        await refresh_every_task()

    async def drop():
        await engine_finder().run_ddl("DROP INDEX IF EXISTS training_sessions_task_day")

    manager.add_raw(keep)
    manager.add_raw_backwards(drop)
    return manager
