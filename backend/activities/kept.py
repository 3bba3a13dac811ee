"""A client's activity log and a coach's day recap, kept: the answers made lately, given
again while nothing in them changed.

A coach opens the same client's log again and again in a day (from the client's page, after
logging a visit, back from an activity); the log changes far less often. Database triggers
(migration ``activities_2026_12_06t14_40_01_…``) move a per-person counter,
``activity_stamps.changes``, on with every insert, update or delete of an activity about the
person or by them, of its clients and of what was agreed, in the writer's own transaction,
whatever process writes; a client's shifts and their cancelled dates move the client's too
(the recap lists them). An answer is kept with the stamps read *before* its rows, so a change
made meanwhile moves a stamp past it and the next request makes the answer again.

A day recap is about the coach (what they logged) and a page of their caseload (its clients'
shifts of the day and the visits logged from them): it is kept while the page of clients is the
same — read afresh each time, as the caseload is — and none of their stamps nor the coach's
has moved.

A kept answer is given without reading the stamps while the database's moment is the one it
was made at and nothing was told about its people since (``backend/lib/told.py``: on
PostgreSQL every change to a stamp is told to every server, migration
``activities_2026_12_07t09_30…``; on SQLite another connection's commit moves the moment), as
the client's page and the caseload are.

What a page does not watch — the names of its people — it holds for ``HOLDS`` at most. What
the reader may do with each activity (change it, delete it: ``reading.rights``) depends on who
asks and on the time, so the kept rows carry none of it; each answer gets its own copies.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from backend.activities.reading import Filters, page_by_clients
from backend.activities.tables import ActivityStamp
from backend.lib import clock
from backend.lib.db import Statement, fetch, hear
from backend.lib.db import moment as db_moment
from backend.lib.paging import PageRequest
from backend.lib.told import Told, holds
from shared_schemas import activities as wire

KEPT_PAGES = 1024
"""Answers kept per process (a page of 20 activities is about 10 KB: about 10 MB at most)."""
CHANNEL = "stepwise_activities"
"""Where PostgreSQL tells every server of a moved stamp (the person's id)."""
HOLDS = timedelta(minutes=1)
"""How long a kept answer holds however still its stamps (a changed name shows within it)."""

_STAMPS = {
    "sqlite": Statement(
        "SELECT CAST(s.person AS TEXT), CAST(s.changes AS TEXT) FROM activity_stamps AS s"
        " WHERE s.person IN (SELECT value FROM json_each(?))"
    ),
    "postgres": Statement(
        "SELECT CAST(s.person AS TEXT), CAST(s.changes AS TEXT) FROM activity_stamps AS s"
        " WHERE s.person = ANY(?::uuid[])"
    ),
}


async def stamps(people: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The people's stamps (those with any), in one statement: equal while none has moved."""
    engine = ActivityStamp._meta.db
    if engine.engine_type == "postgres":
        rows = await fetch(engine, _STAMPS["postgres"], list(people))
    else:
        rows = await fetch(engine, _STAMPS["sqlite"], json.dumps(list(people)))
    return tuple(sorted((r[0], r[1]) for r in rows))


async def client_page(
    client_id: str, f: Filters, page: PageRequest
) -> tuple[list[wire.Activity], str | None]:
    """A page of the client's log (``reading.page_by_clients`` for one client), kept while the
    client's stamp stays and for ``HOLDS`` at most. The rows are the kept ones: copy before
    changing them (``reading.rights`` does)."""

    async def make() -> tuple[tuple[wire.Activity, ...], str | None]:
        rows, next_cursor = await page_by_clients([client_id], f, page)
        return tuple(rows), next_cursor

    key = ("log", client_id, f, page.limit, page.after)
    rows, next_cursor = await answer(key, (client_id,), (), make)
    return list(rows), next_cursor


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Answer:
    holds_while: tuple[Hashable, tuple[tuple[str, str], ...]]  # (``also``, the stamps)
    made_at: datetime
    moment: tuple[int, int] | None  # the database's moment before the stamps were read
    told: int  # ``_told.count`` then
    value: Any


_answers: OrderedDict[Hashable, _Answer] = OrderedDict()
_told = Told(at_most=8 * KEPT_PAGES)
hear(ActivityStamp._meta.db, CHANNEL, _told)


async def answer(
    key: Hashable,
    people: tuple[str, ...],
    also: Hashable,
    make: Callable[[], Awaitable[T]],
) -> T:
    """The answer kept under ``key`` while the stamps of ``people`` and ``also`` (whatever
    else it was made from) are unchanged, and for ``HOLDS`` at most; else ``make()``'s, kept.
    The stamps are not read while the database's moment is the one the answer was made at and
    nothing was told about ``people`` since. The value is shared by every reader: never
    change it."""
    at = clock.now()
    moment, told = db_moment(ActivityStamp._meta.db), _told.count
    kept = _answers.get(key)
    fresh = kept is not None and kept.made_at <= at < kept.made_at + HOLDS
    if (
        fresh
        and kept is not None
        and kept.holds_while[0] == also
        and holds(kept.moment, moment, _told, kept.told, people)
    ):
        _answers.move_to_end(key)
        value: T = kept.value
        return value
    holds_while = (also, await stamps(people))
    if fresh and kept is not None and kept.holds_while == holds_while:
        # Read again, and unmoved: trusted from this moment on.
        _answers[key] = _Answer(holds_while, kept.made_at, moment, told, kept.value)
        _answers.move_to_end(key)
        same: T = kept.value
        return same
    made = await make()
    _answers[key] = _Answer(holds_while, at, moment, told, made)
    _answers.move_to_end(key)
    while len(_answers) > KEPT_PAGES:
        _answers.popitem(last=False)
    return made
