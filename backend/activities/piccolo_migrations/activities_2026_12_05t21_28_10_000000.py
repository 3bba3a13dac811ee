from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T21:28:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "The activity log's indexes, one link per activity and client, and orphans leave"

# A page of a client's log is one range of (client, occurred_at, activity); a page of a coach's
# own log one range of (author, occurred_at, id): the cost follows the page, not the history.
# Piccolo declares no index over two columns, hence raw statements (the same on both engines).
# An activity whose last client goes (erasure removes the client's links) goes with it; one
# with several clients keeps the others' links.
INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS activity_clients_one_per_client"
    " ON activity_clients (activity, client)",
    "CREATE INDEX IF NOT EXISTS activity_clients_client_occurred"
    " ON activity_clients (client, occurred_at, activity)",
    "CREATE INDEX IF NOT EXISTS activities_author_occurred ON activities (author, occurred_at, id)",
]
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS activity_without_clients AFTER DELETE ON activity_clients"
    " FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM activity_clients AS l"
    " WHERE l.activity = OLD.activity) BEGIN DELETE FROM activities WHERE id = OLD.activity; END",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION activity_without_clients() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN
    DELETE FROM activities AS a WHERE a.id = OLD.activity
        AND NOT EXISTS (SELECT 1 FROM activity_clients AS l WHERE l.activity = OLD.activity);
    RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS activity_without_clients ON activity_clients",
    """CREATE TRIGGER activity_without_clients AFTER DELETE ON activity_clients
    FOR EACH ROW EXECUTE FUNCTION activity_without_clients()""",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS activity_clients_one_per_client",
    "DROP INDEX IF EXISTS activity_clients_client_occurred",
    "DROP INDEX IF EXISTS activities_author_occurred",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        for ddl in INDEXES + (POSTGRES if engine.engine_type == "postgres" else SQLITE):
            await engine.run_ddl(ddl)

    async def drop():
        engine = engine_finder()
        for ddl in BACKWARDS:
            await engine.run_ddl(ddl)
        if engine.engine_type == "postgres":
            await engine.run_ddl("DROP TRIGGER IF EXISTS activity_without_clients ON activity_clients")
            await engine.run_ddl("DROP FUNCTION IF EXISTS activity_without_clients()")
        else:
            await engine.run_ddl("DROP TRIGGER IF EXISTS activity_without_clients")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
