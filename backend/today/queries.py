"""The day's reads: one plain-SQL statement (``backend/lib/db.py``'s ``Statement``), written
once for both engines, made of eleven indexed parts, each bounded by the client and, where
history grows, by date, state or count.

One statement, not eleven: each statement costs a round trip and its driver's overhead, more
than these small indexed reads themselves (docs/benchmarks.md). The parts have different
columns, so every part is padded to ``WIDTH`` text columns after two numbers: which part the
row belongs to (``PART``) and its place within the part (the order the endpoints it replaces
give). The person's part carries the client's day stamp (``backend/today/tables.py``), read in
the same statement, so the answer and the stamp it is kept under always agree. Every value comes
back as text, the same on both engines (no driver converters run on SQLite); ``services`` turns
the rows into the wire Structs.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from backend.lib import clock
from backend.lib.batching import Batcher
from backend.lib.db import Statement, fetch
from backend.lib.localtime import parse_hhmm
from backend.piccolo_conf import DB

Row = tuple[Any, ...]
WIDTH = 21
"""Text columns per row: the widest part's (a goal)."""


class PART:
    ME, SHIFT, STEP, HELP, SESSION, RUN, GOAL, CHECK_IN, JOB, INTERVIEW, FEEDBACK = range(11)


def _part(number: int, order: str, columns: list[str], rest: str) -> str:
    """One part of the statement: its rows, their place, each column as text, padded."""
    texts = [f"CAST({c} AS TEXT)" for c in columns] + ["NULL"] * (WIDTH - len(columns))
    return f"SELECT {number}, {order}, {', '.join(texts)} {rest}"


# Goals the client can act on: not cancelled; drafts, and the rest ending on or after a day.
# Written as two terms of an OR that each lead with the client, so that each is a range of an
# index (goals by client and status; by client and end) and past goals are never read.
_GOALS = (
    "((g.client = ? AND g.status = 'draft')"
    " OR (g.client = ? AND g.ends_on >= ? AND g.status <> 'cancelled'))"
)

