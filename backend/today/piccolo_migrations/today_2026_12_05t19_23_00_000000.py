from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T19:23:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The day stamp moves on with a task's kept progress too"

# The client's day reads each task's kept progress (``task_progress``, backend/tasks) in place of
# the task's every session; like the tables the earlier migration watches, every change to it
# moves the client's day stamp on (backend/today/piccolo_migrations/today_2026_12_05t18_18_27_…,
# whose ``day_stamp_bump`` function this one calls on PostgreSQL).
CLIENT_OF = {"task_progress": "(SELECT t.client FROM tasks AS t WHERE t.id = {r}.task)"}
ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _sqlite() -> list[str]:
    def bump(expr: str) -> str:
        return (
            "INSERT INTO day_stamps (client, changes)"
            f" SELECT x.c, 1 FROM (SELECT {expr} AS c) AS x WHERE x.c IS NOT NULL"
            " ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;"
        )

    return [
        f"CREATE TRIGGER IF NOT EXISTS day_stamp_{table}_{op.lower()}"
        f" AFTER {op} ON {table} FOR EACH ROW BEGIN"
        f" {' '.join(bump(client.format(r=r)) for r in rows)} END"
        for table, client in CLIENT_OF.items()
        for op, rows in ROWS.items()
    ]


def _postgres() -> list[str]:
    out = []
    for table, client in CLIENT_OF.items():
        old, new = client.format(r="OLD"), client.format(r="NEW")
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
        ]
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
