from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Positions for the audit entries already chained; indexes for the sealer"

# Writers no longer extend the chain themselves (which needed one lock for every audited read
# of every app server): an entry is written with ``seal`` NULL and the sealer chains it later.
# The entries already chained were chained in id order, one at a time under that lock, so
# their positions are their ranks by id: they keep their hashes and verify as before, and a
# checkpoint's entry count is the position of the entry it names. ``UPDATE … FROM`` works on
# both engines (SQLite 3.33 and later).
FORWARDS = [
    "UPDATE audit_events SET seal = ranked.position FROM "
    "(SELECT id, row_number() OVER (ORDER BY id) AS position FROM audit_events) AS ranked "
    "WHERE audit_events.id = ranked.id",
    "CREATE UNIQUE INDEX IF NOT EXISTS audit_events_seal ON audit_events (seal)",
    "CREATE INDEX IF NOT EXISTS audit_events_unsealed ON audit_events (id) WHERE seal IS NULL",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS audit_events_unsealed",
    "DROP INDEX IF EXISTS audit_events_seal",
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
    return manager
