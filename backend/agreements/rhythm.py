"""The agreed rhythm as days (a pure module): on which days a meeting is due, and how many
meetings the rhythm asks for between two dates.

- ``weekly``: the start's weekday, every week; ``every_two_weeks``: every other week from the
  start; ``monthly``: the start's day of the month (the month's last day when it has fewer).
- ``times_per_week`` / ``times_per_month``: a number of meetings in each week (Monday to
  Sunday) or calendar month; due, for a reminder, on the period's first day within the
  agreement — the two choose the days themselves.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def _monthly_day(start: date, year: int, month: int) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def is_due(rhythm: str, start: date, end: date, day: date) -> bool:
    """A meeting is due on ``day`` by this rhythm (within start … end)."""
    if not start <= day <= end:
        return False
    days = (day - start).days
    if rhythm == "weekly":
        return days % 7 == 0
    if rhythm == "every_two_weeks":
        return days % 14 == 0
    if rhythm == "monthly":
        return day == _monthly_day(start, day.year, day.month)
    if rhythm == "times_per_week":
        return day == start or day.isoweekday() == 1
    if rhythm == "times_per_month":
        return day == start or day.day == 1
    return False


def expected(rhythm: str, times: int | None, start: date, until: date) -> int:
    """How many meetings the rhythm asks for from ``start`` to ``until`` (both included)."""
    if until < start:
        return 0
    if rhythm in {"times_per_week", "times_per_month"}:
        periods = sum(
            1
            for i in range((until - start).days + 1)
            if is_due(rhythm, start, until, start + timedelta(days=i))
        )
        return periods * (times or 1)
    if rhythm == "weekly":
        return (until - start).days // 7 + 1
    if rhythm == "every_two_weeks":
        return (until - start).days // 14 + 1
    count, year, month = 0, start.year, start.month
    while (day := _monthly_day(start, year, month)) <= until:
        count += day >= start
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return count
