"""Reading shifts for the schedule (shared by the shifts services, the reminder planner and the
"I need help" escalation).

The planner reads the shifts of hundreds of people at a time: plain SQL (``lib/db.py``'s
``Statement``), not Piccolo's query builder, whose per-row processing cost more than the query.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from backend.lib.db import Statement, fetch
from backend.lib.localtime import parse_hhmm
from backend.reminders import Moment
from backend.shifts import schedule
from backend.shifts.schedule import ShiftPlan
from backend.shifts.tables import Shift, ShiftException

_COLUMNS = """CAST(s.id AS TEXT), CAST(s.client AS TEXT), s.workplace, s.zone, s.starts_at,
    s.ends_at, s.repeat, s.on_date, s.weekdays, s.from_date, s.until"""
_SHIFTS = {
    "postgres": Statement(
        f"SELECT {_COLUMNS} FROM shifts AS s WHERE s.client = ANY(?::uuid[])"  # noqa: S608
    ),
    "sqlite": Statement(
        f"SELECT {_COLUMNS} FROM shifts AS s "  # noqa: S608
        "WHERE s.client IN (SELECT value FROM json_each(?))"
    ),
}
_CANCELLED = {
    "postgres": Statement(
        """SELECT CAST(e.shift AS TEXT), e.on_date, e.reason FROM shift_exceptions AS e
        JOIN shifts AS s ON s.id = e.shift WHERE s.client = ANY(?::uuid[])"""
    ),
    "sqlite": Statement(
        """SELECT CAST(e.shift AS TEXT), e.on_date, e.reason FROM shift_exceptions AS e
        JOIN shifts AS s ON s.id = e.shift WHERE s.client IN (SELECT value FROM json_each(?))"""
    ),
}


def _time(value: Any) -> time:
    return value if isinstance(value, time) else parse_hhmm(str(value)[:5])


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


async def plans_of(client_ids: Sequence[str]) -> list[ShiftPlan]:
    """Every shift of these clients, with its cancelled dates."""
    if not client_ids:
        return []
    engine = Shift._meta.db
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    ids: Any = list(client_ids) if kind == "postgres" else json.dumps(list(client_ids))
    cancelled: dict[str, dict[date, str]] = {}
    for shift, on_date, reason in await fetch(engine, _CANCELLED[kind], ids):
        day = _date(on_date)
        assert day is not None
        cancelled.setdefault(shift, {})[day] = reason
    plans = []
    for r in await fetch(engine, _SHIFTS[kind], ids):
        weekdays = json.loads(r[8]) if isinstance(r[8], str) else r[8]
        plans.append(
            ShiftPlan(
                id=r[0],
                client=r[1],
                workplace=r[2],
                zone=r[3],
                starts_at=_time(r[4]),
                ends_at=_time(r[5]),
                repeat=r[6],
                on_date=_date(r[7]),
                weekdays=tuple(sorted(int(d) for d in weekdays or [])),
                from_date=_date(r[9]),
                until=_date(r[10]),
                cancelled=cancelled.get(r[0], {}),
            )
        )
    return plans


async def reminder_starts(
    client_ids: Sequence[str], first: datetime, last: datetime
) -> dict[str, list[Moment]]:
    """What the shift reminders are about (registered with
    ``backend.reminders.register_starts`` in ``backend/app.py``): per client, their shifts that
    start in [first, last), cancelled dates left out, in order of their start."""
    by_client: dict[str, list[ShiftPlan]] = {}
    for p in await plans_of(client_ids):
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
    found = schedule.starting_between(
        await plans_of([client_id]), at - timedelta(days=1), at + slack
    )
    return any(o.start - slack <= at < o.end for o in found)
