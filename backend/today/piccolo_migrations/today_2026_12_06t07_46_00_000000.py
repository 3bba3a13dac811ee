from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T07:46:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The day stamp moves on with readers' feedback on the handover pack"

# The client's day and the client's page show what readers of the client's handover pack said
# (``backend/handover``). A feedback sent, or one removed (erasure), moves its client's day
# stamp on, like the tables the earlier migrations watch; feedback is never changed. On
# PostgreSQL this calls ``day_stamp_bump`` of migration ``…18_18_27…``.
CLIENT_OF = {"handover_feedback": "SELECT {r}.client AS c"}
OPS = {"handover_feedback": {"INSERT": ("NEW",), "DELETE": ("OLD",)}}


def _name(op: str) -> str:
    return op.split()[0].lower()


def _sqlite() -> list[str]:
    def bump(rows: str) -> str:
        return (
            "INSERT INTO day_stamps (client, changes)"
            f" SELECT x.c, 1 FROM ({rows}) AS x WHERE x.c IS NOT NULL"
            " ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;"
        )

    return [
        f"CREATE TRIGGER IF NOT EXISTS day_stamp_{table}_{_name(op)}"
        f" AFTER {op} ON {table} FOR EACH ROW BEGIN"
        f" {' '.join(bump(CLIENT_OF[table].format(r=r)) for r in rows)} END"
        for table, ops in OPS.items()
        for op, rows in ops.items()
    ]


def _postgres() -> list[str]:
    out = []
    for table, clients in CLIENT_OF.items():
        old, new = clients.format(r="OLD"), clients.format(r="NEW")
        body = f"""IF TG_OP <> 'INSERT' THEN PERFORM day_stamp_bump(x.c) FROM ({old}) AS x;
            END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM day_stamp_bump(x.c) FROM ({new}) AS x; END IF;"""
        ops = " OR ".join(OPS[table])
        out += [
            f"""CREATE OR REPLACE FUNCTION day_stamp_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$""",
            f"DROP TRIGGER IF EXISTS day_stamp_{table} ON {table}",
            f"""CREATE TRIGGER day_stamp_{table} AFTER {ops} ON {table}
            FOR EACH ROW EXECUTE FUNCTION day_stamp_{table}()""",
        ]
    return out


def _drop(engine_type: str) -> list[str]:
    if engine_type == "postgres":
        return [f"DROP TRIGGER IF EXISTS day_stamp_{t} ON {t}" for t in CLIENT_OF] + [
            f"DROP FUNCTION IF EXISTS day_stamp_{t}()" for t in CLIENT_OF
        ]
    return [
        f"DROP TRIGGER IF EXISTS day_stamp_{t}_{_name(op)}" for t, ops in OPS.items() for op in ops
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
