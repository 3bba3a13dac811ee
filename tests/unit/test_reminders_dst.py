"""Reminder instants across daylight-saving changes (docs/reminders.md, "The DST rule").

A local time in the skipped hour fires at the first instant after the gap; one in the repeated
hour fires once, at its first occurrence. The property test checks two years of weekly shifts
in four zones against an oracle that knows nothing of PEP 495's ``fold``: it looks at which
instants show which wall-clock time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.lib.localtime import instant, zone
from backend.reminders.rules import Moment, Quiet, RulePlan, after_quiet, plan
from backend.shifts.schedule import ShiftPlan, starting_between

ZONES = ["Europe/Warsaw", "Europe/Helsinki", "Asia/Jerusalem", "America/New_York"]
FIRST = datetime(2026, 1, 1, tzinfo=UTC)
LAST = datetime(2028, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def wall(at: datetime, zone_name: str) -> datetime:
    return at.astimezone(zone(zone_name)).replace(tzinfo=None)


def check_rule(at: datetime, intended: datetime, zone_name: str) -> None:
    """``at`` is the instant the DST rule gives for the wall time ``intended``."""
    if wall(at, zone_name) == intended:
        # The first occurrence: an hour earlier is not the same wall time (fall back).
        assert wall(at - timedelta(hours=1), zone_name) != intended
        assert wall(at - timedelta(minutes=30), zone_name) != intended
        return
    # Not shown by any instant around: a skipped time; ``at`` is the first instant after it.
    around = [at + k * MINUTE for k in range(-150, 151)]
    assert all(wall(u, zone_name) != intended for u in around), (at, intended)
    assert wall(at - MINUTE, zone_name) < intended < wall(at, zone_name)


def test_the_documented_examples() -> None:
    # Spring forward in Warsaw, 29 March 2026: 02:00 → 03:00. 02:30 fires at 03:00 CEST.
    at = instant(date(2026, 3, 29), time(2, 30), "Europe/Warsaw")
    assert at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert wall(at, "Europe/Warsaw") == datetime.combine(date(2026, 3, 29), time(3, 0))
    # Fall back, 25 October 2026: 02:30 happens twice; the first (CEST, UTC+2) it is.
    assert instant(date(2026, 10, 25), time(2, 30), "Europe/Warsaw") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    # New York, 8 March 2026, 02:00 → 03:00; 1 November 2026, 01:30 twice.
    assert instant(date(2026, 3, 8), time(2, 15), "America/New_York") == datetime(
        2026, 3, 8, 7, 0, tzinfo=UTC
    )
    assert instant(date(2026, 11, 1), time(1, 30), "America/New_York") == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    # Jerusalem changes on the Friday before the last Sunday of March, at 02:00.
    assert instant(date(2026, 3, 27), time(2, 30), "Asia/Jerusalem") == datetime(
        2026, 3, 27, 0, 0, tzinfo=UTC
    )
    # Helsinki changes at 03:00 local: 03:30 does not exist on 29 March 2026.
    assert wall(instant(date(2026, 3, 29), time(3, 30), "Europe/Helsinki"), "Europe/Helsinki") == (
        datetime.combine(date(2026, 3, 29), time(4, 0))
    )


# Times near the changes are the interesting ones: weight them.
times = st.one_of(
    st.builds(time, st.integers(0, 4), st.sampled_from([0, 15, 30, 45, 59])),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone_name=st.sampled_from(ZONES),
    weekdays=st.sets(st.integers(1, 7), min_size=1, max_size=7),
    starts=times,
    hours=st.integers(1, 10),
    minutes_before=st.sampled_from([0, 5, 20, 45, 60, 90, 150]),
)
def test_two_years_of_weekly_shift_reminders_fire_at_the_intended_local_time(
    zone_name: str, weekdays: set[int], starts: time, hours: int, minutes_before: int
) -> None:
    ends = (datetime.combine(date(2026, 1, 1), starts) + timedelta(hours=hours)).time()
    shift = ShiftPlan(
        id="s",
        client="c",
        workplace="w",
        zone=zone_name,
        starts_at=starts,
        ends_at=ends,
        repeat="weekly",
        weekdays=tuple(sorted(weekdays)),
        from_date=date(2026, 1, 2),
        until=date(2027, 12, 30),
    )
    rule = RulePlan(id="r", user="c", kind="shift_prepare", minutes_before=minutes_before)
    moments = [
        Moment(subject=o.shift_id, start=o.start, zone=o.zone)
        for o in starting_between([shift], FIRST, LAST + timedelta(days=1))
    ]
    planned = plan(rule, after=FIRST, until=LAST, now=FIRST, quiet=None, starts=moments)
    days = [
        date(2026, 1, 2) + timedelta(days=i)
        for i in range((date(2027, 12, 30) - date(2026, 1, 2)).days + 1)
        if (date(2026, 1, 2) + timedelta(days=i)).isoweekday() in weekdays
    ]
    # Once per shift day, never twice (not even on the day an hour repeats).
    assert len(planned) == len(days)
    assert len({p.occurrence_at for p in planned}) == len(planned)
    for p, day in zip(planned, days, strict=True):
        start = p.occurrence_at + timedelta(minutes=minutes_before)
        assert start.astimezone(zone(zone_name)).date() == day
        check_rule(start, datetime.combine(day, starts), zone_name)
        assert p.due_at == p.occurrence_at and p.subject == "s"


@settings(max_examples=40, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    weekday=st.one_of(st.none(), st.integers(1, 7)),
    at=times,
)
def test_two_years_of_weekly_reminders_at_a_time_of_day(
    zone_name: str, weekday: int | None, at: time
) -> None:
    rule = RulePlan(
        id="r", user="c", kind="goal_checkin", weekday=weekday, at_time=at, zone=zone_name
    )
    planned = plan(rule, after=FIRST, until=LAST, now=FIRST, quiet=None)
    assert len({p.occurrence_at for p in planned}) == len(planned)
    local_days = [p.occurrence_at.astimezone(zone(zone_name)).date() for p in planned]
    assert len(set(local_days)) == len(local_days)  # one a day at most
    for p, day in zip(planned, local_days, strict=True):
        assert weekday is None or day.isoweekday() == weekday
        check_rule(p.occurrence_at, datetime.combine(day, at), zone_name)


@settings(max_examples=60, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    start=times,
    end=times,
    offset_minutes=st.integers(0, 2 * 365 * 24 * 60),
)
def test_nothing_is_sent_in_quiet_hours(
    zone_name: str, start: time, end: time, offset_minutes: int
) -> None:
    quiet = Quiet(start=start, end=end, zone=zone_name)
    at = FIRST + timedelta(minutes=offset_minutes)
    due = after_quiet(at, quiet, "UTC")
    assert due >= at
    local = wall(due, zone_name).time()
    if start == end:
        assert due == at
        return
    inside = start <= local < end if start < end else (local >= start or local < end)
    # Sent outside the quiet hours, or exactly when they end (in a gap: the first instant after).
    assert not inside or due > at
    assert due - at <= timedelta(hours=25)
