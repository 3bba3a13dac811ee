"""The caseload: who a person on the staff sees (administrators: everyone; coordinators: their
team; coaches: their clients), a page at a time, read on every visit to a coach's home and kept
by each server while nothing it shows changed."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from backend.clients.tables import ClientRecord
from backend.lib.actor import Actor
from backend.lib.clock import day_of, now
from backend.lib.db import Statement, fetch, hear
from backend.lib.db import moment as db_moment
from backend.lib.paging import PageRequest, page_of, page_request
from backend.lib.told import Told
from shared_schemas.clients import ClientSummary

# The caseload is read on every visit to the coach's home screen: plain SQL, the columns of
# ``services._SUMMARY`` and the stage's dates, a page at a time, ordered by the client's name
# then id (a total order, for keyset pages: lib/paging.py) (docs/benchmarks.md).
_CASELOAD = """
    SELECT CAST(c."user" AS TEXT), u.display_name, c.stage, CAST(c.coach AS TEXT),
           k.display_name, CAST(c.team AS TEXT), c.stage_since, c.stage_due
    FROM client_records AS c
    LEFT JOIN users AS u ON u.id = c."user"
    LEFT JOIN users AS k ON k.id = c.coach
    WHERE
"""
_WHO = {
    "admin": "1 = 1",
    "coordinator": "c.team = ?",
    "coach": "c.coach = ?",
    # ``ClientRecord.team == None`` is ``IS NULL`` in Piccolo: a coordinator without a team.
    "no_team": "c.team IS NULL",
}
_BY_COACH = " AND c.coach = ?"
_AFTER = ' AND (u.display_name > ? OR (u.display_name = ? AND CAST(c."user" AS TEXT) > ?))'
_ORDER = ' ORDER BY u.display_name, CAST(c."user" AS TEXT) LIMIT ?'
_CASELOAD_BY = {
    (who, later, by_coach): Statement(
        _CASELOAD + where + (_BY_COACH if by_coach else "") + (_AFTER if later else "") + _ORDER
    )
    for who, where in _WHO.items()
    for later in (False, True)
    for by_coach in (False, True)
}
CASELOAD_LIST = "clients"
_ALL = 10**9
"""The caseload's name in its cursors."""


def caseload_request(cursor: str | None, limit: int) -> PageRequest:
    """The caseload's page asked for: sorted by name, then id."""
    return page_request(CASELOAD_LIST, cursor, limit, str, str)


async def caseload(actor: Actor) -> list[ClientSummary]:
    """The whole caseload, for a server-side view over it."""
    return (await caseload_page(actor, PageRequest(_ALL)))[0]


async def caseload_page(
    actor: Actor, page: PageRequest, coach: str | None = None
) -> tuple[list[ClientSummary], str | None]:
    """Administrators: everyone; coordinators: their team; coaches: their caseload. One page,
    and the next page's cursor. ``coach`` keeps only that coach's clients of it (in the query,
    so a page is full whatever the other coaches' caseloads)."""
    args: tuple[Any, ...]
    if actor.role == "coordinator":
        args = (actor.team_id,) if actor.team_id is not None else ()
        who = "coordinator" if args else "no_team"
    elif actor.role == "coach":
        args, who = (actor.id,), "coach"
    elif actor.role == "admin":
        args, who = (), "admin"
    else:
        return [], None
    if coach is not None:
        args = (*args, coach)
    if page.after is not None:
        name, last = page.after
        args = (*args, name, name, last)
    statement = _CASELOAD_BY[(who, page.after is not None, coach is not None)]
    engine = ClientRecord._meta.db
    today = now().date()
    key = (id(statement), args, page.fetch)
    at, told = db_moment(engine), _caseloads_told.count
    kept = _kept.get(key)
    if kept is not None and at is not None and (kept.at, kept.told, kept.day) == (at, told, today):
        _kept.move_to_end(key)
        return list(kept.summaries), kept.next_cursor
    rows = await fetch(engine, statement, *args, page.fetch)
    summaries = [
        ClientSummary(
            id=user,
            display_name=name,
            stage=stage,
            coach_id=coach,
            coach_name=coach_name,
            team_id=team,
            stage_since=day_of(since),
            stage_overdue=_past(day_of(due), today),
        )
        for user, name, stage, coach, coach_name, team, since, due in rows
    ]
    found, next_cursor = page_of(summaries, page, CASELOAD_LIST, lambda s: (s.display_name, s.id))
    if at is not None:
        _kept[key] = _KeptCaseload(at, told, today, tuple(found), next_cursor)
        while len(_kept) > KEPT_CASELOADS:
            _kept.popitem(last=False)
    return found, next_cursor


# Caseloads asked again are answered from this server's copy while nothing they show can have
# changed: the database's moment is the one they were read at (``backend/lib/db.py``: on
# PostgreSQL every change heard and no write of this process's own to the tables a client's
# day shows since, client records and people included; on SQLite no other connection
# committed either) and nothing was told on ``CASELOADS_CHANNEL`` (PostgreSQL: a trigger says
# so at the commit of any change to client records or to a person's name, from any process:
# migration ``clients_2026_12_07t03_40…``), on the same day (``stage_overdue`` is the day's).
# A coach opens their home screen many times a day; each would read the caseload again.
CASELOADS_CHANNEL = "stepwise_caseloads"
KEPT_CASELOADS = 512


@dataclass(frozen=True, slots=True)
class _KeptCaseload:
    at: tuple[int, int]
    told: int
    day: date
    summaries: tuple[ClientSummary, ...]
    next_cursor: str | None


_kept: OrderedDict[tuple[Any, ...], _KeptCaseload] = OrderedDict()
_caseloads_told = Told(at_most=1)
hear(ClientRecord._meta.db, CASELOADS_CHANNEL, _caseloads_told)


def _past(due: date | None, today: date) -> bool:
    return due is not None and due < today


def told_count() -> int:
    """How many changes to client records, mentorships or names this process heard of (to keep
    with a copy of rows they show, read before it)."""
    return _caseloads_told.count
