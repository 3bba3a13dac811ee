"""The agreed rhythm as days: when a meeting is due (a reminder's day) and how many meetings
the rhythm asks for between two dates (what the agreement compares with the activity log)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.agreements import rhythm

START = date(2026, 1, 31)  # a Saturday, the last day of a long month
END = date(2026, 12, 31)


def due(kind: str, days: int = 70) -> list[date]:
    return [
        START + timedelta(days=i)
        for i in range(days)
        if rhythm.is_due(kind, START, END, START + timedelta(days=i))
    ]


def test_weekly_and_every_two_weeks_keep_the_first_days_weekday() -> None:
    assert due("weekly")[:3] == [START, START + timedelta(days=7), START + timedelta(days=14)]
    assert due("every_two_weeks")[:3] == [START, date(2026, 2, 14), date(2026, 2, 28)]


def test_monthly_falls_on_the_last_day_of_a_shorter_month() -> None:
    assert due("monthly") == [START, date(2026, 2, 28), date(2026, 3, 31)]


def test_a_count_per_period_is_said_on_each_periods_first_day() -> None:
    assert due("times_per_week", 15) == [START, date(2026, 2, 2), date(2026, 2, 9)]
    assert due("times_per_month", 40) == [START, date(2026, 2, 1), date(2026, 3, 1)]


def test_nothing_is_due_outside_the_agreement() -> None:
    assert not rhythm.is_due("weekly", START, END, START - timedelta(days=7))
    assert not rhythm.is_due("weekly", START, START + timedelta(days=6), START + timedelta(days=7))


@pytest.mark.parametrize(
    ("kind", "times", "until", "expected"),
    [
        ("weekly", None, START, 1),
        ("weekly", None, START + timedelta(days=13), 2),
        ("every_two_weeks", None, START + timedelta(days=28), 3),
        ("monthly", None, date(2026, 3, 30), 2),
        ("monthly", None, date(2026, 3, 31), 3),
        ("times_per_week", 2, date(2026, 2, 8), 4),  # Saturday's week and the next
        ("times_per_month", 3, date(2026, 2, 1), 6),
        ("weekly", None, START - timedelta(days=1), 0),
    ],
)
def test_how_many_meetings_the_rhythm_asks_for(
    kind: str, times: int | None, until: date, expected: int
) -> None:
    assert rhythm.expected(kind, times, START, until) == expected
