"""The activity log's hot reads in plain SQL (``backend/lib/db.py``'s ``Statement``), written once
for both engines: a page of a client's log or of a person's own log in one statement (the
activity, its author's name), and what the page's activities need besides (their clients with
their names, what was agreed) in a second. Piccolo's query builder cost more per request than
these reads themselves (docs/benchmarks.md).

Each statement is made once per combination of filters (at most a few dozen), so PostgreSQL
prepares it once per connection.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from backend.activities.tables import Activity
from backend.lib.db import Statement, fetch

COLUMNS = (
    "id",
    "client_uuid",
    "author",
    "author_name",
    "with_whom",
    "with_name",
    "employer",
    "employer_person",
    "mode",
    "made",
    "occurred_at",
    "minutes",
    "purposes",
    "note",
    "restricted",
    "restricted_reason",
    "shift",
    "shift_day",
    "created_at",
    "updated_at",
)
_SELECT = """SELECT CAST(a.id AS TEXT), CAST(a.client_uuid AS TEXT), CAST(a.author AS TEXT),
    u.display_name, a.with_whom, a.with_name, CAST(a.employer AS TEXT),
    CAST(a.employer_person AS TEXT), a.mode, a.made, a.occurred_at, a.minutes, a.purposes, a.note,
    a.restricted, a.restricted_reason, CAST(a.shift AS TEXT), a.shift_day, a.created_at,
    a.updated_at, {clients}, {agreed}"""
# What each activity of a page needs besides, in the same statement: its clients with their
# names, and what was agreed, as JSON arrays (one index range each per row).
_JSON = {
    "sqlite": (
        "(SELECT json_group_array(json_array(CAST(l2.client AS TEXT), u2.display_name))"
        " FROM activity_clients AS l2 LEFT JOIN users AS u2 ON u2.id = l2.client"
        " WHERE l2.activity = a.id)",
        "(SELECT json_group_array(json_array(x.position, x.text, x.who, CAST(x.due_on AS TEXT),"
        " x.remind)) FROM activity_agreed_actions AS x WHERE x.activity = a.id)",
    ),
    "postgres": (
        "(SELECT json_agg(json_build_array(CAST(l2.client AS TEXT), u2.display_name))"
        " FROM activity_clients AS l2 LEFT JOIN users AS u2 ON u2.id = l2.client"
        " WHERE l2.activity = a.id)",
        "(SELECT json_agg(json_build_array(x.position, x.text, x.who, CAST(x.due_on AS TEXT),"
        " x.remind)) FROM activity_agreed_actions AS x WHERE x.activity = a.id)",
    ),
}


def _engine() -> Any:
    return Activity._meta.db


def _kind() -> str:
    return "postgres" if _engine().engine_type == "postgres" else "sqlite"


def _at(value: datetime) -> Any:
    """An instant as the engine compares it: SQLite holds Piccolo's text (UTC, ``str()``)."""
    return str(value.astimezone(UTC)) if _kind() == "sqlite" else value


def _ids(ids: Sequence[str]) -> Any:
    return list(ids) if _kind() == "postgres" else json.dumps(list(ids))


_IN = {"postgres": "= ANY(?::uuid[])", "sqlite": "IN (SELECT value FROM json_each(?))"}
_FALSE = {"postgres": "false", "sqlite": "0"}


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
    """A row of ``_SELECT`` as the readers use it (the names of Piccolo's rows, and
    ``clients_of_row`` and ``agreed_of_row``: what ``extras`` reads for other rows)."""
    out = dict(zip(COLUMNS, values[: len(COLUMNS)], strict=True))
    out["made"], out["restricted"] = bool(out["made"]), bool(out["restricted"])
    for key in ("occurred_at", "created_at", "updated_at"):
        out[key] = _instant(out[key])
    out["shift_day"] = _day(out["shift_day"])
    out["clients_of_row"] = [(str(c), n or "") for c, n in _json(values[len(COLUMNS)])]
    out["agreed_of_row"] = sorted(
        (int(p), t, w, _day(d), bool(r)) for p, t, w, d, r in _json(values[len(COLUMNS) + 1])
    )
    return out


