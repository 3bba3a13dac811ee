"""A client's page for staff in one answer (``GET /api/clients/{id}/page``): the record, the
tasks, the next four weeks of shifts, the reminders, the goals and the conversations — what the
page shows when it opens, each part as the endpoint it replaces at open gives it.

Every request costs one plain-SQL read (the record's caseload fields, for the access rule and
the audit entry, and the client's day stamp, ``backend/today/tables.py``) and one audit entry:
a read of a client's record by staff is audit-logged every time, whatever is kept. The answer
itself is kept per client, encoded, with the stamp it was read at and until when it holds in
time, like the day's (``services.encoded_day``); the stamp moves with every change to what the
day or the page shows (the triggers of the migrations ``…18_18_27…`` and ``…19_30_00…``), so a
change from any process shows at once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec

from backend import clients, goals, handover, reminders, shifts, tasks
from backend.clients import ClientRow
from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.lib.db import moment as db_moment
from backend.lib.ids import as_uuid
from backend.lib.paging import MAX_LIMIT, PageRequest
from backend.piccolo_conf import DB
from backend.today import services
from backend.today.services import etag_of
from shared_schemas.today import ClientPage

SHIFT_DAYS = 28
"""How far ahead the page's shifts reach: the PWA's list of upcoming shifts asks for the same."""
HOLDS_AT_MOST = timedelta(seconds=60)
"""A kept page is made again after this long at the latest (a shift four weeks ahead enters the
list, a device's last use moves on)."""
KEPT_PAGES = 1024
"""Pages kept, one per client, the least recently asked for dropped first."""

# The record's caseload fields (who may read it; under which team the read is logged) and the
# client's day stamp, in one indexed read.
_RECORD = Statement(
    'SELECT CAST(c."user" AS TEXT), CAST(c.coach AS TEXT), CAST(c.team AS TEXT), c.stage,'
    " CAST(d.changes AS TEXT)"
    ' FROM client_records AS c LEFT JOIN day_stamps AS d ON d.client = c."user"'
    ' WHERE c."user" = ?'
)


@dataclass(frozen=True, slots=True)
class Record:
    """What every request needs first: the record's fields the access rule and the audit use,
    and the client's stamp."""

    fields: ClientRow
    """The typed record ``backend.clients.access`` reads."""
    stamp: str | None
    moment: tuple[int, int] | None = None
    """The database's moment before the record was read (``backend.lib.db.moment``)."""
    told: int = 0
    """``services.told_count()`` before the record was read."""


async def record(client_id: str) -> Record | None:
    """The client's record and stamp, or None when there is no such client.

    The record kept with the client's page is used without a read while it holds: nothing was
    told about the client since it was read (every change to the record moves the client's
    stamp, which every server hears: ``services.unmoved``) and the page holds in time. A
    client's page is opened again and again through a working day; each opening is still
    audit-logged."""
    if as_uuid(client_id) is None:
        return None
    at = clock.now()
    moment, told = db_moment(DB), services.told_count()
    kept = _kept.get(client_id)
    if (
        kept is not None
        and kept.made_at <= at < kept.holds_until
        and services.unmoved(client_id, kept.record.moment, kept.record.told, moment)
    ):
        return kept.record
    rows = await fetch(DB, _RECORD, client_id)
    if not rows:
        return None
    user, coach, team, stage, stamp = rows[0]
    fields = ClientRow(client_id=user, coach_id=coach, team_id=team, stage=stage)
    return Record(fields, stamp, moment, told)


async def _page(client_id: str) -> ClientPage:
    return ClientPage(
        client=await clients.detail(client_id),
        # The first page of each list, as the lists' own endpoints give it at most.
        tasks=(await tasks.tasks_of(client_id, PageRequest(MAX_LIMIT)))[0],
        shift_days=SHIFT_DAYS,
        shifts=await shifts.upcoming(client_id, SHIFT_DAYS),
        # Staff see whether the client has an address for e-mail reminders, not the address.
        reminders=await reminders.notifications(client_id, own=False),
        goals=(await goals.goals_of(client_id, None, PageRequest(MAX_LIMIT)))[0],
        conversations=await goals.conversations_of(client_id),
        work_feedback=await handover.recent_feedback(client_id),
    )


def _holds_until(page: ClientPage, at: datetime) -> datetime:
    """Until when the same rows give the same page: the next listed shift ends, a new day
    starts at a workplace (its words: today, tomorrow) or in UTC (a goal ends, a conversation
    falls due), and ``HOLDS_AT_MOST`` after ``at`` at the latest."""
    until = min(
        at + HOLDS_AT_MOST,
        datetime.combine(at.date() + timedelta(days=1), datetime.min.time(), UTC),
    )
    for o in page.shifts:
        until = min(until, o.end)
        local = at.astimezone(ZoneInfo(o.zone))
        tomorrow = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
        until = min(until, tomorrow.replace(tzinfo=local.tzinfo).astimezone(UTC))
    return until


@dataclass(frozen=True, slots=True)
class _Kept:
    record: Record
    made_at: datetime
    holds_until: datetime
    body: bytes
    etag: str


_kept: OrderedDict[str, _Kept] = OrderedDict()
_encode = msgspec.json.Encoder().encode


async def encoded_page(found: Record) -> tuple[bytes, str]:
    """The client's page as JSON bytes and their ETag: the kept one while it holds in time and
    the client's stamp has not moved, else made again from the domains' answers."""
    client_id = found.fields.client_id
    at = clock.now()
    kept = _kept.get(client_id)
    if (
        kept is not None
        and kept.record.stamp == found.stamp
        and kept.made_at <= at < kept.holds_until
    ):
        if found is not kept.record:  # read again, and unmoved: kept from this moment on
            kept = _kept[client_id] = replace(kept, record=found)
        _kept.move_to_end(client_id)
        return kept.body, kept.etag
    page = await _page(client_id)
    body = _encode(page)
    # Kept under the stamp read before the page's reads: a change made meanwhile moves the stamp
    # past it, so the next request makes the page again.
    kept = _kept[client_id] = _Kept(found, at, _holds_until(page, at), body, etag_of(body))
    _kept.move_to_end(client_id)
    while len(_kept) > KEPT_PAGES:
        _kept.popitem(last=False)
    return kept.body, kept.etag
