"""The coach's week: the caseload's shifts, conversations due, goals ending and natural supports
to review, in one view.

The natural supports are the job analysis' (``backend/workplace``, a layer above): it answers
through ``answer_supports_to_review``, wired in ``backend/app.py``, as the journey answers the
opportunities' intake days."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta

from backend import clients, goals
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.paging import DEFAULT_LIMIT, PageRequest, cursor_of, page_request
from backend.shifts import schedule
from backend.shifts.plans import plans_of
from backend.shifts.services import occurrence_wire
from shared_schemas import shifts as wire


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


WEEK = "week"
"""The week's name in its cursors."""

SupportsSource = Callable[[Mapping[str, str], date], Awaitable[list[wire.SupportReview]]]
_supports: list[SupportsSource] = []


def answer_supports_to_review(source: SupportsSource) -> None:
    """``source(names, until)``: the natural supports of these clients (id → name) to review
    by ``until``, overdue ones included, in one read."""
    _supports[:] = [source]


async def _supports_to_review(names: Mapping[str, str], until: date) -> list[wire.SupportReview]:
    if not _supports:
        raise LookupError("no source of natural supports (wired in backend/app.py)")
    return await _supports[0](names, until) if names else []


FollowUpsSource = Callable[[Mapping[str, str], date], Awaitable[list[wire.FollowUpDue]]]
_follow_ups: list[FollowUpsSource] = []


def answer_follow_ups_due(source: FollowUpsSource) -> None:
    """``source(names, until)``: the six-month follow-ups of these former clients (id → name)
    due by ``until`` and not recorded, in one read (the journey answers, a layer above)."""
    _follow_ups[:] = [source]


async def _follow_ups_due(names: Mapping[str, str], until: date) -> list[wire.FollowUpDue]:
    if not _follow_ups:
        raise LookupError("no source of follow-ups (wired in backend/app.py)")
    return await _follow_ups[0](names, until) if names else []


def week_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of the week: the next clients of the caseload, by name then id."""
    return page_request(WEEK, cursor, limit, str, str)


async def coach_week(
    actor: Actor, start: date | None, coach: str | None = None, page: PageRequest | None = None
) -> tuple[wire.CoachWeek, str | None]:
    """Monday to Sunday of ``start``'s week (this week when omitted), and the next page's
    cursor. The caseload is whom the actor sees on their home: a coach's clients, a
    coordinator's team, everyone for admins; ``coach`` keeps only that coach's clients of it.
    A page is the week of ``page.limit`` clients of the caseload (by name), so an
    organisation's week comes in parts of a bounded size; ``coach`` narrows the caseload in its
    query, so each page is full of that coach's clients."""
    at = clock.now()
    first = monday_of(start or goals.today())
    last = first + timedelta(days=6)
    page = page or PageRequest(DEFAULT_LIMIT)
    caseload, more = await clients.caseload_page(actor, page, coach)
    next_cursor = (
        cursor_of(WEEK, (caseload[-1].display_name, caseload[-1].id)) if more and caseload else None
    )
    names = {c.id: c.display_name for c in caseload}
    ids = list(names)
    # Shifts starting on these local days: take a day's margin in UTC, then keep the days.
    begin = datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=2), time(), tzinfo=UTC)
    found = [
        o
        for o in schedule.starting_between(
            await plans_of(ids, begin, end), begin, end, cancelled=True
        )
        if first <= o.day <= last
    ]
    last_held = await goals.last_held(ids)
    on = goals.today()
    due = [
        wire.ConversationDue(owner_id=c, display_name=names[c], last_held_on=last_held.get(c))
        for c in ids
        if goals.is_due(last_held.get(c), on)
    ]
    ending = await goals.ending_between(ids, first, last)
    to_review = await _supports_to_review(names, last)
    follow_ups = await _follow_ups_due(names, last)
    return (
        wire.CoachWeek(
            start=first,
            end=last,
            shifts=[
                wire.WeekShift(display_name=names[o.client], occurrence=occurrence_wire(o, at))
                for o in found
            ],
            conversations_due=due,
            goals_ending=[
                wire.GoalEnding(
                    goal_id=g.id,
                    owner_id=g.client,
                    display_name=names[g.client],
                    title=g.title,
                    ends_on=g.ends_on,
                )
                for g in ending
            ],
            clients=len(ids),
            supports_to_review=to_review,
            follow_ups_due=follow_ups,
        ),
        next_cursor,
    )
