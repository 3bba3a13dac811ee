"""What opportunities tell the reminder planner (registered in ``backend/app.py``):

- ``follow_up`` (a time-of-day kind): the person who set an opportunity's follow-up day hears
  of it that day, while the opportunity is still open (not started, not "not this time");
- ``interview`` (a "… minutes before" kind): the client, before each interview of theirs at the
  ``interview`` step.

The push message is the kind's neutral sentence: never the employer, the job or the place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from backend.opportunities.tables import Opportunity
from backend.reminders import Day, Moment

DAY_KINDS = ("follow_up",)
START_KINDS = ("interview",)
CLOSED = ("started", "not_now")


async def follow_up_days(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which a follow-up of the person is due."""
    people = sorted({d.user for d in asked if d.kind in DAY_KINDS})
    days = sorted({d.day for d in asked if d.kind in DAY_KINDS})
    if not people:
        return set()
    rows = await Opportunity.select(Opportunity.follow_up_by, Opportunity.follow_up_on).where(
        Opportunity.follow_up_by.is_in(people)
        & Opportunity.follow_up_on.is_in(days)
        & Opportunity.step.not_in(list(CLOSED))
    )
    due = {(str(r["follow_up_by"]), r["follow_up_on"]) for r in rows}
    return {d for d in asked if d.kind in DAY_KINDS and (d.user, d.day) in due}


async def interview_starts(
    user_ids: Sequence[str], first: datetime, last: datetime
) -> Mapping[str, Sequence[Moment]]:
    """Per client, their interviews that start in [first, last), in order."""
    if not user_ids:
        return {}
    rows = (
        await Opportunity.select(
            Opportunity.id, Opportunity.client, Opportunity.interview_at, Opportunity.interview_zone
        )
        .where(
            Opportunity.client.is_in(list(user_ids))
            & (Opportunity.step == "interview")
            & (Opportunity.interview_at >= first)
            & (Opportunity.interview_at < last)
        )
        .order_by(Opportunity.interview_at)
    )
    out: dict[str, list[Moment]] = {}
    for r in rows:
        out.setdefault(str(r["client"]), []).append(
            Moment(subject=str(r["id"]), start=r["interview_at"], zone=r["interview_zone"])
        )
    return out
