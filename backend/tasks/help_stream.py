"""Open staff screens follow requests for help: ``GET /api/help-requests/stream``.

A server-sent event stream (WHATWG HTML §9.2) per open coach or coordinator home. Each stream
asks the database every ``POLL_SECONDS`` for the help requests whose ``changed_at`` moved since
its cursor (an index range: usually no row) and tells the screen of those it may see
(``can_be_told_of_help``). This is correct with any number of server processes on SQLite or
PostgreSQL, since every change is a row change. The cursor is the event id, so a reconnecting
``EventSource`` resumes where it was (``Last-Event-ID``), and rows committed a moment after a
later timestamp are caught by reading ``OVERLAP`` back. A stream ends after ``STREAM_SECONDS``
(the browser reconnects by itself), and at once when the server is told to stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import weakref
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from litestar.response import ServerSentEventMessage

from backend.lib import clock
from backend.lib.actor import Actor
from backend.tasks.access import can_be_told_of_help
from backend.tasks.help import records_of
from backend.tasks.tables import HelpRequest

POLL_SECONDS = 1.0
STREAM_SECONDS = 30.0
RETRY_MS = 1000  # the browser reconnects this soon after a stream ends
OVERLAP = timedelta(seconds=10)
RESUME_AT_MOST = timedelta(hours=1)  # an older Last-Event-ID: the screen fetches the list again


_stopping: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Event] = (
    weakref.WeakKeyDictionary()
)


def _stop_event() -> asyncio.Event:
    """One per event loop (an asyncio.Event belongs to the loop that first waits on it)."""
    loop = asyncio.get_running_loop()
    if loop not in _stopping:
        _stopping[loop] = asyncio.Event()
    return _stopping[loop]


def stop_streams() -> None:
    """The server is stopping: open streams end now (their screens reconnect to another
    process, or when the server is back), so no open screen holds the shutdown up."""
    for event in list(_stopping.values()):
        event.set()
    with contextlib.suppress(RuntimeError):  # called outside a loop: nothing is open
        _stop_event().set()


def _cursor_from(last_event_id: str | None, now: datetime) -> datetime | None:
    """The moment a reconnecting screen got to, if recent enough to resume from."""
    if not last_event_id:
        return None
    try:
        at = datetime.fromisoformat(last_event_id)
    except ValueError:
        return None
    if at.tzinfo is None or not now - RESUME_AT_MOST <= at <= now + OVERLAP:
        return None
    return at


async def _changed_since(since: datetime) -> list[dict[str, Any]]:
    return list(
        await HelpRequest.select(
            HelpRequest.id,
            HelpRequest.user,
            HelpRequest.changed_at,
            HelpRequest.reached,
            HelpRequest.resolved_at,
            HelpRequest.escalated_at,
        )
        .where(HelpRequest.changed_at >= since)
        .order_by(HelpRequest.changed_at)
        .limit(500)
    )


def _stamp(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _key(r: dict[str, Any]) -> tuple[str, datetime, str, bool, bool]:
    """One change of one request: its time and its state (two changes may share an instant)."""
    return (
        str(r["id"]),
        _stamp(r["changed_at"]),
        r["reached"],
        r["escalated_at"] is None,
        r["resolved_at"] is None,
    )


async def staff_events(
    actor: Actor, last_event_id: str | None, *, seconds: float | None = None
) -> AsyncIterator[ServerSentEventMessage]:
    """The events of one staff screen's stream: first ``ready`` (``resumed``: false means the
    screen should fetch its list, it may have missed something), then ``help`` with
    ``{"id", "open"}`` for each request the actor may see that was made, reached, escalated or
    answered. The event id is the stream's cursor."""
    loop = asyncio.get_running_loop()
    end = loop.time() + (STREAM_SECONDS if seconds is None else seconds)
    start = clock.now()
    resumed = _cursor_from(last_event_id, start)
    cursor = resumed or start
    # A fresh screen fetches its list after ``ready``: what changed before it opened is there.
    floor = start if resumed is None else resumed - OVERLAP
    seen: set[tuple[str, datetime, str, bool, bool]] = set()
    yield ServerSentEventMessage(
        event="ready",
        data=json.dumps({"resumed": resumed is not None}),
        id=cursor.isoformat(),
        retry=RETRY_MS,
    )
    while loop.time() < end:
        polled = clock.now()
        rows = await _changed_since(max(cursor - OVERLAP, floor))
        fresh = [r for r in rows if _key(r) not in seen]
        records = await records_of({str(r["user"]) for r in fresh})
        for r in fresh:
            changed = _stamp(r["changed_at"])
            seen.add(_key(r))
            cursor = max(cursor, changed)
            record = records.get(str(r["user"]))
            escalated = r["escalated_at"] is not None
            if record is None or not can_be_told_of_help(actor, record, escalated=escalated):
                continue
            yield ServerSentEventMessage(
                event="help",
                data=json.dumps({"id": str(r["id"]), "open": r["resolved_at"] is None}),
                id=cursor.isoformat(),
            )
        # Idle, the cursor still moves on: each poll reads a short range, never the history.
        cursor = max(cursor, polled - OVERLAP)
        seen = {key for key in seen if key[1] >= cursor - OVERLAP}
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                _stop_event().wait(), min(POLL_SECONDS, max(0.0, end - loop.time()))
            )
        if _stop_event().is_set():
            break
    # The id alone: the reconnecting screen resumes from here, with no event to handle.
    yield ServerSentEventMessage(data=None, id=cursor.isoformat())
