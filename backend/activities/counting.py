"""Counts over the activity log that the domains above it ask for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backend.activities.tables import ActivityClient
from backend.lib.ids import as_uuid


async def meetings_between(client_id: str, person_id: str, start: date, end: date) -> int:
    """How many activities ``person_id`` made (not only attempted) with or for the client on the
    days ``start`` … ``end`` (inclusive, UTC days): how often they actually met."""
    if as_uuid(client_id) is None or as_uuid(person_id) is None or end < start:
        return 0
    first = datetime.combine(start, time(), tzinfo=UTC)
    after = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    count: int = await ActivityClient.count().where(
        (ActivityClient.client == as_uuid(client_id))
        & (ActivityClient.activity.author == as_uuid(person_id))
        & (ActivityClient.activity.made == True)  # noqa: E712 (a Piccolo condition)
        & (ActivityClient.occurred_at >= first)
        & (ActivityClient.occurred_at < after)
    )
    return count


@dataclass(frozen=True, slots=True)
class Counted:
    """One activity with a purpose, for one of its clients (an activity for two clients is
    counted once per client: ``activity_id`` tells them apart)."""

    activity_id: str
    author_id: str | None
    client_id: str
    occurred_at: datetime
    made: bool


async def with_purpose(
    purpose: str,
    start: datetime,
    end: datetime,
    *,
    authors: Sequence[str] | None = None,
    clients: Sequence[str] | None = None,
) -> list[Counted]:
    """The activities with ``purpose`` among theirs, in [start, end), by these authors or for
    these clients (the employer contacts the figures of job finding count)."""
    where: Any = (
        ActivityClient.activity.purposes.like(f"%,{purpose},%")
        & (ActivityClient.occurred_at >= start)
        & (ActivityClient.occurred_at < end)
    )
    if authors is not None:
        where &= ActivityClient.activity.author.is_in([as_uuid(a) for a in authors] or [None])
    if clients is not None:
        where &= ActivityClient.client.is_in([as_uuid(c) for c in clients] or [None])
    rows = await ActivityClient.select(
        ActivityClient.activity,
        ActivityClient.activity.author.as_alias("author"),
        ActivityClient.client,
        ActivityClient.occurred_at,
        ActivityClient.activity.made.as_alias("made"),
    ).where(where)
    return [
        Counted(
            activity_id=str(r["activity"]),
            author_id=str(r["author"]) if r["author"] is not None else None,
            client_id=str(r["client"]),
            occurred_at=r["occurred_at"],
            made=bool(r["made"]),
        )
        for r in rows
    ]
