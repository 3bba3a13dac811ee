"""The plan's weeks run Monday to Sunday: the step in force in a week is the latest begun by its
Monday (the first step also in the week it begins). Screens say each step's day as the weeks count
it, so the client's "Now" and the list of steps never disagree."""

from __future__ import annotations

from datetime import date, timedelta

from backend.fading.weeks import Step, in_force_from, step_for

# 7 October 2026 is a Wednesday, 4 November a Wednesday, 30 November a Monday, 6 December a Sunday.
STEPS = [
    Step(date(2026, 10, 7), hours_tenths=80),
    Step(date(2026, 11, 4), hours_tenths=40),
    Step(date(2026, 11, 30), hours_tenths=30),
    Step(date(2026, 12, 6), hours_tenths=20),
]


def test_the_first_step_counts_from_its_own_day_even_mid_week() -> None:
    assert in_force_from(STEPS, 0) == date(2026, 10, 7)


def test_a_later_step_begun_mid_week_counts_from_the_next_monday() -> None:
    assert in_force_from(STEPS, 1) == date(2026, 11, 9)
    assert in_force_from(STEPS, 3) == date(2026, 12, 7)


def test_a_later_step_begun_on_a_monday_keeps_its_day() -> None:
    assert in_force_from(STEPS, 2) == date(2026, 11, 30)


def test_the_day_said_is_the_first_monday_the_week_count_uses_the_step() -> None:
    for i, step in enumerate(STEPS[1:], start=1):
        day = in_force_from(STEPS, i)
        assert day.weekday() == 0
        assert step_for(STEPS, day) == step
        assert step_for(STEPS, day - timedelta(days=7)) != step
