"""The pipelines' reads in plain SQL (``backend/lib/db.py``'s ``Statement``), written once for
both engines: a page of a client's pipeline, or of a caseload's, is one statement — each
opportunity with its employer's and person's names, the client's name, and its history of steps
with the names of who moved them (a JSON array per row, one index range each). Piccolo's query
builder costs more per request than these reads (docs/benchmarks.md).

Each statement is made once per combination of filters, so PostgreSQL prepares it once per
connection.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from backend.lib.db import Statement, fetch
from backend.opportunities.tables import Opportunity

COLUMNS = (
    "id",
    "client_uuid",
    "client",
    "client_name",
    "employer",
    "employer_name",
    "employer_person",
    "person_name",
    "job_title",
    "idea",
    "themes",
    "step",
    "step_on",
    "follow_up_on",
    "follow_up_by",
    "interview_on",
    "interview_time",
    "interview_zone",
    "interview_at",
    "interview_place",
    "by_client",
    "created_at",
    "updated_at",
)
_SELECT = """SELECT CAST(o.id AS TEXT), CAST(o.client_uuid AS TEXT), CAST(o.client AS TEXT),
    u.display_name, CAST(o.employer AS TEXT), e.name, CAST(o.employer_person AS TEXT), p.name,
    o.job_title, o.idea, o.themes, o.step, o.step_on, o.follow_up_on, CAST(o.follow_up_by AS TEXT),
    o.interview_on, o.interview_time, o.interview_zone, o.interview_at, o.interview_place,
    o.by_client, o.created_at, o.updated_at, {steps}
    FROM opportunities AS o
    LEFT JOIN users AS u ON u.id = o.client
    LEFT JOIN employers AS e ON e.id = o.employer
    LEFT JOIN employer_people AS p ON p.id = o.employer_person"""
_STEPS = {
    "sqlite": "(SELECT json_group_array(json_array(CAST(s.id AS TEXT), s.step,"
    " CAST(s.taken_on AS TEXT), s.note, CAST(s.moved_by AS TEXT), ub.display_name,"
    " CAST(s.activity AS TEXT), s.position))"
    " FROM opportunity_steps AS s LEFT JOIN users AS ub ON ub.id = s.moved_by"
    " WHERE s.opportunity = o.id)",
    "postgres": "(SELECT json_agg(json_build_array(CAST(s.id AS TEXT), s.step,"
    " CAST(s.taken_on AS TEXT), s.note, CAST(s.moved_by AS TEXT), ub.display_name,"
    " CAST(s.activity AS TEXT), s.position))"
    " FROM opportunity_steps AS s LEFT JOIN users AS ub ON ub.id = s.moved_by"
    " WHERE s.opportunity = o.id)",
}


def _engine() -> Any:
    return Opportunity._meta.db


def _kind() -> str:
    return "postgres" if _engine().engine_type == "postgres" else "sqlite"


def _at(value: datetime) -> Any:
    """An instant as the engine compares it: SQLite holds Piccolo's text (UTC, ``str()``)."""
    return str(value.astimezone(UTC)) if _kind() == "sqlite" else value


def _instant(value: Any) -> Any:
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(json.loads(value) if isinstance(value, str | bytes) else value)


def row(values: Sequence[Any]) -> dict[str, Any]:
    """A row of ``_SELECT``, and ``steps``: the history in the order it was recorded."""
    out = dict(zip(COLUMNS, values[: len(COLUMNS)], strict=True))
    out["by_client"] = bool(out["by_client"])
    for key in ("created_at", "updated_at", "interview_at"):
        out[key] = _instant(out[key]) if out[key] is not None else None
    for key in ("step_on", "follow_up_on", "interview_on"):
        out[key] = _day(out[key])
    steps = [
        {
            "id": s[0],
            "step": s[1],
            "taken_on": _day(s[2]),
            "note": s[3] or "",
            "moved_by": s[4],
            "by_name": s[5] or "",
            "activity": s[6],
            "position": int(s[7] or 0),
        }
        for s in _json(values[len(COLUMNS)])
    ]
    out["steps"] = sorted(steps, key=lambda s: s["position"])
    return out


@cache
def _statement(kind: str, by: str, step: bool, after: bool) -> Statement:
    """``by``: ``id`` (one opportunity), ``client`` (one client's pipeline), ``coach`` (a
    caseload), ``team`` (a team's clients), ``all`` (everyone's, for administrators)."""
    sql = _SELECT.format(steps=_STEPS[kind])
    if by == "id":
        return Statement(sql + " WHERE o.id = ?")
    if by == "client":
        sql += " WHERE o.client = ?"
    elif by == "coach":
        sql += ' WHERE o.client IN (SELECT r."user" FROM client_records AS r WHERE r.coach = ?)'
    elif by == "team":
        sql += ' WHERE o.client IN (SELECT r."user" FROM client_records AS r WHERE r.team = ?)'
    else:
        sql += " WHERE 1 = 1"
    if step:
        sql += " AND o.step = ?"
    if after:
        sql += " AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?))"
    return Statement(sql + " ORDER BY o.created_at DESC, o.id DESC LIMIT ?")


async def one(opportunity_id: str) -> dict[str, Any] | None:
    rows = await fetch(_engine(), _statement(_kind(), "id", False, False), opportunity_id)
    return row(rows[0]) if rows else None


async def page(
    by: str,
    subject: str | None,
    *,
    step: str | None,
    after: tuple[Any, ...] | None,
    fetch_rows: int,
) -> list[dict[str, Any]]:
    """One page of a pipeline, newest first (``fetch_rows`` rows at most)."""
    statement = _statement(_kind(), by, step is not None, after is not None)
    args: list[Any] = [] if by == "all" else [subject]
    if step is not None:
        args.append(step)
    if after is not None:
        at, last = _at(after[0]), after[1]
        args += [at, at, last]
    args.append(fetch_rows)
    return [row(r) for r in await fetch(_engine(), statement, *args)]
