"""What the journey tells the reminder planner (registered in ``backend/app.py``):
``after_support`` (a time-of-day kind, staff's): a coach hears, on the day six months after a
client's support ended, that the client's situation is to be asked about and recorded — where
the client agreed to be asked — and again a week and two weeks later while nothing is recorded.
The rule is made for the client's coach when the support is closed with the client's agreement
(``changes.close``); the coach may move its time or turn it off like any other reminder.

The push message is the kind's neutral sentence: never the client, the job or the reason.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from backend.clients import InScope, among
from backend.journey.followups import six_months_after, six_months_before
from backend.journey.tables import Episode, FollowUp
from backend.lib.clock import day
from backend.reminders import Day

REMINDER_KINDS = ("after_support",)
AT = "09:00"
AGAIN = (timedelta(0), timedelta(days=7), timedelta(days=14))
"""The days after the six months' day on which the coach is told, while nothing is recorded."""


async def after_support_days(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which one of the coach's former clients' six months (or a week or
    two after it) fall with their situation not yet recorded: one read per coach asked, bounded
    by the closing days that can fall on the days asked."""
    mine = [d for d in asked if d.kind in REMINDER_KINDS]
    if not mine:
        return set()
    first = min(d.day for d in mine) - AGAIN[-1]
    last = max(d.day for d in mine)
    wanted: set[tuple[str, date]] = set()
    for coach in sorted({d.user for d in mine}):
        rows = await Episode.select(Episode.id, Episode.closed_on).where(
            among(Episode.client, InScope(coach=coach))
            & Episode.follow_up_agreed.eq(True)
            & (Episode.closed_on > six_months_before(first - timedelta(days=1)))
            & (Episode.closed_on <= six_months_before(last))
        )
        if not rows:
            continue
        done = {
            str(r["episode"])
            for r in await FollowUp.select(FollowUp.episode).where(
                FollowUp.episode.is_in([r["id"] for r in rows])
            )
        }
        for r in rows:
            if str(r["id"]) in done:
                continue
            closed = day(r["closed_on"])
            due = six_months_after(closed)
            wanted.update((coach, due + gap) for gap in AGAIN)
    return {d for d in mine if (d.user, d.day) in wanted}