@cache
def _page_statement(
    kind: str, by: str, author: bool, whom: bool, purpose: bool, start: bool, end: bool,
    hide: bool, after: bool,
) -> Statement:  # fmt: skip
    """``by``: ``client`` (one client's log, through activity_clients), ``author`` (one person's
    own log) or ``all`` (everyone's, for administrators)."""
    select = _SELECT.format(clients=_JSON[kind][0], agreed=_JSON[kind][1])
    if by == "client":
        sql = (
            f"{select} FROM activity_clients AS l JOIN activities AS a ON a.id = l.activity"
            " LEFT JOIN users AS u ON u.id = a.author WHERE l.client = ?"
        )
        key = ("l.occurred_at", "l.activity")
    else:
        sql = f"{select} FROM activities AS a LEFT JOIN users AS u ON u.id = a.author WHERE "
        sql += "a.author = ?" if by == "author" else "1 = 1"
        key = ("a.occurred_at", "a.id")
    if author:
        sql += " AND a.author = ?"
    if whom:
        sql += " AND a.with_whom = ?"
    if purpose:
        sql += " AND a.purposes LIKE ?"
    if start:
        sql += f" AND {key[0]} >= ?"
    if end:
        sql += f" AND {key[0]} < ?"
    if hide:
        sql += f" AND a.restricted = {_FALSE[kind]}"
    if after:
        sql += f" AND ({key[0]} < ? OR ({key[0]} = ? AND {key[1]} < ?))"
    sql += f" ORDER BY {key[0]} DESC, {key[1]} DESC LIMIT ?"
    return Statement(sql)


async def page(
    by: str,
    subject: str | None,
    *,
    author: str | None,
    whom: str | None,
    purpose: str | None,
    start: datetime | None,
    end: datetime | None,
    hide_restricted: bool,
    after: tuple[Any, ...] | None,
    fetch_rows: int,
) -> list[dict[str, Any]]:
    """One page of a log, newest first (``fetch_rows`` rows at most)."""
    kind = _kind()
    statement = _page_statement(
        kind,
        by,
        author is not None,
        whom is not None,
        purpose is not None,
        start is not None,
        end is not None,
        hide_restricted,
        after is not None,
    )
    args: list[Any] = [] if by == "all" else [subject]
    if author is not None:
        args.append(author)
    if whom is not None:
        args.append(whom)
    if purpose is not None:
        args.append(f"%,{purpose},%")
    if start is not None:
        args.append(_at(start))
    if end is not None:
        args.append(_at(end))
    if after is not None:
        at, last = _at(after[0]), after[1]
        args += [at, at, last]
    args.append(fetch_rows)
    return [row(r) for r in await fetch(_engine(), statement, *args)]


@cache
def _extras_statement(kind: str) -> Statement:
    return Statement(
        f"""SELECT 'c', CAST(l.activity AS TEXT), CAST(l.client AS TEXT), u.display_name,
            NULL, NULL, NULL
        FROM activity_clients AS l LEFT JOIN users AS u ON u.id = l.client
        WHERE l.activity {_IN[kind]}
        UNION ALL
        SELECT 'a', CAST(x.activity AS TEXT), x.text, x.who, CAST(x.due_on AS TEXT), x.remind,
            x.position
        FROM activity_agreed_actions AS x WHERE x.activity {_IN[kind]}"""  # noqa: S608 (constant SQL)
    )


async def extras(
    ids: Sequence[str],
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[int, str, str, Any, bool]]]]:
    """For these activities: their clients (id, name), and what was agreed (position, text,
    who, due on, remind), in one statement."""
    clients: dict[str, list[tuple[str, str]]] = {}
    agreed: dict[str, list[tuple[int, str, str, Any, bool]]] = {}
    if not ids:
        return clients, agreed
    kind = _kind()
    listed = _ids(ids)
    for part, activity, a, b, c, d, e in await fetch(
        _engine(), _extras_statement(kind), listed, listed
    ):
        if part == "c":
            clients.setdefault(activity, []).append((a, b or ""))
        else:
            agreed.setdefault(activity, []).append((int(e), a, b, _day(c), bool(d)))
    for actions in agreed.values():
        actions.sort(key=lambda x: x[0])
    return clients, agreed


@cache
def _visits_statement(kind: str) -> Statement:
    # The partial index activities_visits: the visits of one day, by shift.
    sql = "SELECT CAST(a.shift AS TEXT) FROM activities AS a WHERE a.shift_day = ?"
    return Statement(f"{sql} AND a.shift IS NOT NULL AND a.shift {_IN[kind]}")


async def visited(day: date, shift_ids: Sequence[str]) -> set[str]:
    """Of these shifts, those with a visit logged from them on ``day``."""
    if not shift_ids:
        return set()
    kind = _kind()
    on = day.isoformat() if kind == "sqlite" else day
    rows = await fetch(_engine(), _visits_statement(kind), on, _ids(sorted(set(shift_ids))))
    return {str(r[0]) for r in rows}
