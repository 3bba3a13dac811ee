"""A fading plan for the coach's support per client and job: planned coach hours a week (or a
share of the client's shift time) stepping down, against the actual hours from the activity log
and the shifts, next to the share of task steps the client did on their own; and the alerts the
coach and the coordinator get (docs/fading.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.shifts import Zone

Hours = Annotated[float, msgspec.Meta(ge=0, le=80, description="Coach hours a week, to a tenth")]
Percent = Annotated[int, msgspec.Meta(ge=0, le=100, description="A share of the shift time, %")]
WeeksAsked = Annotated[int, msgspec.Meta(ge=1, le=52)]
AlertKind = Literal["not_faded", "quarter", "stable"]
"""``not_faded``: the coach was present longer than planned three weeks running; ``quarter``:
the coach was present at most 25 % of the client's shift time in a week; ``stable``: at most two
visits a month for 90 days."""


class FadingStepSet(Request, kw_only=True):
    """From ``fromDate`` on: ``coachHoursPerWeek`` or ``shareOfShiftPercent`` (exactly one)."""

    from_date: dt.date
    coach_hours_per_week: Hours | None = None
    share_of_shift_percent: Percent | None = None


class FadingPlanWrite(Request, kw_only=True):
    """The plan's steps, all of them: a new version (the weeks already closed keep theirs)."""

    local_id: LocalId
    steps: Annotated[list[FadingStepSet], msgspec.Meta(min_length=1, max_length=20)]
    zone: Zone
    """The place's IANA zone: the plan's weeks run Monday to Sunday there."""


class FadingStep(Struct, kw_only=True):
    from_date: dt.date
    coach_hours_per_week: float | None
    share_of_shift_percent: int | None
    in_force_from: dt.date | None = None
    """The day the step counts from in the plan's weeks (Monday to Sunday): a later step begun
    mid-week from the next Monday. What screens show as the step's day."""


class FadingWeek(Struct, kw_only=True):
    """One week's planned and actual figures (minutes; shares in whole percent)."""

    week_start: dt.date
    """The Monday."""
    planned_minutes: int | None
    """The coach's minutes planned (from the hours, or the share of this week's shift time);
    null before the plan or for a share without shift time."""
    planned_percent: int | None
    """The share of the shift time planned, when the step says a share."""
    coach_minutes: int
    """The coach present at the workplace: made visits logged for this job."""
    shift_minutes: int
    """The client's planned shift time at this job (cancelled days left out)."""
    presence_percent: int | None
    """``coachMinutes`` as a share of ``shiftMinutes``; null without shift time."""
    visits: int
    independent_percent: int | None
    """The share of task steps of this job done on their own in the week's training sessions;
    null without a session."""
    over_plan: bool
    closed: bool
    """False: the week goes on (or closes two days after it ended); its figures may change."""


class FadingAlert(Struct, kw_only=True):
    id: str
    kind: AlertKind
    client_id: str
    client_name: str
    job_id: str
    job_title: str
    since: dt.date
    """The Monday of the first week it is about."""
    week: dt.date
    """The Monday of the closed week that raised it."""
    created_at: dt.datetime


class FadingPlan(Struct, kw_only=True):
    """A client's plan for one job with its weeks (oldest first). ``version`` null: no plan yet
    (``steps`` empty, ``weeks`` empty)."""

    client_id: str
    client_name: str
    job_id: str
    job_title: str
    version: int | None
    zone: str
    steps: list[FadingStep]
    made_at: dt.datetime | None
    made_by_name: str | None
    weeks: list[FadingWeek]
    alerts: list[FadingAlert]
    """Staff only (the client's list is empty); newest first, at most ten."""
    stable: bool
    quarter_reached: bool


class FadingOverview(Struct, kw_only=True):
    """One row of the coordinator's view: a client's plan for a job and its latest closed week."""

    client_id: str
    client_name: str
    coach_name: str | None
    job_id: str
    job_title: str
    latest: FadingWeek | None
    alerts: list[AlertKind]
    stable: bool


class FadingJob(Struct, kw_only=True):
    """One of the client's own plans, in plain words (the client's own view)."""

    job_id: str
    job_title: str
    steps: list[FadingStep]
    current: FadingStep | None
    """The step in force this week."""
