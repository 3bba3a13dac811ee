"""Counts over the activity log that the domains above it ask for."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

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
