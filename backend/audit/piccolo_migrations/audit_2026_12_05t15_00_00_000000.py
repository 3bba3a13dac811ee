from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.engine import engine_finder

ID = "2026-12-05T15:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Indexes for reading the audit log a page at a time"

# The log is read newest first, a page at a time (keyset on ``id``), narrowed by team,
# person, client or kind: an index on (column, id) answers each of those as one range scan
# however long the log grows. Dates become an id range through the index on ``at``. Piccolo
# declares no index over two columns, hence raw statements (the same on both engines). The
# one-column indexes they replace are dropped: each (column, id) index serves the column alone
# too, and every audit entry would otherwise update both.
FORWARDS = [
    "CREATE INDEX IF NOT EXISTS audit_events_team_id ON audit_events (team, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_actor_id ON audit_events (actor, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_subject_id ON audit_events (subject, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_action_id ON audit_events (action, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS audit_events_team_id",
    "DROP INDEX IF EXISTS audit_events_actor_id",
    "DROP INDEX IF EXISTS audit_events_subject_id",
    "DROP INDEX IF EXISTS audit_events_action_id",
    "DROP INDEX IF EXISTS audit_events_at",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="audit", description=DESCRIPTION)

    async def create():
        for ddl in FORWARDS:
            await engine_finder().run_ddl(ddl)

    async def drop():
        for ddl in BACKWARDS:
            await engine_finder().run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    for column in ("action", "actor", "subject", "team"):
        manager.alter_column(
            table_class_name="AuditEvent",
            tablename="audit_events",
            column_name=column,
            db_column_name=column,
            params={"index": False},
            old_params={"index": True},
            column_class=Varchar,
            old_column_class=Varchar,
            schema=None,
        )
    return manager
