"""Shifts: local times at the workplace, one-off or weekly, with cancelled dates.

Times on the wire are local wall-clock times ``HH:MM`` with the workplace's IANA zone; instants
(``start``, ``end``) are UTC and already follow the DST rule (docs/reminders.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

LocalTime = Annotated[
    str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM, local")
]
Zone = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, description="IANA zone, e.g. Europe/Helsinki")
]
Weekday = Annotated[int, msgspec.Meta(ge=1, le=7, description="ISO weekday: 1 = Monday")]
Workplace = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Note = Annotated[str, msgspec.Meta(max_length=200)]
Repeat = Literal["once", "weekly"]
Reason = Literal["holiday", "sick", "other"]
DayWord = Literal["today", "tomorrow", "weekday", "date"]


class ShiftException(Struct, kw_only=True):
    date: dt.date
    reason: Reason
    note: str


class Shift(Struct, kw_only=True):
    id: str
    owner_id: str
    """The client whose shift it is."""
    workplace: str
    zone: str
    starts_at: str
    ends_at: str
    """At or before ``startsAt``: the shift ends on the next day."""
    repeat: Repeat
    date: dt.date | None
    """A one-off shift's date."""
    weekdays: list[int]
    """A weekly shift's ISO weekdays (1 = Monday)."""
    from_date: dt.date | None
    until: dt.date | None
    exceptions: list[ShiftException]
    created_at: dt.datetime
    updated_at: dt.datetime
    ends_next_day: bool = False
    """The shift ends on the day after it starts (``endsAt`` at or before ``startsAt``)."""
    job_id: str | None = None
    """The client's job whose workplace this is; None: not said."""


class ShiftCreate(Request, kw_only=True):
    local_id: LocalId
    workplace: Workplace
    zone: Zone
    starts_at: LocalTime
    ends_at: LocalTime
    repeat: Repeat = "weekly"
    date: dt.date | None = None
    """Required for ``once``."""
    weekdays: list[Weekday] = []
    """Required for ``weekly``: one to seven days."""
    from_date: dt.date | None = None
    """A weekly shift's first day; today (at the workplace) when omitted."""
    until: dt.date | None = None
    ends_next_day: bool = False
    """Say so when the shift ends after midnight: an ``endsAt`` at or before ``startsAt`` is
    refused without it (a 16:00–15:00 shift is a typing slip, not 23 hours of work)."""
    job_id: str | None = None
    """One of the client's jobs: the shift is at its workplace."""


class ShiftUpdate(Request, kw_only=True):
    workplace: Workplace | None = None
    zone: Zone | None = None
    starts_at: LocalTime | None = None
    ends_at: LocalTime | None = None
    date: dt.date | None = None
    weekdays: list[Weekday] | None = None
    from_date: dt.date | None = None
    until: dt.date | msgspec.UnsetType | None = msgspec.UNSET
    """A date, or null for no end; absent leaves it."""
    ends_next_day: bool | None = None
    """Absent: as the shift was (an end at or before the start ends the next day)."""
    job_id: str | msgspec.UnsetType | None = msgspec.UNSET
    """One of the client's jobs, or null for none; absent leaves it."""


class ShiftExceptionCreate(Request, kw_only=True):
    date: dt.date
    reason: Reason
    note: Note = ""


class Occurrence(Struct, kw_only=True):
    """One shift on one day, in plain-words data: the PWA says "tomorrow 8:00 at Hotel Aurora"."""

    shift_id: str
    owner_id: str
    date: dt.date
    """The local date the shift starts on."""
    day: DayWord
    """Relative to today at the workplace: today, tomorrow, weekday (within the next 6 days:
    say the weekday's name), date (later: say the date)."""
    weekday: int
    starts_at: str
    ends_at: str
    workplace: str
    zone: str
    start: dt.datetime
    end: dt.datetime
    cancelled: Reason | None = None
    """Set when this date is cancelled (listed so the client sees "no work on Friday")."""
    job_id: str | None = None
    """The client's job whose workplace this is (its tasks come first on the client's home while
    the shift is under way); None: not said."""


class NextShift(Struct, kw_only=True):
    next: Occurrence | None
    """The next shift that has not ended (one under way counts), or none in the next 2 months."""
    minutes_until: int | None
    """Whole minutes until it starts; 0 when under way."""


class ConversationDue(Struct, kw_only=True):
    owner_id: str
    display_name: str
    last_held_on: dt.date | None
    """None: never had one."""


class GoalEnding(Struct, kw_only=True):
    goal_id: str
    owner_id: str
    display_name: str
    title: str
    ends_on: dt.date


class FollowUpDue(Struct, kw_only=True):
    """Ask a former client about their situation: six months have passed since their support
    ended (``backend/journey``), and they agreed to be asked."""

    owner_id: str
    display_name: str
    episode_id: str
    closed_on: dt.date
    due_on: dt.date


class SupportReview(Struct, kw_only=True):
    """A natural support of a client's job whose review day falls in the week or has passed
    without a review (``backend/workplace``): who helps with what, at which job."""

    support_id: str
    owner_id: str
    display_name: str
    job_id: str
    job_title: str
    name: str
    """Who helps (a co-worker, the supervisor)."""
    role: str
    helps_with: str
    review_on: dt.date


class WeekShift(Struct, kw_only=True):
    display_name: str
    occurrence: Occurrence


class CoachWeek(Struct, kw_only=True):
    """The caseload's week in one view."""

    start: dt.date
    end: dt.date
    shifts: list[WeekShift]
    conversations_due: list[ConversationDue]
    goals_ending: list[GoalEnding]
    clients: int = 0
    """How many clients of the caseload this part covers (the screen says how many are shown)."""
    supports_to_review: list[SupportReview] = []
    """The natural supports of this part's clients to review by the week's Sunday (overdue ones
    not yet reviewed included), the earliest review day first, then by client name."""
    follow_ups_due: list[FollowUpDue] = []
    """Former clients of this part who agreed to be asked, whose six months after leaving have
    come by the week's Sunday and whose situation is not recorded yet, earliest first."""
