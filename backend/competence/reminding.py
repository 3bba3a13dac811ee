"""What staff competence tells the reminder planner (registered in ``backend/app.py``):
``development`` (a time-of-day kind, staff's) reminds a coach, at 09:00 at their place, on the
days their own record asks for something:

- a training certificate expires in 30 days, and the day it expires;
- their certification's yearly review (each anniversary of the day it was issued while it is
  valid), and 30 days before it runs out;
- the re-assessment day a signed assessment set;
- a goal their coordinator proposed for their plan, waiting for them to agree: the next day and a
  week after it was proposed.

The rule is made for the person when a training record with an expiry is added for them and
when an assessment of theirs is signed (``ensure``); they may move it or turn it off like any
reminder. The push message is the kind's neutral sentence: no course, no decision, no level.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from backend import reminders
from backend.competence.assessment import years_on
from backend.competence.tables_assessment import Assessment, Certificate
from backend.competence.tables_path import PlanGoal, TrainingRecord
from backend.lib.clock import day as _day
from backend.lib.ids import as_uuid
from backend.reminders import Day

REMINDER_KINDS = ("development",)
AT = "09:00"
WAITING = (timedelta(days=1), timedelta(days=7))
"""A goal proposed to the person is said this long after it was proposed, while it waits."""
AHEAD = timedelta(days=30)
"""A certificate that expires, and a certification that runs out, are said this long before."""


async def ensure(person_id: str, zone: str) -> None:
    """The person has a ``development`` reminder (the one they set stays as they set it)."""
    await reminders.ensure_rule(person_id, "development", at=AT, zone=zone or "UTC")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _reviews(issued: date, valid_until: date, first: date, last: date) -> set[date]:
    """The yearly reviews of a certification in [first, last], and its 30 days' notice."""
    out = {d for d in (valid_until - AHEAD,) if first <= d <= last}
    years = max(1, first.year - issued.year - 1)
    review = years_on(issued, years)
    while review < valid_until and review <= last:
        if review >= first:
            out.add(review)
        years += 1
        review = years_on(issued, years)
    return out


async def development_days(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which the person's own record asks for something: three bounded
    reads (by the days asked) over the people asked."""
    mine = [d for d in asked if d.kind in REMINDER_KINDS]
    people = sorted({d.user for d in mine if as_uuid(d.user) is not None})
    if not people:
        return set()
    first, last = min(d.day for d in mine), max(d.day for d in mine)
    wanted: set[tuple[str, date]] = set()
    trainings = await TrainingRecord.select(TrainingRecord.person, TrainingRecord.expires_on).where(
        TrainingRecord.person.is_in(people)
        & (TrainingRecord.expires_on >= first)
        & (TrainingRecord.expires_on <= last + AHEAD)
    )
    for r in trainings:
        expires = _day(r["expires_on"])
        wanted.update((str(r["person"]), d) for d in (expires - AHEAD, expires))
    certificates = await Certificate.select(
        Certificate.person, Certificate.issued_on, Certificate.valid_until
    ).where(
        Certificate.person.is_in(people)
        & (Certificate.valid_until >= first)
        & (Certificate.issued_on <= last)
    )
    for r in certificates:
        days = _reviews(_day(r["issued_on"]), _day(r["valid_until"]), first, last)
        wanted.update((str(r["person"]), d) for d in days)
    again = await Assessment.select(Assessment.person, Assessment.reassess_on).where(
        Assessment.person.is_in(people)
        & (Assessment.status == "signed")
        & (Assessment.reassess_on >= first)
        & (Assessment.reassess_on <= last)
    )
    wanted.update((str(r["person"]), _day(r["reassess_on"])) for r in again)
    waiting = await PlanGoal.select(
        PlanGoal.person, PlanGoal.proposed_by, PlanGoal.created_at
    ).where(
        PlanGoal.person.is_in(people)
        & (PlanGoal.status == "proposed")
        & (PlanGoal.created_at >= _midnight(first - max(WAITING)))
        & (PlanGoal.created_at < _midnight(last))
    )
    for r in waiting:
        if r["proposed_by"] is None or str(r["proposed_by"]) == str(r["person"]):
            continue  # the person's own proposal waits for their coordinator, not for them
        proposed = r["created_at"].astimezone(UTC).date()
        wanted.update((str(r["person"]), proposed + gap) for gap in WAITING)
    return {d for d in mine if (d.user, d.day) in wanted}
