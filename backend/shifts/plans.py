"""Reading shifts for the schedule (shared by the shifts services, the reminder planner and the
"I need help" escalation).

The planner reads the shifts of hundreds of people at a time: plain SQL (``lib/db.py``'s
``Statement``), not Piccolo's query builder, whose per-row processing cost more than the query.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from backend.lib.db import Statement, fetch
from backend.reminders import Moment
from backend.shifts import schedule
from backend.shifts.schedule import ShiftPlan
from backend.shifts.tables import Shift, ShiftException

_COLUMNS = """CAST(s.id AS TEXT), CAST(s.client AS TEXT), s.workplace, s.zone,
    CAST(s.starts_at AS TEXT), CAST(s.ends_at AS TEXT), s.repeat, CAST(s.on_date AS TEXT),
    s.weekdays, CAST(s.from_date AS TEXT), CAST(s.until AS TEXT), {cancelled},
    CAST(s.job AS TEXT)"""
# Each shift's cancelled dates in the window come with it, as a JSON array of [date, reason]
# (one range of the index on shift_exceptions (shift, on_date) per shift).
_CANCELLED_IN = {
    "sqlite": "(SELECT json_group_array(json_array(CAST(e.on_date AS TEXT), e.reason))"
    " FROM shift_exceptions AS e WHERE e.shift = s.id AND e.on_date BETWEEN ? AND ?)",
    "postgres": "CAST((SELECT json_agg(json_build_array(to_char(e.on_date, 'YYYY-MM-DD'),"
    " e.reason)) FROM shift_exceptions AS e WHERE e.shift = s.id AND e.on_date BETWEEN ? AND ?)"
    " AS TEXT)",
}
# Only the shifts that can start in the window: one-off shifts on its days (the index on
# (client, on_date)), weekly ones not ended before it nor begun after it (the index on
# (client, repeat, until)). Three branches, so that each is one range of an index: however many
# shifts a client had in past years, the cost follows the shifts in the window.
_WINDOW = """{ids}SELECT {columns} FROM shifts AS s WHERE s.client {clients}
        AND s.repeat = 'once' AND s.on_date BETWEEN ? AND ?
    UNION ALL
    SELECT {columns} FROM shifts AS s WHERE s.client {clients}
        AND s.repeat = 'weekly' AND s.until IS NULL AND (s.from_date IS NULL OR s.from_date <= ?)
    UNION ALL
    SELECT {columns} FROM shifts AS s WHERE s.client {clients}
        AND s.repeat = 'weekly' AND s.until >= ? AND (s.from_date IS NULL OR s.from_date <= ?)"""
# SQLite reads the list of clients once (a common table), PostgreSQL takes it as an array.
_IDS = {"postgres": "", "sqlite": "WITH ids(id) AS (SELECT value FROM json_each(?)) "}
_IN = {"postgres": "= ANY(?::uuid[])", "sqlite": "IN (SELECT id FROM ids)"}
_SHIFTS = {
    kind: Statement(
        _WINDOW.format(
            ids=_IDS[kind],
            columns=_COLUMNS.format(cancelled=_CANCELLED_IN[kind]),
            clients=_IN[kind],
        )
    )
    for kind in ("postgres", "sqlite")
}
# The shifts that start on one local day and are not cancelled that day, decided in the
# statement: the day's one-off shifts, and the weekly ones running that day on its weekday.
_ON_DAY = """{ids}SELECT CAST(s.id AS TEXT), CAST(s.client AS TEXT), s.workplace, s.zone,
        CAST(s.starts_at AS TEXT), CAST(s.ends_at AS TEXT), CAST(s.job AS TEXT)
    FROM shifts AS s WHERE s.client {clients} AND (
        (s.repeat = 'once' AND s.on_date = ?)
        OR (s.repeat = 'weekly' AND s.until IS NULL AND (s.from_date IS NULL OR s.from_date <= ?)
            AND {weekday})
        OR (s.repeat = 'weekly' AND s.until >= ? AND (s.from_date IS NULL OR s.from_date <= ?)
            AND {weekday}))
    AND NOT EXISTS (SELECT 1 FROM shift_exceptions AS e WHERE e.shift = s.id AND e.on_date = ?)"""
_WEEKDAY = {
    "sqlite": "EXISTS (SELECT 1 FROM json_each(s.weekdays) WHERE value = ?)",
    "postgres": "s.weekdays @> jsonb_build_array(CAST(? AS integer))",
}
_STARTING_ON = {
    kind: Statement(_ON_DAY.format(ids=_IDS[kind], clients=_IN[kind], weekday=_WEEKDAY[kind]))
    for kind in ("postgres", "sqlite")
}
# One shift with the reason its given day is cancelled, if it is.
_ONE = """SELECT {columns} FROM shifts AS s WHERE s.id = ?"""
_ONE_SHIFT = {
    kind: Statement(
        _ONE.format(
            columns=_COLUMNS.format(
                cancelled="(SELECT e.reason FROM shift_exceptions AS e"
                " WHERE e.shift = s.id AND e.on_date = ?)"
            )
        )
    )
    for kind in ("postgres", "sqlite")
}
# Shift start instants are in UTC; a local date differs from the UTC one by at most a day.
_MARGIN = timedelta(days=1)


def _time(value: Any) -> time:
    """A time of day as stored, seconds kept (``08:00:30`` from the text both engines give)."""
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


async def exceptions_of(shift_ids: list[Any]) -> dict[str, dict[date, tuple[str, str]]]:
    """Per shift: cancelled date → (reason, note)."""
    out: dict[str, dict[date, tuple[str, str]]] = {}
    if not shift_ids:
        return out
    rows = await ShiftException.select(
        ShiftException.shift, ShiftException.on_date, ShiftException.reason, ShiftException.note
    ).where(ShiftException.shift.is_in(shift_ids))
    for r in rows:
        out.setdefault(str(r["shift"]), {})[r["on_date"]] = (r["reason"], r["note"])
    return out


async def plans_of(client_ids: Sequence[str], start: datetime, end: datetime) -> list[ShiftPlan]:
    """The shifts of these clients that may start in [``start``, ``end``), with their cancelled
    dates in that time; ``schedule`` tells which of their days are in it."""
    # A shift's dates are local, its zone's: a day either side of the UTC dates holds them all.
    first = start.astimezone(UTC).date() - _MARGIN
    last = end.astimezone(UTC).date() + _MARGIN
    return await plans_on_days(client_ids, first, last)


async def plans_on_days(client_ids: Sequence[str], first: date, last: date) -> list[ShiftPlan]:
    """The shifts of these clients that start on a local date in [``first``, ``last``] (at
    their own places), with their cancelled dates in it; ``schedule`` tells which days."""
    if not client_ids:
        return []
    engine = Shift._meta.db
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    days: tuple[Any, Any] = (first, last) if kind == "postgres" else (str(first), str(last))
    ids = _ids(kind, client_ids)
    args: tuple[Any, ...]
    if kind == "sqlite":
        args = (ids, *days, *days, *days, days[1], *days, *days)
    else:
        args = (*days, ids, *days, *days, ids, days[1], *days, ids, *days)
    return [_plan(r, _cancelled(r[11])) for r in await fetch(engine, _SHIFTS[kind], *args)]


def _plan(r: Sequence[Any], cancelled: dict[date, str]) -> ShiftPlan:
    """A row of ``_COLUMNS`` as the schedule needs it."""
    return ShiftPlan(
        id=r[0],
        client=r[1],
        workplace=r[2],
        zone=r[3],
        starts_at=_time(r[4]),
        ends_at=_time(r[5]),
        repeat=r[6],
        on_date=_date(r[7]),
        weekdays=_weekdays(r[8]),
        from_date=_date(r[9]),
        until=_date(r[10]),
        cancelled=cancelled,
        job=r[12],
    )


def _weekdays(value: Any) -> tuple[int, ...]:
    """The weekdays as stored (JSON text on SQLite, an array on PostgreSQL), sorted."""
    if isinstance(value, str):
        return _weekdays_of_text(value)
    return tuple(sorted(int(d) for d in value or []))


@lru_cache(maxsize=128)
def _weekdays_of_text(value: str) -> tuple[int, ...]:
    return tuple(sorted(int(d) for d in json.loads(value) or []))


async def occurrence_on(shift_id: Any, day: date) -> schedule.Occurrence | None:
    """The shift's occurrence starting on the local date ``day`` (a cancelled one marked), or
    None when the shift does not happen that day (or there is no such shift): one statement."""
    engine = Shift._meta.db
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    on: Any = day if kind == "postgres" else str(day)
    key: Any = shift_id if kind == "postgres" else str(shift_id)
    rows = await fetch(engine, _ONE_SHIFT[kind], on, key)
    if not rows:
        return None
    r = rows[0]
    plan = _plan(r, {day: r[11]} if r[11] is not None else {})
    found = schedule.on_days(plan, day, day, cancelled=True)
    return found[0] if found else None


async def starting_on(client_ids: Sequence[str], day: date) -> list[schedule.Occurrence]:
    """The clients' shifts starting on the local date ``day`` at their places, cancelled ones
    left out (in no order): one statement, and only the day's shifts come back."""
    if not client_ids:
        return []
    engine = Shift._meta.db
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    on: Any = day if kind == "postgres" else str(day)
    weekday = day.isoweekday()
    ids = _ids(kind, client_ids)
    # The list of clients comes first on both engines (SQLite's common table, PostgreSQL's
    # array), then the day's tests in their order in the statement.
    args = (ids, on, on, weekday, on, on, weekday, on)
    out = []
    for shift, client, workplace, zone, starts, ends, job in await fetch(
        engine, _STARTING_ON[kind], *args
    ):
        starts_at, ends_at = _time(starts), _time(ends)
        out.append(
            schedule.occurrence_of(shift, client, workplace, zone, day, starts_at, ends_at, job=job)
        )
    return out


