"""The week arithmetic of fading plans (backend/fading/weeks.py): which step is in force, what
was planned, the coach's share of the shift, and the field's marks."""

from __future__ import annotations

from datetime import date, timedelta

from backend.fading import weeks as wk

MON = date(2026, 11, 2)


def _week(n: int, coach: int, shift: int = 1200, visits: int = 0, **plan: int) -> wk.Week:
    return wk.Week(
        monday=MON + timedelta(weeks=n),
        coach_minutes=coach,
        shift_minutes=shift,
        visits=visits,
        planned_tenths=plan.get("tenths"),
        planned_percent=plan.get("percent"),
    )


def test_monday_and_weeks_between() -> None:
    assert wk.monday_of(date(2026, 11, 8)) == MON  # a Sunday
    assert wk.monday_of(MON) == MON
    assert wk.weeks_between(date(2026, 11, 4), date(2026, 11, 16)) == [
        MON,
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert wk.closes_on(MON) == date(2026, 11, 11)


def test_the_step_in_force_is_the_one_begun_by_monday() -> None:
    steps = [
        wk.Step(date(2026, 11, 4), hours_tenths=100),  # a Wednesday: governs its first week
        wk.Step(date(2026, 11, 18), hours_tenths=50),
        wk.Step(date(2026, 11, 30), percent=25),
    ]
    assert wk.step_for(steps, date(2026, 10, 26)) is None
    assert wk.step_for(steps, MON) == steps[0]
    assert wk.step_for(steps, date(2026, 11, 16)) == steps[0]  # the new step starts midweek
    assert wk.step_for(steps, date(2026, 11, 23)) == steps[1]
    assert wk.step_for(list(reversed(steps)), date(2026, 12, 7)) == steps[2]


def test_planned_minutes_from_hours_or_a_share_of_the_shift() -> None:
    assert wk.planned_minutes(_week(0, 0, tenths=125)) == 750
    assert wk.planned_minutes(_week(0, 0, shift=1200, percent=25)) == 300
    assert wk.planned_minutes(_week(0, 0, shift=0, percent=25)) is None
    assert wk.planned_minutes(_week(0, 0)) is None
    assert wk.presence_percent(_week(0, 300, shift=1200)) == 25
    assert wk.presence_percent(_week(0, 300, shift=0)) is None


def test_three_consecutive_weeks_over_plan() -> None:
    over = [_week(n, 700, tenths=100) for n in range(3)]
    assert wk.not_faded_since(over[:2]) is None
    assert wk.not_faded_since(over) == MON
    # A week on plan breaks the run; a gap in the weeks too.
    assert wk.not_faded_since([over[0], _week(1, 500, tenths=100), over[2]]) is None
    assert wk.not_faded_since([over[0], over[2], _week(3, 700, tenths=100)]) is None
    # Equal is on plan; a week without a plan does not count.
    assert not wk.over_plan(_week(0, 600, tenths=100))
    assert not wk.over_plan(_week(0, 600))
    # A longer run keeps the day it began: the same alert.
    assert wk.not_faded_since([*over, _week(3, 900, tenths=100)]) == MON


def test_the_quarter_mark_needs_shift_time_and_a_coach_who_was_there() -> None:
    assert wk.quarter_reached(_week(0, 300, shift=1200), ever_present=True)
    assert not wk.quarter_reached(_week(0, 301, shift=1200), ever_present=True)
    assert not wk.quarter_reached(_week(0, 0, shift=1200), ever_present=False)
    assert not wk.quarter_reached(_week(0, 0, shift=0), ever_present=True)


def test_stable_is_at_most_two_visits_a_month_for_ninety_days() -> None:
    quiet = [_week(n, 60, visits=1 if n % 2 else 0) for n in range(13)]
    assert wk.stable(quiet)
    assert not wk.stable(quiet[:12])  # not yet ninety days
    busy = list(quiet)
    busy[6] = _week(6, 60, visits=2)  # weeks 3-6 now hold three visits
    assert not wk.stable(busy)
    gap = [*quiet[:6], *[_week(n + 1, 0) for n in range(6, 13)]]
    assert not wk.stable(gap)  # a missing week is not ninety days
