"""The outcomes' pure rules: a job kept across a change of job without a gap (retention), and
the periods of a trend (six months, or six runs of the same days)."""

from __future__ import annotations

import inspect
from datetime import date

from backend.employers import JobSpan
from backend.outcomes.indicators import INDICATORS, kept_until
from backend.outcomes.periods import Period, month_of, trend

TODAY = date(2026, 11, 28)


def _job(start: date, end: date | None, n: int = 0) -> JobSpan:
    return JobSpan(f"j{n}", "c", "Job", start, end, 100)


def test_a_job_going_on_is_kept() -> None:
    assert kept_until(_job(date(2026, 1, 5), None), [], date(2026, 4, 6))


def test_a_job_that_ended_before_the_day_is_not_kept() -> None:
    assert not kept_until(_job(date(2026, 1, 5), date(2026, 2, 1)), [], date(2026, 2, 2))


def test_a_job_ending_on_the_day_itself_is_kept() -> None:
    assert kept_until(_job(date(2026, 1, 5), date(2026, 2, 2)), [], date(2026, 2, 2))


def test_the_next_job_the_day_after_keeps_the_count_going() -> None:
    first = _job(date(2026, 1, 5), date(2026, 2, 1))
    after = [_job(date(2026, 2, 2), date(2026, 3, 1), 1), _job(date(2026, 3, 1), None, 2)]
    assert kept_until(first, after, date(2026, 6, 1))


def test_a_gap_of_a_day_ends_it() -> None:
    first = _job(date(2026, 1, 5), date(2026, 2, 1))
    assert not kept_until(first, [_job(date(2026, 2, 3), None, 1)], date(2026, 3, 1))


def test_an_overlapping_job_that_ends_later_carries_on() -> None:
    first = _job(date(2026, 1, 5), date(2026, 2, 1))
    overlap = _job(date(2026, 1, 20), date(2026, 5, 1), 1)
    assert kept_until(first, [overlap], date(2026, 4, 1))
    assert not kept_until(first, [overlap], date(2026, 5, 2))


def test_a_months_trend_is_the_six_months_up_to_it() -> None:
    months = trend(month_of(date(2026, 3, 15), TODAY))
    assert [(p.first, p.last) for p in months][:2] == [
        (date(2025, 10, 1), date(2025, 10, 31)),
        (date(2025, 11, 1), date(2025, 11, 30)),
    ]
    assert months[-2].last == date(2026, 2, 28) and months[-1].last == date(2026, 3, 31)


def test_chosen_days_compare_with_as_many_days_before() -> None:
    days = trend(Period(date(2026, 11, 1), date(2026, 11, 14), TODAY))
    assert [(p.first, p.last) for p in days][-3:] == [
        (date(2026, 10, 4), date(2026, 10, 17)),
        (date(2026, 10, 18), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2026, 11, 14)),
    ]


def test_a_running_month_counts_up_to_today() -> None:
    november = month_of(TODAY, TODAY)
    assert (november.as_of, november.days) == (TODAY, 28)


def test_a_figure_that_counts_up_to_today_says_so() -> None:
    """A kept figure of a closed period holds until a change on the days it read; one that
    counts what happened after its period (``period.today``) must say ``looks_ahead`` so that
    it is kept for the day only and forgotten by any later change (docs/outcomes.md)."""
    for indicator in INDICATORS:
        source = inspect.getsource(indicator.compute)
        reads_today = ".today" in source
        assert indicator.looks_ahead or not reads_today, indicator.id