_PARTS = [
    # The person (what ``GET /api/me`` shows a client) and the updates waiting for them.
    _part(
        PART.ME,
        "0",
        [
            "u.display_name",
            "u.role",
            "u.team",
            "u.locale",
            "u.preferences",
            '(SELECT COUNT(*) FROM passkeys AS p WHERE p."user" = u.id)',
            "(SELECT COUNT(*) FROM family_updates AS f"
            " WHERE f.client = u.id AND f.status = 'pending')",
            "(SELECT d.changes FROM day_stamps AS d WHERE d.client = u.id)",
        ],
        "FROM users AS u WHERE u.id = ?",
    ),
    # Shifts that may happen between two local dates, with their cancelled dates in that span:
    # a one-off shift by its day, a weekly one by its first and last day (either may be open).
    _part(
        PART.SHIFT,
        "0",
        [
            "s.id",
            "s.workplace",
            "s.zone",
            "s.starts_at",
            "s.ends_at",
            "s.repeat",
            "s.on_date",
            "s.weekdays",
            "s.from_date",
            "s.until",
            "e.on_date",
            "e.reason",
            "s.job",
        ],
        "FROM shifts AS s"
        " LEFT JOIN shift_exceptions AS e ON e.shift = s.id AND e.on_date BETWEEN ? AND ?"
        " WHERE s.client = ? AND ((s.repeat = 'once' AND s.on_date BETWEEN ? AND ?)"
        " OR (s.repeat <> 'once' AND (s.from_date IS NULL OR s.from_date <= ?)"
        " AND (s.until IS NULL OR s.until >= ?)))",
    ),
    # The client's tasks by title, each with its steps in order (a task without steps: one row).
    # ``NOT t.is_template``, not ``= FALSE``: without statistics SQLite would take the index on
    # ``is_template`` (every task of the organisation) over the one on ``client``.
    _part(
        PART.STEP,
        "ROW_NUMBER() OVER (ORDER BY t.title, t.id, s.position)",
        [
            "t.id",
            "t.title",
            "t.workplace",
            "t.mastery_sessions",
            "t.updated_at",
            "t.language",
            "s.id",
            "s.position",
            "s.text",
            "s.mastered",
            "s.photo",
            "p.content_hash",
            "p.sizes",
            "s.voice_hash",
            "s.voice_type",
            "s.voice_seconds",
            "t.job",
        ],
        "FROM tasks AS t LEFT JOIN steps AS s ON s.task = t.id"
        " LEFT JOIN photos AS p ON p.id = s.photo"
        " WHERE t.client = ? AND NOT t.is_template",
    ),
    # Requests for help nobody has answered, newest first.
    _part(
        PART.HELP,
        "ROW_NUMBER() OVER (ORDER BY h.at DESC)",
        [
            "h.id",
            "h.client_uuid",
            "h.task",
            "t.title",
            "h.step",
            "s.position",
            "s.text",
            "h.at",
            "h.reached",
            "h.escalated_at",
        ],
        "FROM help_requests AS h JOIN tasks AS t ON t.id = h.task"
        " LEFT JOIN steps AS s ON s.id = h.step"
        " WHERE t.client = ? AND NOT t.is_template AND h.resolved_at IS NULL",
    ),
    # Per task with sessions, its kept progress (``backend/tasks``: how many sessions, whether
    # mastered) with its latest session and the one before, each with its steps done on the
    # client's own: two rows at most, however long the history.
    _part(
        PART.SESSION,
        "0",
        [
            "p.task",
            "ts.started_at",
            "ts.session_date",
            "ts.id = p.latest",
            "ts.independent",
            "p.sessions",
            "p.sessions_to_mastery",
        ],
        "FROM task_progress AS p JOIN training_sessions AS ts"
        " ON ts.id = p.latest OR ts.id = p.previous"
        " WHERE p.task IN (SELECT t.id FROM tasks AS t WHERE t.client = ? AND NOT t.is_template)",
    ),
    # Per task, the client's latest go through it: its run, when, and how many steps were done.
    _part(
        PART.RUN,
        "0",
        [
            "l.task",
            "l.run_id",
            "l.at",
            "(SELECT COUNT(DISTINCT d.step) FROM step_completions AS d"
            " WHERE d.task = l.task AND d.run_id = l.run_id)",
        ],
        "FROM (SELECT c.task, c.run_id, c.at,"
        " ROW_NUMBER() OVER (PARTITION BY c.task ORDER BY c.at DESC) AS n"
        " FROM step_completions AS c WHERE c.task IN (SELECT t.id FROM tasks AS t"
        " WHERE t.client = ? AND NOT t.is_template)) AS l WHERE l.n = 1",
    ),
    # Goals, newest period first, as the client's goal list orders them.
    _part(
        PART.GOAL,
        "ROW_NUMBER() OVER (ORDER BY g.ends_on DESC, g.created_at DESC)",
        [
            "g.id",
            "g.title",
            "g.means",
            "g.starts_on",
            "g.ends_on",
            "g.weight",
            "g.status",
            "g.conversation",
            "g.client_rating",
            "g.client_comment",
            "g.client_rated_at",
            "g.coach_rating",
            "g.coach_comment",
            "g.coach_rated_at",
            "g.created_at",
            "g.updated_at",
            "g.photo_hash",
            "g.photo_sizes",
            "g.levels",
            "g.ended_early_on",
            "g.end_reason",
        ],
        "FROM goals AS g WHERE " + _GOALS,
    ),
    # Their check-ins, oldest first.
    _part(
        PART.CHECK_IN,
        "ROW_NUMBER() OVER (ORDER BY c.at)",
        ["c.goal", "c.id", "c.client_uuid", "c.mood", "c.note", "c.at", "c.level"],
        "FROM goal_check_ins AS c JOIN goals AS g ON g.id = c.goal WHERE " + _GOALS,
    ),
    # Where the client works: their jobs not ended before today, the latest start first, with
    # the employer's name and address (``backend/employers``).
    _part(
        PART.JOB,
        "ROW_NUMBER() OVER (ORDER BY j.start_date DESC, j.id)",
        ["j.id", "j.title", "e.name", "e.address", "j.start_date"],
        "FROM jobs AS j LEFT JOIN employers AS e ON e.id = j.employer"
        " WHERE j.client = ? AND (j.end_date IS NULL OR j.end_date >= ?)",
    ),
    # Job interviews on local dates from a day before today to a week and a day after it (the
    # services keep those not begun within seven days), soonest first (``backend/
    # opportunities``); the opportunities of one client, by the index on ``client``.
    _part(
        PART.INTERVIEW,
        "ROW_NUMBER() OVER (ORDER BY o.interview_at, o.id)",
        [
            "o.id",
            "e.name",
            "o.job_title",
            "o.interview_on",
            "o.interview_time",
            "o.interview_zone",
            "o.interview_at",
            "o.interview_place",
        ],
        "FROM opportunities AS o LEFT JOIN employers AS e ON e.id = o.employer"
        " WHERE o.client = ? AND o.step = 'interview' AND o.interview_at IS NOT NULL"
        " AND o.interview_on BETWEEN ? AND ?",
    ),
    # What readers of the client's handover pack said: the newest
    # five, as ``backend/handover``'s ``RECENT_AT_MOST``), by the index on (client, at); the
    # services keep those of the last four weeks.
    _part(
        PART.FEEDBACK,
        "ROW_NUMBER() OVER (ORDER BY f.at DESC, f.id DESC)",
        ["f.id", "f.job", "j.title", "e.name", "f.kind", "f.task_title", "f.step", "f.at"],
        "FROM (SELECT h.id, h.job, h.kind, h.task_title, h.step, h.at FROM handover_feedback AS h"
        " WHERE h.client = ? ORDER BY h.at DESC, h.id DESC LIMIT 5) AS f"
        " JOIN jobs AS j ON j.id = f.job LEFT JOIN employers AS e ON e.id = j.employer",
    ),
]
_DAY = Statement(" UNION ALL ".join(_PARTS) + " ORDER BY 1, 2")
_STAMP = Statement("SELECT CAST(d.changes AS TEXT) FROM day_stamps AS d WHERE d.client = ?")