def _cancelled(value: str | None) -> dict[date, str]:
    if not value or value == "[]":
        return {}
    return {date.fromisoformat(day): reason for day, reason in json.loads(value)}


def _ids(kind: str, ids: Sequence[str]) -> Any:
    """A list of ids as one parameter: a PostgreSQL array, or JSON for SQLite's json_each."""
    return list(ids) if kind == "postgres" else json.dumps(list(ids))


async def reminder_starts(
    client_ids: Sequence[str], first: datetime, last: datetime
) -> dict[str, list[Moment]]:
    """What the shift reminders are about (registered with
    ``backend.reminders.register_starts`` in ``backend/app.py``): per client, their shifts that
    start in [first, last), cancelled dates left out, in order of their start."""
    by_client: dict[str, list[ShiftPlan]] = {}
    for p in await plans_of(client_ids, first, last):
        by_client.setdefault(p.client, []).append(p)
    return {
        client: [
            Moment(subject=o.shift_id, start=o.start, zone=o.zone)
            for o in schedule.starting_between(plans, first, last)
        ]
        for client, plans in by_client.items()
    }


async def on_shift(client_id: str, at: datetime, slack: timedelta) -> bool:
    """Whether ``at`` is during one of the client's shifts, counted from ``slack`` before its
    start."""
    start, end = at - timedelta(days=1), at + slack
    found = schedule.starting_between(await plans_of([client_id], start, end), start, end)
    return any(o.start - slack <= at < o.end for o in found)
