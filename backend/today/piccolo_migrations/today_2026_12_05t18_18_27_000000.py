from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:18:27:000000"
VERSION = "1.38.0"
DESCRIPTION = "Triggers that move a client's day stamp on with every change to their day"

# ``GET /api/me/day`` keeps each client's last answer and sends it again while the client's
# ``day_stamps.changes`` has not moved (backend/today/services.py). Every write to a table the
# day reads moves it on, in the writer's own transaction, from any process: these triggers.
# Each watched table names how a row finds its client ({r} is NEW or OLD). ``photos`` is not
# watched: a step shows a photo through its own ``photo`` column, whose changes are watched.
# A migration that rebuilds one of these tables on SQLite must make its trigger again
# (tests/api/test_today.py checks that every one is there).
CLIENT_OF = {
    "users": "{r}.id",
    "passkeys": '{r}."user"',
    "family_updates": "{r}.client",
    "shifts": "{r}.client",
    "shift_exceptions": "(SELECT s.client FROM shifts AS s WHERE s.id = {r}.shift)",
    "tasks": "{r}.client",
    "steps": "(SELECT t.client FROM tasks AS t WHERE t.id = {r}.task)",
    "help_requests": "(SELECT t.client FROM tasks AS t WHERE t.id = {r}.task)",
    "training_sessions": "(SELECT t.client FROM tasks AS t WHERE t.id = {r}.task)",
    "step_records": "(SELECT t.client FROM training_sessions AS s"
    " JOIN tasks AS t ON t.id = s.task WHERE s.id = {r}.session)",
    "step_completions": "(SELECT t.client FROM tasks AS t WHERE t.id = {r}.task)",
    "goals": "{r}.client",
    "goal_check_ins": "(SELECT g.client FROM goals AS g WHERE g.id = {r}.goal)",
}
ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _sqlite() -> list[str]:
    def bump(expr: str) -> str:
        return (
            "INSERT INTO day_stamps (client, changes)"
            f" SELECT x.c, 1 FROM (SELECT {expr} AS c) AS x WHERE x.c IS NOT NULL"
            " ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;"
        )

    out = []
    for table, client in CLIENT_OF.items():
        for op, rows in ROWS.items():
            if table == "users" and op == "DELETE":
                body = "DELETE FROM day_stamps WHERE client = OLD.id;"
            elif table == "users" and op == "INSERT":
                continue  # a new person has no day to keep yet
            else:
                body = " ".join(bump(client.format(r=r)) for r in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS day_stamp_{table}_{op.lower()}"
                f" AFTER {op} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    return out


def _postgres() -> list[str]:
    out = [
        """CREATE OR REPLACE FUNCTION day_stamp_bump(who uuid) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
            IF who IS NOT NULL THEN
                INSERT INTO day_stamps (client, changes) VALUES (who, 1)
                ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;
            END IF;
        END $$"""
    ]
    for table, client in CLIENT_OF.items():
        old, new = client.format(r="OLD"), client.format(r="NEW")
        if table == "users":
            body = f"""IF TG_OP = 'DELETE' THEN DELETE FROM day_stamps WHERE client = OLD.id;
                ELSIF TG_OP = 'UPDATE' THEN PERFORM day_stamp_bump({new}); END IF;"""
        else:
            body = f"""IF TG_OP <> 'INSERT' THEN PERFORM day_stamp_bump({old}); END IF;
                IF TG_OP <> 'DELETE' THEN PERFORM day_stamp_bump({new}); END IF;"""
        out += [
            f"""CREATE OR REPLACE FUNCTION day_stamp_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$""",
            f"DROP TRIGGER IF EXISTS day_stamp_{table} ON {table}",
            f"""CREATE TRIGGER day_stamp_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION day_stamp_{table}()""",
        ]
    return out


def _drop(engine_type: str) -> list[str]:
    if engine_type == "postgres":
        return [f"DROP TRIGGER IF EXISTS day_stamp_{t} ON {t}" for t in CLIENT_OF] + [
            f"DROP FUNCTION IF EXISTS day_stamp_{t}()" for t in CLIENT_OF
        ] + ["DROP FUNCTION IF EXISTS day_stamp_bump(uuid)"]
    return [
        f"DROP TRIGGER IF EXISTS day_stamp_{t}_{op.lower()}" for t in CLIENT_OF for op in ROWS
    ]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="today", description=DESCRIPTION)

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
