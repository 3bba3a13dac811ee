"""The activity log's hot reads in plain SQL (``backend/lib/db.py``'s ``Statement``), written once
for both engines: a page of a client's log or of a person's own log in one statement, each
activity with its author's name, its clients with their names and what was agreed, as the
wire's JSON. Piccolo's query builder cost more per request than
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

import msgspec

from backend.activities.tables import Activity
from backend.lib.db import Statement, fetch
from shared_schemas import activities as wire

# A page's activities come out of the database as the wire's JSON, one object per row, and are
# decoded into ``wire.Activity`` by msgspec in one call: turning 20 rows of 22 columns and two
# JSON arrays into Python values and then into structs cost three times the statement itself
# (docs/benchmarks.md). The keys are the wire's names; ``tests/api/test_activities_wire.py``
# checks every field against the struct built from the stored row (``reading.to_wire``). What
# depends on who asks (may they change or delete it) is added afterwards (``reading.rights``).
# A row's clients and what was agreed come in database order; the reader sorts them.
_BOOL = {
    "sqlite": "CASE WHEN {} THEN json('true') ELSE json('false') END",
    "postgres": "{}",
}
_INSTANT = {
    # SQLite holds Piccolo's text, ``str()`` of a UTC datetime, which msgspec reads as it is.
    "sqlite": "{}",
    "postgres": "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
}
_DAY = {"sqlite": "CAST({} AS TEXT)", "postgres": "to_char({}, 'YYYY-MM-DD')"}
_PURPOSES = {
    # ",job_search,training," → ["job_search","training"]
    "sqlite": "CASE WHEN trim({0}, ',') = '' THEN json('[]')"
    " ELSE json('[\"' || replace(trim({0}, ','), ',', '\",\"') || '\"]') END",
    "postgres": "to_json(string_to_array(trim(both ',' from {0}), ','))",
}
_OBJECT = {"sqlite": "json_object", "postgres": "json_build_object"}
_ARRAY = {
    "sqlite": "(SELECT json_group_array({item}) FROM {source})",
    "postgres": "(SELECT coalesce(json_agg({item}), '[]'::json) FROM {source})",
}


def _wire_json(kind: str) -> str:
    """The activity ``a`` (its author ``u``) as the wire's JSON object, as text."""
    obj, boolean, instant, day = _OBJECT[kind], _BOOL[kind], _INSTANT[kind], _DAY[kind]
    clients = _ARRAY[kind].format(
        item=f"{obj}('id', CAST(l2.client AS TEXT), 'displayName', coalesce(u2.display_name, ''))",
        source="activity_clients AS l2 LEFT JOIN users AS u2 ON u2.id = l2.client"
        " WHERE l2.activity = a.id",
    )
    agreed = _ARRAY[kind].format(
        item=f"{obj}('position', x.position, 'text', x.text, 'who', x.who,"
        f" 'dueOn', {day.format('x.due_on')}, 'remind', {boolean.format('x.remind')})",
        source="activity_agreed_actions AS x WHERE x.activity = a.id",
    )
    fields = {
        "id": "CAST(a.id AS TEXT)",
        "localId": "CAST(a.client_uuid AS TEXT)",
        "authorId": "CAST(a.author AS TEXT)",
        "authorName": "coalesce(u.display_name, '')",
        "clients": clients,
        "withWhom": "a.with_whom",
        "withName": "a.with_name",
        "employerId": "CAST(a.employer AS TEXT)",
        "employerPersonId": "CAST(a.employer_person AS TEXT)",
        "mode": "a.mode",
        "made": boolean.format("a.made"),
        "occurredAt": instant.format("a.occurred_at"),
        "minutes": "a.minutes",
        "purposes": _PURPOSES[kind].format("a.purposes"),
        "note": "a.note",
        "agreed": agreed,
        "restricted": boolean.format("a.restricted"),
        "restrictedReason": "CASE WHEN a.restricted THEN a.restricted_reason ELSE '' END",
        "shiftId": "CAST(a.shift AS TEXT)",
        "shiftDate": day.format("a.shift_day"),
        "createdAt": instant.format("a.created_at"),
        "updatedAt": instant.format("a.updated_at"),
    }
    pairs = ", ".join(f"'{key}', {value}" for key, value in fields.items())
    return f"CAST({obj}({pairs}) AS TEXT)"


class _Agreed(msgspec.Struct):
    position: int
    text: str
    who: str
    due_on: date | None = msgspec.field(name="dueOn")
    remind: bool


class _Row(msgspec.Struct):
    """What a row's JSON holds beyond ``wire.Activity``: the agreed actions' positions."""

    agreed: list[_Agreed]


_DECODE = msgspec.json.Decoder(list[wire.Activity])
_DECODE_AGREED = msgspec.json.Decoder(list[_Row])


def decode(rows: Sequence[Sequence[Any]]) -> list[wire.Activity]:
    """The activities of rows whose first column is ``_wire_json``'s object, in their order,
    their clients sorted by name and what was agreed in its order."""
    if not rows:
        return []
    text = "[" + ",".join(r[0] for r in rows) + "]"
    items = _DECODE.decode(text)
    orders = None
    for i, item in enumerate(items):
        if len(item.clients) > 1:
            item.clients.sort(key=lambda c: (c.display_name, c.id))
        if len(item.agreed) > 1:
            orders = orders or _DECODE_AGREED.decode(text)
            positions = [a.position for a in orders[i].agreed]
            item.agreed = [a for _, a in sorted(zip(positions, item.agreed, strict=True))]
    return items


def _engine() -> Any:
    return Activity._meta.db


def _kind() -> str:
    return "postgres" if _engine().engine_type == "postgres" else "sqlite"


def _at(value: datetime) -> Any:
    """An instant as the engine compares it: SQLite holds Piccolo's text (UTC, ``str()``)."""
    return str(value.astimezone(UTC)) if _kind() == "sqlite" else value


def _ids(ids: Sequence[str]) -> Any:
    return list(ids) if _kind() == "postgres" else json.dumps(list(ids))


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


_IN = {"postgres": "= ANY(?::uuid[])", "sqlite": "IN (SELECT value FROM json_each(?))"}
_FALSE = {"postgres": "false", "sqlite": "0"}


@cache
def _page_statement(
    kind: str, by: str, author: bool, whom: bool, purpose: bool, start: bool, end: bool,
    hide: bool, after: bool,
) -> Statement:  # fmt: skip
    """``by``: ``client`` (one client's log, through activity_clients), ``author`` (one person's
    own log) or ``all`` (everyone's, for administrators)."""
    select = f"SELECT {_wire_json(kind)}"
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
) -> list[wire.Activity]:
    """One page of a log, newest first (``fetch_rows`` rows at most), without the reader's
    rights (``reading.rights``)."""
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
    return decode(await fetch(_engine(), statement, *args))


@cache
def _by_ids_statement(kind: str) -> Statement:
    return Statement(
        f"SELECT {_wire_json(kind)} FROM activities AS a"  # noqa: S608 (constant SQL)
        f" LEFT JOIN users AS u ON u.id = a.author WHERE a.id {_IN[kind]}"
    )


async def by_ids(ids: Sequence[str]) -> list[wire.Activity]:
    """These activities (any order), without the reader's rights."""
    if not ids:
        return []
    return decode(await fetch(_engine(), _by_ids_statement(_kind()), _ids(ids)))


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
