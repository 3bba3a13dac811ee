from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

from backend.outcomes.triggers import ALL, Days, at_instant, create, drop, on_day

ID = "2026-12-06T12:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Forget kept figures when what the job, independence and goal figures read changes"

_SESSION_DAY_SQLITE = (
    "(SELECT COALESCE(s.session_date, date(s.started_at)) FROM training_sessions s"
    " WHERE s.id = {r}.session)"
)
_SESSION_DAY_PG = (
    "(SELECT COALESCE(s.session_date, (s.started_at AT TIME ZONE 'UTC')::date)"
    " FROM training_sessions s WHERE s.id = {r}.session)"
)

# What the figures added after the first twelve read besides the tables watched already
# (backend/outcomes/figures_jobs.py, figures_practice.py; docs/outcomes.md "How figures are
# kept"). A step's record counts on its session's day (a session may be dated back); a session
# whose day is unknown (already removed) forgets every kept figure.
WATCHED = {
    "training_sessions": Days(
        "date(COALESCE({r}.session_date, date({r}.started_at)), '-1 day')",
        "(COALESCE({r}.session_date, ({r}.started_at AT TIME ZONE 'UTC')::date) - 1)",
        "date(COALESCE({r}.session_date, date({r}.started_at)), '+1 day')",
        "(COALESCE({r}.session_date, ({r}.started_at AT TIME ZONE 'UTC')::date) + 1)",
    ),
    "step_records": Days(
        f"date(COALESCE({_SESSION_DAY_SQLITE}, '0001-01-02'), '-1 day')",
        f"(COALESCE({_SESSION_DAY_PG}, DATE '0001-01-02') - 1)",
        f"date(COALESCE({_SESSION_DAY_SQLITE}, '9999-12-30'), '+1 day')",
        f"(COALESCE({_SESSION_DAY_PG}, DATE '9999-12-30') + 1)",
    ),
    "task_progress": at_instant("mastered_at"),
    "self_prompts": at_instant("at"),
    "help_requests": at_instant("at"),
    "goals": Days(
        "COALESCE({r}.ended_early_on, {r}.ends_on)",
        "COALESCE({r}.ended_early_on, {r}.ends_on)",
        "{r}.ends_on",
        "{r}.ends_on",
    ),
    "fading_weeks": on_day("monday"),
    "opportunity_steps": on_day("taken_on"),
    "minimum_wage": ALL,
    "employers": ALL,
}
# An employer's sector is a part of the variety of jobs; its other columns are not counted.
COLUMNS = {"employers": "sector"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="outcomes", description=DESCRIPTION)

    async def make():
        engine = engine_finder()
        for ddl in create(engine.engine_type, WATCHED, COLUMNS):
            await engine.run_ddl(ddl)

    async def unmake():
        engine = engine_finder()
        for ddl in drop(engine.engine_type, WATCHED):
            await engine.run_ddl(ddl)

    manager.add_raw(make)
    manager.add_raw_backwards(unmake)
    return manager
