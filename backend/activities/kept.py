"""A client's activity log, kept: the pages read lately, sent again while nothing in them
changed.

A coach opens the same client's log again and again in a day (from the client's page, after
logging a visit, back from an activity); the log changes far less often. Database triggers
(migration ``activities_2026_12_06t14_40_01_…``) move a per-person counter,
``activity_stamps.changes``, on with every insert, update or delete of an activity about the
person or by them, of its clients and of what was agreed, in the writer's own transaction,
whatever process writes. A page is kept with the stamp read *before* its rows, so a change
made meanwhile moves the stamp past it and the next request reads the page again.

What a page does not watch — the names of its people — it holds for ``HOLDS`` at most. What
the reader may do with each activity (change it, delete it: ``reading.rights``) depends on who
asks and on the time, so the kept rows carry none of it; each answer gets its own copies.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.activities.reading import Filters, page_by_clients
from backend.activities.tables import ActivityStamp
from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.paging import PageRequest
from shared_schemas import activities as wire

KEPT_PAGES = 1024
"""Pages kept per process (a page of 20 is about 10 KB: at most about 10 MB)."""
HOLDS = timedelta(minutes=1)
"""How long a kept page holds however still its stamp (a changed name shows within it)."""

_STAMP = Statement("SELECT CAST(s.changes AS TEXT) FROM activity_stamps AS s WHERE s.person = ?")


async def stamp(person_id: str) -> str | None:
    """How far the activities about or by the person have moved on; None before any."""
    rows = await fetch(ActivityStamp._meta.db, _STAMP, person_id)
    return rows[0][0] if rows else None


@dataclass(frozen=True, slots=True)
class _Key:
    client: str
    filters: Filters
    limit: int
    after: tuple[object, ...] | None


@dataclass(frozen=True, slots=True)
class _Kept:
    stamp: str | None
    made_at: datetime
    rows: tuple[wire.Activity, ...]
    next_cursor: str | None


_kept: OrderedDict[_Key, _Kept] = OrderedDict()


async def client_page(
    client_id: str, f: Filters, page: PageRequest
) -> tuple[list[wire.Activity], str | None]:
    """A page of the client's log (``reading.page_by_clients`` for one client), kept while the
    client's stamp stays and for ``HOLDS`` at most. The rows are the kept ones: copy before
    changing them (``reading.rights`` does)."""
    key = _Key(client_id, f, page.limit, page.after)
    at = clock.now()
    now_stamp = await stamp(client_id)
    kept = _kept.get(key)
    if kept is not None and kept.stamp == now_stamp and kept.made_at <= at < kept.made_at + HOLDS:
        _kept.move_to_end(key)
        return list(kept.rows), kept.next_cursor
    rows, next_cursor = await page_by_clients([client_id], f, page)
    _kept[key] = _Kept(now_stamp, at, tuple(rows), next_cursor)
    _kept.move_to_end(key)
    while len(_kept) > KEPT_PAGES:
        _kept.popitem(last=False)
    return list(rows), next_cursor
