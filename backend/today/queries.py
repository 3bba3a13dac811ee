"""The day's reads: plain SQL written once for both engines (``backend/lib/db.py``'s
``Statement``), each bounded by the client and, where history grows, by date or state.

Piccolo's query builder costs more CPU than these small indexed queries themselves
(docs/benchmarks.md); here every statement selects only the columns the answer shows, UUIDs as
text, and the rows are turned into the wire Structs directly. The values come back typed on
PostgreSQL and as text (or converted by the SQLite driver's registered converters) on SQLite:
``moment``, ``day`` and ``_json`` take either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from backend.lib.db import Statement, fetch
from backend.lib.localtime import parse_hhmm
from backend.piccolo_conf import DB

Row = Sequence[Any]


def moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def instant(value: Any) -> datetime | None:
    return None if value is None else moment(value)


def day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def clock_time(value: Any) -> time:
    return value if isinstance(value, time) else parse_hhmm(str(value)[:5])


def from_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


# The person (what ``GET /api/me`` shows a client) and the number of updates waiting for them.
_ME = Statement(
    """SELECT u.display_name, u.role, CAST(u.team AS TEXT), u.locale, u.preferences,
        (SELECT COUNT(*) FROM passkeys AS p WHERE p."user" = u.id),
        (SELECT COUNT(*) FROM family_updates AS f WHERE f.client = u.id AND f.status = 'pending')
    FROM users AS u WHERE u.id = ?"""
)

# Shifts that may happen between two local dates, each with its cancelled dates in that span.
# A one-off shift by its day; a weekly one by its first and last day (either may be open).
_SHIFTS = Statement(
    """SELECT CAST(s.id AS TEXT), s.workplace, s.zone, s.starts_at, s.ends_at, s.repeat,
        s.on_date, s.weekdays, s.from_date, s.until, e.on_date, e.reason
    FROM shifts AS s
    LEFT JOIN shift_exceptions AS e ON e.shift = s.id AND e.on_date BETWEEN ? AND ?
    WHERE s.client = ? AND (
        (s.repeat = 'once' AND s.on_date BETWEEN ? AND ?)
        OR (s.repeat <> 'once' AND (s.from_date IS NULL OR s.from_date <= ?)
            AND (s.until IS NULL OR s.until >= ?)))"""
)

# The client's tasks with their steps in order (a task without steps: one row, step NULL).
_TASKS = Statement(
    """SELECT CAST(t.id AS TEXT), t.title, t.workplace, t.mastery_sessions, t.updated_at,
        t.language, CAST(s.id AS TEXT), s.position, s.text, s.mastered, CAST(s.photo AS TEXT),
        p.content_hash, p.sizes, s.voice_hash, s.voice_type, s.voice_seconds
    FROM tasks AS t
    LEFT JOIN steps AS s ON s.task = t.id
    LEFT JOIN photos AS p ON p.id = s.photo
    WHERE t.client = ? AND t.is_template = FALSE
    ORDER BY t.title, t.id, s.position"""
)

# Requests for help nobody has answered, newest first.
_OPEN_HELP = Statement(
    """SELECT CAST(h.id AS TEXT), CAST(h.client_uuid AS TEXT), CAST(h.task AS TEXT), t.title,
        CAST(h.step AS TEXT), s.position, s.text, h.at, h.reached, h.escalated_at
    FROM help_requests AS h
    JOIN tasks AS t ON t.id = h.task
    LEFT JOIN steps AS s ON s.id = h.step
    WHERE t.client = ? AND t.is_template = FALSE AND h.resolved_at IS NULL
    ORDER BY h.at DESC"""
)

# Each training session of the client's tasks with the number of steps done on their own in it
# (one record per step and session; a removed step's records go with it).
_SESSIONS = Statement(
    """SELECT CAST(ts.task AS TEXT), ts.started_at, ts.session_date, ts.created_at,
        (SELECT COUNT(*) FROM step_records AS r
         WHERE r.session = ts.id AND r.level = 'independent')
    FROM training_sessions AS ts
    JOIN tasks AS t ON t.id = ts.task
    WHERE t.client = ? AND t.is_template = FALSE"""
)

# Per task, the client's latest go through it: its run, when, and how many steps were done.
_LAST_RUNS = Statement(
    """SELECT CAST(l.task AS TEXT), CAST(l.run_id AS TEXT), l.at,
        (SELECT COUNT(DISTINCT d.step) FROM step_completions AS d
         WHERE d.task = l.task AND d.run_id = l.run_id)
    FROM (SELECT c.task, c.run_id, c.at,
            ROW_NUMBER() OVER (PARTITION BY c.task ORDER BY c.at DESC) AS n
          FROM step_completions AS c
          JOIN tasks AS t ON t.id = c.task
          WHERE t.client = ? AND t.is_template = FALSE) AS l
    WHERE l.n = 1"""
)

# Goals the client can act on: not cancelled; drafts, and the rest ending on or after a day.
_GOALS_WHERE = "g.client = ? AND g.status <> 'cancelled' AND (g.status = 'draft' OR g.ends_on >= ?)"
_GOALS = Statement(
    f"""SELECT CAST(g.id AS TEXT), g.title, g.means, g.starts_on, g.ends_on, g.weight,
        g.status, CAST(g.conversation AS TEXT), g.client_rating, g.client_comment,
        g.client_rated_at, g.coach_rating, g.coach_comment, g.coach_rated_at, g.created_at,
        g.updated_at, g.photo_hash, g.photo_sizes, g.levels, g.ended_early_on, g.end_reason
    FROM goals AS g WHERE {_GOALS_WHERE}
    ORDER BY g.ends_on DESC, g.created_at DESC"""  # noqa: S608 (no input in the text)
)
_CHECK_INS = Statement(
    f"""SELECT CAST(c.goal AS TEXT), CAST(c.id AS TEXT), CAST(c.client_uuid AS TEXT), c.mood,
        c.note, c.at, c.level
    FROM goal_check_ins AS c JOIN goals AS g ON g.id = c.goal
    WHERE {_GOALS_WHERE} ORDER BY c.at"""  # noqa: S608 (no input in the text)
)


async def me(user_id: str) -> Row | None:
    rows = await fetch(DB, _ME, user_id)
    return rows[0] if rows else None


async def shifts(client_id: str, first: date, last: date) -> Sequence[Row]:
    return await fetch(DB, _SHIFTS, first, last, client_id, first, last, last, first)


async def tasks(client_id: str) -> Sequence[Row]:
    return await fetch(DB, _TASKS, client_id)


async def open_help(client_id: str) -> Sequence[Row]:
    return await fetch(DB, _OPEN_HELP, client_id)


async def sessions(client_id: str) -> Sequence[Row]:
    return await fetch(DB, _SESSIONS, client_id)


async def last_runs(client_id: str) -> Sequence[Row]:
    return await fetch(DB, _LAST_RUNS, client_id)


async def goals(client_id: str, since: date) -> Sequence[Row]:
    return await fetch(DB, _GOALS, client_id, since)


async def check_ins(client_id: str, since: date) -> Sequence[Row]:
    return await fetch(DB, _CHECK_INS, client_id, since)
