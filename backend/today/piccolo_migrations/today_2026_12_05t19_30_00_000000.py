from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T19:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Triggers that move a client's day stamp on with every change to their page too"

# ``GET /api/clients/{id}/page`` keeps each client's page and sends it again while the client's
# ``day_stamps.changes`` has not moved (backend/today/page.py). The day's triggers (migration
# ``…18_18_27…``) cover the tasks, shifts and goals; these cover what only the page shows: the
# record and family, the reminders and devices, the conversations, and the names of the
# client's coach and family. Each watched table names the rows of the clients it concerns
# ({r} is NEW or OLD). A migration that rebuilds one of these tables on SQLite must make its
# trigger again (tests/api/test_client_page.py checks that every one is there).
# Reminders, settings and devices are everyone's; only a client has a page (and a stamp).
_CLIENT_OF_USER = 'SELECT k."user" AS c FROM client_records AS k WHERE k."user" = {r}."user"'
CLIENTS_OF = {
    "client_records": 'SELECT {r}."user" AS c',
    "family_links": "SELECT {r}.client AS c",
    "notification_settings": _CLIENT_OF_USER,
    "reminder_rules": _CLIENT_OF_USER,
    "push_subscriptions": _CLIENT_OF_USER,
    "pta_conversations": "SELECT {r}.client AS c",
    "pta_answers": "SELECT p.client AS c FROM pta_conversations AS p WHERE p.id = {r}.conversation",
}
# A person's name shows on the pages of the clients they coach or are family of.
NAMED_IN = (
    'SELECT k."user" AS c FROM client_records AS k WHERE k.coach = {r}.id'
    " UNION SELECT f.client FROM family_links AS f WHERE f.family = {r}.id"
)
ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _sqlite() -> list[str]:
    def bump(rows: str) -> str:
        return (
            "INSERT INTO day_stamps (client, changes)"
            f" SELECT x.c, 1 FROM ({rows}) AS x WHERE x.c IS NOT NULL"
            " ON CONFLICT (client) DO UPDATE SET changes = day_stamps.changes + 1;"
        )

    out = []
    for table, clients in CLIENTS_OF.items():
        for op, rows in ROWS.items():
            body = " ".join(bump(clients.format(r=r)) for r in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS page_stamp_{table}_{op.lower()}"
                f" AFTER {op} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    out.append(
        "CREATE TRIGGER IF NOT EXISTS page_stamp_users_update AFTER UPDATE ON users"
        f" FOR EACH ROW BEGIN {bump(NAMED_IN.format(r='NEW'))} END"
    )
    return out


def _postgres() -> list[str]:
    out = []
    for table, clients in {**CLIENTS_OF, "users": NAMED_IN}.items():
        old, new = clients.format(r="OLD"), clients.format(r="NEW")
        if table == "users":
            body = f"PERFORM day_stamp_bump(x.c) FROM ({new}) AS x;"
        else:
            body = f"""IF TG_OP <> 'INSERT' THEN PERFORM day_stamp_bump(x.c) FROM ({old}) AS x;
                END IF;
                IF TG_OP <> 'DELETE' THEN PERFORM day_stamp_bump(x.c) FROM ({new}) AS x;
                END IF;"""
        ops = "UPDATE" if table == "users" else "INSERT OR UPDATE OR DELETE"
        out += [
            f"""CREATE OR REPLACE FUNCTION page_stamp_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$""",
            f"DROP TRIGGER IF EXISTS page_stamp_{table} ON {table}",
            f"""CREATE TRIGGER page_stamp_{table} AFTER {ops} ON {table}
            FOR EACH ROW EXECUTE FUNCTION page_stamp_{table}()""",
        ]
    return out


def _drop(engine_type: str) -> list[str]:
    tables = [*CLIENTS_OF, "users"]
    if engine_type == "postgres":
        return [f"DROP TRIGGER IF EXISTS page_stamp_{t} ON {t}" for t in tables] + [
            f"DROP FUNCTION IF EXISTS page_stamp_{t}()" for t in tables
        ]
    return [
        f"DROP TRIGGER IF EXISTS page_stamp_{t}_{op.lower()}" for t in CLIENTS_OF for op in ROWS
    ] + ["DROP TRIGGER IF EXISTS page_stamp_users_update"]


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
