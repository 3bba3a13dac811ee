from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

from backend.outcomes.triggers import ALL, at_instant, create, drop, from_day, on_day

ID = "2026-12-06T11:02:24:000000"
VERSION = "1.38.0"
DESCRIPTION = "The kept figures' key and counter, and the triggers that forget them"

# What the first twelve figures read (docs/outcomes.md, "How figures are kept"): each table and
# the days a row of it is about. A migration that rebuilds one of these tables on SQLite must
# make its triggers again (tests/api/test_outcomes_kept.py checks that every one is there).
WATCHED = {
    "activities": at_instant("occurred_at"),
    "activity_clients": at_instant("occurred_at"),
    "journey_episodes": from_day("intake_on"),
    "journey_stages": from_day("started_on"),
    "journey_stage_targets": ALL,
    "jobs": from_day("start_date"),
    "pta_conversations": on_day("held_on"),
    "client_records": ALL,
    "users": ALL,
}
# Only these columns' updates change a figure (a client's stage due day or a person's language
# do not): a client's coach or team, a person's team, role or name (a coach's name is a part).
COLUMNS = {"client_records": "coach, team", "users": "team, role, display_name"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="outcomes", description=DESCRIPTION)

    async def make():
        engine = engine_finder()
        await engine.run_ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS outcome_figures_key ON outcome_figures"
            " (scope_kind, scope_id, zone, indicator, first_day, last_day)"
        )
        await engine.run_ddl("INSERT INTO outcome_changes (changes) VALUES (0)")
        for ddl in create(engine.engine_type, WATCHED, COLUMNS):
            await engine.run_ddl(ddl)

    async def unmake():
        engine = engine_finder()
        for ddl in drop(engine.engine_type, WATCHED):
            await engine.run_ddl(ddl)
        await engine.run_ddl("DROP INDEX IF EXISTS outcome_figures_key")

    manager.add_raw(make)
    manager.add_raw_backwards(unmake)
    return manager
