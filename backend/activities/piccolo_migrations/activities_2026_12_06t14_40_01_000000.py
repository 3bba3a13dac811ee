from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T14:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Triggers that move a person's activity stamp on with every change to their activities"

# A client's activity log keeps its pages, and a coach's day recap its answer, while the
# ``activity_stamps.changes`` of the people they are about has not moved
# (backend/activities/kept.py). Every write to what they show moves it on, in the writer's own
# transaction, from any process: these triggers. Each watched table names the people a row
# concerns ({r} is NEW or OLD): the clients of the activity and its author; a shift's client. A
# migration that rebuilds one of these tables on SQLite must make its trigger again
# (tests/api/test_activities_kept.py checks that every one is there).
PEOPLE_OF = {
    "activities": "SELECT l.client AS p FROM activity_clients AS l WHERE l.activity = {r}.id"
    " UNION ALL SELECT {r}.author",
    "activity_clients": "SELECT {r}.client AS p",
    "activity_agreed_actions": "SELECT l.client AS p FROM activity_clients AS l"
    " WHERE l.activity = {r}.activity",
    # The day recap lists the caseload's shifts of a day without a visit: a client's shifts and
    # their cancelled dates move the client's stamp too.
    "shifts": "SELECT {r}.client AS p",
    "shift_exceptions": "SELECT s.client AS p FROM shifts AS s WHERE s.id = {r}.shift",
}
ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}

def _sqlite() -> list[str]:
    def bump(rows: str) -> str:
        return (
            "INSERT INTO activity_stamps (person, changes)"
            f" SELECT x.p, 1 FROM ({rows}) AS x WHERE x.p IS NOT NULL"
            " ON CONFLICT (person) DO UPDATE SET changes = activity_stamps.changes + 1;"
        )

    out = []
    for table, people in PEOPLE_OF.items():
        for op, rows in ROWS.items():
            body = " ".join(bump(people.format(r=r)) for r in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS activity_stamp_{table}_{op.lower()}"
                f" AFTER {op} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    out.append(
        "CREATE TRIGGER IF NOT EXISTS activity_stamp_users_delete AFTER DELETE ON users"
        " FOR EACH ROW BEGIN DELETE FROM activity_stamps WHERE person = OLD.id; END"
    )
    return out


def _postgres() -> list[str]:
    out = [
        """CREATE OR REPLACE FUNCTION activity_stamp_bump(who uuid) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
            IF who IS NOT NULL THEN
                INSERT INTO activity_stamps (person, changes) VALUES (who, 1)
                ON CONFLICT (person) DO UPDATE SET changes = activity_stamps.changes + 1;
            END IF;
        END $$"""
    ]
    for table, people in PEOPLE_OF.items():
        old, new = people.format(r="OLD"), people.format(r="NEW")
        body = f"""IF TG_OP <> 'INSERT' THEN PERFORM activity_stamp_bump(x.p) FROM ({old}) AS x;
            END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM activity_stamp_bump(x.p) FROM ({new}) AS x;
            END IF;"""
        out += [
            f"""CREATE OR REPLACE FUNCTION activity_stamp_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$""",
            f"DROP TRIGGER IF EXISTS activity_stamp_{table} ON {table}",
            f"""CREATE TRIGGER activity_stamp_{table} AFTER INSERT OR UPDATE OR DELETE
            ON {table} FOR EACH ROW EXECUTE FUNCTION activity_stamp_{table}()""",
        ]
    out += [
        """CREATE OR REPLACE FUNCTION activity_stamp_users() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN DELETE FROM activity_stamps WHERE person = OLD.id;
        RETURN NULL; END $$""",
        "DROP TRIGGER IF EXISTS activity_stamp_users ON users",
        """CREATE TRIGGER activity_stamp_users AFTER DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION activity_stamp_users()""",
    ]
    return out


def _drop(engine_type: str) -> list[str]:
    if engine_type == "postgres":
        tables = [*PEOPLE_OF, "users"]
        return [f"DROP TRIGGER IF EXISTS activity_stamp_{t} ON {t}" for t in tables] + [
            f"DROP FUNCTION IF EXISTS activity_stamp_{t}()" for t in tables
        ] + ["DROP FUNCTION IF EXISTS activity_stamp_bump(uuid)"]
    return [
        f"DROP TRIGGER IF EXISTS activity_stamp_{t}_{op.lower()}" for t in PEOPLE_OF for op in ROWS
    ] + ["DROP TRIGGER IF EXISTS activity_stamp_users_delete"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="activities", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        for ddl in _postgres() if engine.engine_type == "postgres" else _sqlite():
            await engine.run_ddl(ddl)

    async def drop():
        engine = engine_finder()
        for ddl in _drop(engine.engine_type):
            await engine.run_ddl(ddl)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