_STAMPS = Statement(
    "SELECT CAST(d.client AS TEXT), CAST(d.changes AS TEXT) FROM day_stamps AS d"
    " WHERE d.client = ANY(CAST(? AS uuid[]))"
)


async def _stamps(client_ids: list[str]) -> dict[str, str]:
    return {client: changes for client, changes in await fetch(DB, _STAMPS, client_ids)}


# On PostgreSQL the stamps asked at the same moment are read in one round trip: under load tens
# of clients' phones ask at once, and each stamp alone would wait its turn on a connection.
_stamp_batch: Batcher[str, str] = Batcher(_stamps)


async def stamp(client_id: str) -> str | None:
    """How far the client's day has moved on (``day_stamps``); None before its first change."""
    if DB.engine_type == "postgres":
        return await _stamp_batch.get(client_id)
    rows = await fetch(DB, _STAMP, client_id)
    return rows[0][0] if rows else None


async def day_rows(
    client_id: str, first: date, last: date, goals_since: date, on: date
) -> list[Row]:
    """The day's rows, by part and place; ``first`` … ``last``: the span of local dates whose
    shifts are read; ``goals_since``: goals ending before it are left out; ``on``: jobs that
    ended before it are left out."""
    c = client_id
    rows = await fetch(
        DB,
        _DAY,
        *(c,),  # the person
        *(first, last, c, first, last, last, first),  # shifts
        *(c,),  # tasks and steps
        *(c,),  # help
        *(c,),  # sessions
        *(c,),  # runs
        *(c, c, goals_since),  # goals
        *(c, c, goals_since),  # check-ins
        *(c, on),  # jobs
        *(c, on - timedelta(days=1), on + timedelta(days=8)),  # interviews
        *(c,),  # readers' feedback
    )
    return [tuple(r) for r in rows]


# --- values, as text from either engine ---------------------------------------------------


moment = clock.instant
"""An instant read as text (``backend.lib.clock.instant``)."""


def instant(value: str | None) -> datetime | None:
    return None if value is None else moment(value)


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def clock_time(value: str) -> time:
    return parse_hhmm(value[:5])


def from_json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def number(value: str | None) -> int | None:
    return None if value is None else int(value)


def flag(value: str | None) -> bool:
    return value in {"1", "true", "t"}


def real(value: str | None) -> float | None:
    return None if value is None else float(value)
