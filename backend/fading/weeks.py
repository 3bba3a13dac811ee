"""The week arithmetic of a fading plan (a pure module: no database, no clock).

A plan's weeks are ISO weeks, Monday to Sunday, at the plan's place (its IANA zone). Each week
has one *planned* value, the step in force on its Monday (a plan's first step, when it begins
within its first week, governs that week), and the *actual* figures the week's records gave:
the coach's minutes present at the workplace, the visits, the client's shift minutes at the job,
and the share of task steps the client did on their own in the week's training sessions.

The field's marks (docs/fading.md):

- **Not faded as planned**: three consecutive closed weeks in which the coach was present longer
  than planned (``actual > planned``; a week without a plan or, for a share of the shift, without
  shift time does not count and breaks the run).
- **A quarter of the shift**: a closed week with shift time in which the coach was present at
  most 25 % of it, once the coach had been present at all.
- **Stable**: at most two visits a month for 90 days: the last 13 closed weeks (91 days) all
  tracked, and no four consecutive weeks of them (a month) with more than two visits.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = timedelta(days=7)
NOT_FADED_WEEKS = 3
QUARTER_PERCENT = 25
STABLE_WEEKS = 13  # 91 days: "for 90 days"
MONTH_WEEKS = 4
STABLE_VISITS = 2
GRACE = timedelta(days=2)
"""A week is closed two days after it ended: visits are often logged the next morning."""


@dataclass(frozen=True, slots=True)
class Step:
    """From ``from_date`` on, the coach plans ``hours_tenths`` a week (12.5 h → 125) or
    ``percent`` of the client's shift time; exactly one of the two."""

    from_date: date
    hours_tenths: int | None = None
    percent: int | None = None


@dataclass(frozen=True, slots=True)
class Week:
    """One week's figures (``monday`` names it)."""

    monday: date
    coach_minutes: int
    shift_minutes: int
    visits: int = 0
    planned_tenths: int | None = None
    planned_percent: int | None = None
    independent_steps: int = 0
    recorded_steps: int = 0


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date) -> list[date]:
    """The Mondays of the weeks from the one holding ``first`` to the one holding ``last``."""
    out: list[date] = []
    monday = monday_of(first)
    while monday <= last:
        out.append(monday)
        monday += WEEK
    return out


def closes_on(monday: date) -> date:
    """The local day from which the week starting ``monday`` is closed (its figures kept)."""
    return monday + WEEK + GRACE


def in_force_from(steps: Sequence[Step], index: int) -> date:
    """The day the step at ``index`` (of the steps in date order) is in force from, as the weeks
    count it (``step_for``): the first step from its own day, a later one from the Monday on or
    after its day — the week it begins in keeps the step before. Screens say this day, so "now"
    and the list of steps never disagree."""
    day = steps[index].from_date
    if index == 0 or day.weekday() == 0:
        return day
    return monday_of(day) + WEEK


def step_for(steps: Sequence[Step], monday: date) -> Step | None:
    """The step in force in the week of ``monday``: the latest begun by its Monday, else the
    plan's first step when it begins within the week; None before the plan."""
    ordered = sorted(steps, key=lambda s: s.from_date)
    found: Step | None = None
    for step in ordered:
        if step.from_date <= monday:
            found = step
    if found is None and ordered and ordered[0].from_date < monday + WEEK:
        found = ordered[0]
    return found


def planned_minutes(week: Week) -> int | None:
    """The coach's minutes planned for the week: hours, or a share of the week's shift time
    (None without a plan, or for a share when the week has no shift time)."""
    if week.planned_tenths is not None:
        return week.planned_tenths * 6
    if week.planned_percent is not None and week.shift_minutes > 0:
        return round(week.planned_percent * week.shift_minutes / 100)
    return None


def presence_percent(week: Week) -> int | None:
    """The coach's presence as a share of the client's shift time (None without shift time)."""
    if week.shift_minutes <= 0:
        return None
    return round(100 * week.coach_minutes / week.shift_minutes)


def independent_percent(week: Week) -> int | None:
    """The share of recorded task steps done on their own (None without a training session)."""
    if week.recorded_steps <= 0:
        return None
    return round(100 * week.independent_steps / week.recorded_steps)


def over_plan(week: Week) -> bool:
    planned = planned_minutes(week)
    return planned is not None and week.coach_minutes > planned


def not_faded_since(weeks: Sequence[Week]) -> date | None:
    """``weeks`` consecutive and oldest first: the Monday the current run of weeks over plan
    began, when the latest ``NOT_FADED_WEEKS`` or more are all over plan; else None."""
    run: list[Week] = []
    previous: date | None = None
    for week in weeks:
        if not over_plan(week) or (previous is not None and week.monday != previous + WEEK):
            run = []
        if over_plan(week):
            run.append(week)
        previous = week.monday
    return run[0].monday if len(run) >= NOT_FADED_WEEKS else None


def quarter_reached(week: Week, ever_present: bool) -> bool:
    """The coach was present at most a quarter of the week's shift time, once they had been
    present at all (a job begun without any support has nothing that faded)."""
    return (
        ever_present
        and week.shift_minutes > 0
        and 100 * week.coach_minutes <= QUARTER_PERCENT * week.shift_minutes
    )


def stable(weeks: Sequence[Week]) -> bool:
    """``weeks`` oldest first, consecutive: the latest ``STABLE_WEEKS`` hold no month (four
    consecutive weeks) of more than two visits."""
    if len(weeks) < STABLE_WEEKS:
        return False
    last = list(weeks[-STABLE_WEEKS:])
    if any(b.monday != a.monday + WEEK for a, b in itertools.pairwise(last)):
        return False
    return all(
        sum(w.visits for w in last[i : i + MONTH_WEEKS]) <= STABLE_VISITS
        for i in range(len(last) - MONTH_WEEKS + 1)
    )
