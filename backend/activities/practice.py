"""What a staff member's own practice shows of their activity log (for staff competence's
evidence): how many of the activities they logged in a week were logged in time."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.activities.tables import Activity
from backend.lib.ids import as_uuid

IN_TIME = timedelta(hours=24)
"""Logged in time: within a day of when it happened."""
READ = 500
"""At most this many of a week's activities are read (far more than a week holds)."""


async def logged_in_time(author: str, start: datetime, end: datetime) -> tuple[int, int]:
    """Of the activities ``author`` logged that happened in [start, end): how many were logged
    within a day of happening, and how many there are (at most ``READ``)."""
    if as_uuid(author) is None:
        return 0, 0
    rows = (
        await Activity.select(Activity.occurred_at, Activity.created_at)
        .where(
            (Activity.author == author)
            & (Activity.occurred_at >= start)
            & (Activity.occurred_at < end)
        )
        .limit(READ)
    )
    in_time = sum(1 for r in rows if r["created_at"] - r["occurred_at"] <= IN_TIME)
    return in_time, len(rows)
