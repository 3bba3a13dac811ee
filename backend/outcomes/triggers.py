"""The triggers that forget kept figures when a row they count changes (docs/outcomes.md, "How
figures are kept"), for the migrations to make: ``create(engine_type, WATCHED)``.

Each watched table says which days a row of it is about, as two SQL expressions over the row
(``{r}`` is ``NEW`` or ``OLD``), the same on both engines' sides of this module:

- ``Days(first, last)``: a dated fact on those days (an activity on its day, a conversation on
  the day it was held); ``last=None``: a span from ``first`` on (an episode from its intake, a
  job from its start: a change to it may change every day after);
- ``ALL``: no day (a client moved to another coach, a coach's team or name, a stage target):
  every kept figure goes.

A row's change forgets the kept figures whose days read (``reads_from`` … ``reads_to``) meet the
row's days, for the row as it was and as it is, in the writer's own transaction, from any
process (an app server, the CLI, erasure). A figure of a new indicator that reads a table not
watched here must add it, in a migration of its own: ``create(engine_type, {"table": Days(…)})``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Days:
    """The days a row is about, as SQL over ``{r}`` for each engine (a date, or NULL)."""

    sqlite_first: str
    postgres_first: str
    sqlite_last: str | None = None
    postgres_last: str | None = None
    open_ended: bool = False
    """No last day: the row's change may change every day from its first on."""


ALL = Days("NULL", "NULL")
"""Not about days: every kept figure goes."""

ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}
_EARLIEST = "'0001-01-01'"


def from_day(column: str) -> Days:
    """A span from a date column on (NULL: from the earliest day)."""
    return Days(
        f"COALESCE({{r}}.{column}, {_EARLIEST})",
        f"COALESCE({{r}}.{column}, DATE {_EARLIEST})",
        open_ended=True,
    )


def on_day(column: str) -> Days:
    """A fact on a date column's day."""
    return Days(
        f"COALESCE({{r}}.{column}, {_EARLIEST})",
        f"COALESCE({{r}}.{column}, DATE {_EARLIEST})",
        f"COALESCE({{r}}.{column}, {_EARLIEST})",
        f"COALESCE({{r}}.{column}, DATE {_EARLIEST})",
    )


def at_instant(column: str) -> Days:
    """A fact at an instant: its UTC day and the days either side (a period is local days at
    the reader's zone, at most a day away from UTC's)."""
    return Days(
        f"date({{r}}.{column}, '-1 day')",
        f"(({{r}}.{column} AT TIME ZONE 'UTC')::date - 1)",
        f"date({{r}}.{column}, '+1 day')",
        f"(({{r}}.{column} AT TIME ZONE 'UTC')::date + 1)",
    )


def _forget_sqlite(days: Days, r: str) -> str:
    bump = "UPDATE outcome_changes SET changes = changes + 1;"
    if days is ALL:
        return f"DELETE FROM outcome_figures; {bump}"  # noqa: S608 (constant names)
    first = days.sqlite_first.format(r=r)
    where = f"(reads_to IS NULL OR reads_to >= {first})"
    if days.sqlite_last is not None:
        where += f" AND reads_from <= {days.sqlite_last.format(r=r)}"
    return f"DELETE FROM outcome_figures WHERE {where}; {bump}"  # noqa: S608 (constant names)


def _forget_postgres(days: Days, r: str) -> str:
    if days is ALL:
        return "PERFORM outcome_forget(NULL, NULL, TRUE);"
    last = days.postgres_last.format(r=r) if days.postgres_last is not None else "NULL"
    return f"PERFORM outcome_forget({days.postgres_first.format(r=r)}, {last}, FALSE);"


def _name(table: str, suffix: str) -> str:
    return f"outcome_forget_{table}_{suffix}"


def create(
    engine_type: str, watched: dict[str, Days], columns: dict[str, str] | None = None
) -> list[str]:
    """The DDL that watches these tables (``columns``: for a table whose updates count only when
    these columns are set, e.g. ``"coach, team"``; its inserts and deletes always count)."""
    columns = columns or {}
    if engine_type == "postgres":
        return _postgres(watched, columns)
    out = []
    for table, days in watched.items():
        for op, rows in ROWS.items():
            on = f"UPDATE OF {columns[table]}" if op == "UPDATE" and table in columns else op
            body = " ".join(_forget_sqlite(days, r) for r in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS {_name(table, op.lower())}"
                f" AFTER {on} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    return out


# The counter moves once a transaction (readers see its rows all at once): moving its one row
# again for every row changed made PostgreSQL walk past each earlier version of it, n²/2 steps
# for a transaction of n rows. A transaction-local setting remembers the move, and a rolled-back
# savepoint undoes both. (SQLite changes the row in place: its triggers move it every time.)
FORGET_FUNCTION = """CREATE OR REPLACE FUNCTION
outcome_forget(changed_from date, changed_to date, every boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE mark text := pg_current_xact_id()::text;
BEGIN
    IF current_setting('stepwise.outcomes_moved', true) IS DISTINCT FROM mark THEN
        UPDATE outcome_changes SET changes = changes + 1;
        PERFORM set_config('stepwise.outcomes_moved', mark, true);
    END IF;
    IF every THEN
        DELETE FROM outcome_figures;
    ELSIF changed_to IS NULL THEN
        DELETE FROM outcome_figures WHERE reads_to IS NULL OR reads_to >= changed_from;
    ELSE
        DELETE FROM outcome_figures
        WHERE (reads_to IS NULL OR reads_to >= changed_from) AND reads_from <= changed_to;
    END IF;
END $$"""


def _postgres(watched: dict[str, Days], columns: dict[str, str]) -> list[str]:
    out = [FORGET_FUNCTION]
    for table, days in watched.items():
        body = f"""IF TG_OP <> 'INSERT' THEN {_forget_postgres(days, "OLD")} END IF;
            IF TG_OP <> 'DELETE' THEN {_forget_postgres(days, "NEW")} END IF;"""
        function = _name(table, "row")
        out += [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$""",
            f"DROP TRIGGER IF EXISTS {function} ON {table}",
        ]
        if table in columns:
            out += [
                f"""CREATE TRIGGER {function} AFTER INSERT OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {function}()""",
                f"DROP TRIGGER IF EXISTS {_name(table, 'update')} ON {table}",
                f"""CREATE TRIGGER {_name(table, "update")} AFTER UPDATE OF {columns[table]}
                ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()""",
            ]
        else:
            out.append(
                f"""CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {function}()"""
            )
    return out


def drop(engine_type: str, watched: dict[str, Days]) -> list[str]:
    if engine_type == "postgres":
        return [
            f"DROP TRIGGER IF EXISTS {_name(t, s)} ON {t}"
            for t in watched
            for s in ("row", "update")
        ] + [f"DROP FUNCTION IF EXISTS {_name(t, 'row')}()" for t in watched]
    return [f"DROP TRIGGER IF EXISTS {_name(t, op.lower())}" for t in watched for op in ROWS]
