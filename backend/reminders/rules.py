"""When a reminder rule fires: its occurrence instants, quiet hours, and what is too late
(a pure module; ``planning.py`` reads the database and writes the deliveries).

Every instant comes from a local time and a zone through ``backend.lib.localtime.instant``,
whose DST rule is the product's rule (docs/reminders.md): a local time in the skipped hour
fires at the first instant after the gap (02:30 → 03:00), one in the repeated hour fires once,
at its first occurrence (``fold=0``). A shift reminder "60 minutes before" is 60 real minutes
before the shift's start instant, so across a change it may show another wall time than usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backend.lib.localtime import instant, zone

SHIFT_KINDS = frozenset({"shift_prepare", "shift_leave", "shift_start"})
AT_START_KINDS = frozenset({"shift_start"})
"""Kinds that come as the shift starts ("time to start"): no minutes before to choose."""
START_KINDS = SHIFT_KINDS | {"interview"}
"""The "… minutes before" kinds: before each shift, before a job interview."""
TIMED_KINDS = frozenset(
    {
        "goal_checkin",
        "conversation",
        "coach",
        "meeting",
        "follow_up",
        "after_support",
        "development",
    }
)
KINDS = START_KINDS | TIMED_KINDS
MAX_LATE = timedelta(minutes=15)
"""An occurrence found later than this (the engine was down) is recorded as missed, not sent:
"time to get ready" an hour late only confuses."""
TINY = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class RulePlan:
    id: str
    user: str
    kind: str
    minutes_before: int | None = None
    weekday: int | None = None  # ISO weekday; None: every day
    at_time: time | None = None
    zone: str = ""


@dataclass(frozen=True, slots=True)
class Quiet:
    start: time
    end: time
    zone: str  # "" : the zone of each occurrence


@dataclass(frozen=True, slots=True)
class Moment:
    """Something a "… minutes before" reminder is about, which starts at an instant (a shift);
    a domain above reminders tells the planner of them (``planning.register_starts``)."""

    subject: str  # its id, kept on the delivery (a shift's id)
    start: datetime  # UTC
    zone: str  # the place's zone: quiet hours without a zone of their own are read in it


@dataclass(frozen=True, slots=True)
class Day:
    """Has a reminder at a time of day (``kind``) something to say to ``user`` on this local
    date: an active goal, a conversation due? Asked of a domain above reminders
    (``planning.register_days``)."""

    kind: str
    user: str
    day: date


@dataclass(frozen=True, slots=True)
class Planned:
    occurrence_at: datetime
    due_at: datetime
    status: str  # pending | missed | quiet
    subject: str = ""


def starts_window(rule: RulePlan, after: datetime, until: datetime) -> tuple[datetime, datetime]:
    """[first, last): the starts whose reminder instant is in (after, until]."""
    before = timedelta(minutes=rule.minutes_before or 0)
    return after + before + TINY, until + before + TINY


def shift_instants(
    rule: RulePlan, starts: Iterable[Moment], after: datetime, until: datetime
) -> list[tuple[datetime, Moment]]:
    """(reminder instant, the shift) for reminder instants in (after, until], in the order of
    ``starts`` (by start)."""
    before = timedelta(minutes=rule.minutes_before or 0)
    first, last = starts_window(rule, after, until)
    return [(m.start - before, m) for m in starts if first <= m.start < last]


def timed_instants(rule: RulePlan, after: datetime, until: datetime) -> list[tuple[datetime, date]]:
    """(instant, local date) at ``at_time`` on the weekday (or every day) in (after, until]."""
    if rule.at_time is None or not rule.zone:
        return []
    tz = zone(rule.zone)
    day = after.astimezone(tz).date() - timedelta(days=1)
    last = until.astimezone(tz).date() + timedelta(days=1)
    out = []
    while day <= last:
        if rule.weekday is None or day.isoweekday() == rule.weekday:
            at = instant(day, rule.at_time, rule.zone)
            if after < at <= until:
                out.append((at, day))
        day += timedelta(days=1)
    return out


def after_quiet(at: datetime, quiet: Quiet | None, zone_name: str) -> datetime:
    """``at`` when it is outside the quiet hours, else the end of the quiet hours it is in
    (quiet hours may cross midnight: 22:00–07:00)."""
    if quiet is None or quiet.start == quiet.end:
        return at
    where = quiet.zone or zone_name
    local = at.astimezone(zone(where))
    now_time = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside = quiet.start <= now_time < quiet.end
        end_day = local.date()
    else:
        inside = now_time >= quiet.start or now_time < quiet.end
        end_day = local.date() + timedelta(days=1) if now_time >= quiet.start else local.date()
    if not inside:
        return at
    return max(at, instant(end_day, quiet.end, where))


def plan(
    rule: RulePlan,
    *,
    after: datetime,
    until: datetime,
    now: datetime,
    quiet: Quiet | None,
    starts: Iterable[Moment] = (),
    wanted: Callable[[date], bool] = lambda day: True,
) -> list[Planned]:
    """The deliveries a rule makes for instants in (after, until]. ``starts``: the person's
    shifts by their start instant; ``wanted(day)``: whether a timed rule has something to say
    that day (an active goal, a conversation due …)."""
    out: list[Planned] = []
    if rule.kind in START_KINDS:
        for at, shift in shift_instants(rule, starts, after, until):
            due = after_quiet(at, quiet, shift.zone)
            # Deferred by quiet hours past the shift's start: too late to help, not sent.
            status = "quiet" if due > at and due >= shift.start else _late(due, now)
            out.append(Planned(occurrence_at=at, due_at=due, status=status, subject=shift.subject))
    elif rule.kind in TIMED_KINDS:
        for at, day in timed_instants(rule, after, until):
            if wanted(day):
                due = after_quiet(at, quiet, rule.zone)
                out.append(Planned(occurrence_at=at, due_at=due, status=_late(due, now)))
    return out


def _late(due: datetime, now: datetime) -> str:
    return "missed" if due < now - MAX_LATE else "pending"
