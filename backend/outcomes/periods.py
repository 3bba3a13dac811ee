"""The period a dashboard is about, and the periods of its trend.

A period is local days ``first`` … ``last`` at the reader's zone: a calendar month by default,
or days the reader chose (a year at most). The trend is the same figure over the six periods
ending with it: the five months before, or the five runs of the same number of days before.
Counts "on" a period are taken on its last day, or today while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backend.lib.localtime import instant

TREND = 6
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class Period:
    first: date
    last: date
    today: date

    @property
    def as_of(self) -> date:
        """The day counts are taken on: the last day, or today while the period runs."""
        return min(self.last, self.today)

    @property
    def days(self) -> int:
        """The days counted so far (today's included)."""
        return (self.as_of - self.first).days + 1

    def instants(self, zone: str) -> tuple[datetime, datetime]:
        """[start, end) of the days counted so far, at ``zone``."""
        return start_of(self.first, zone), start_of(self.as_of + timedelta(days=1), zone)


def start_of(day: date, zone: str) -> datetime:
    return instant(day, time(), zone)


def month_of(day: date, today: date) -> Period:
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return Period(first, after - timedelta(days=1), today)


def is_month(period: Period) -> bool:
    return period.first.day == 1 and (period.last + timedelta(days=1)).day == 1


def trend(period: Period) -> list[Period]:
    """The six periods ending with ``period``, oldest first."""
    out = [period]
    for _ in range(TREND - 1):
        latest = out[0]
        if is_month(latest):
            out.insert(0, month_of(latest.first - timedelta(days=1), period.today))
        else:
            length = latest.last - latest.first
            last = latest.first - timedelta(days=1)
            out.insert(0, Period(last - length, last, period.today))
    return out
