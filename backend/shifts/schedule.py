"""When a shift happens: its local days and the instants they mean (a pure module).

The instants follow the DST rule of ``backend/lib/localtime.py``: a start in the skipped hour
is the first instant after the gap, a start in the repeated hour its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import msgspec

from backend.lib.localtime import instant, zone

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ShiftPlan:
    """A shift as the schedule needs it."""

    id: str
    client: str
    workplace: str
    zone: str
    starts_at: time
    ends_at: time
    repeat: str  # once | weekly
    on_date: date | None = None
    weekdays: tuple[int, ...] = ()
    from_date: date | None = None
    until: date | None = None
    cancelled: dict[date, str] = field(default_factory=dict)
    job: str | None = None  # the client's job whose workplace this is; None: not said

    @classmethod
    def from_row(cls, row: dict[str, Any], cancelled: dict[date, str] | None = None) -> ShiftPlan:
        return cls(
            id=str(row["id"]),
            client=str(row["client"]),
            workplace=row["workplace"],
            zone=row["zone"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            repeat=row["repeat"],
            on_date=row["on_date"],
            weekdays=tuple(sorted(int(d) for d in (row["weekdays"] or []))),
            from_date=row["from_date"],
            until=row["until"],
            cancelled=cancelled or {},
            job=str(row["job"]) if row.get("job") is not None else None,
        )


class Occurrence(msgspec.Struct, frozen=True, kw_only=True):
    """One shift on one local date (a Struct: made many times per request — a week, a day's
    recap, the reminder planner — where a frozen dataclass's ``__init__`` cost most of it)."""

    shift_id: str
    client: str
    day: date  # the local date the shift starts on
    start: datetime  # UTC
    end: datetime  # UTC
    starts_at: time
    ends_at: time
    workplace: str
    zone: str
    cancelled: str | None = None  # the reason, when this date is cancelled
    job: str | None = None  # the client's job whose workplace this is; None: not said


def days(shift: ShiftPlan, first: date, last: date) -> Iterator[date]:
    """The local dates in [first, last] on which the shift starts (cancelled ones included)."""
    if shift.repeat == "once":
        if shift.on_date is not None and first <= shift.on_date <= last:
            yield shift.on_date
        return
    if not shift.weekdays:
        return
    start = max(first, shift.from_date) if shift.from_date else first
    end = min(last, shift.until) if shift.until else last
    day = start
    while day <= end:
        if day.isoweekday() in shift.weekdays:
            yield day
        day += ONE_DAY


def occurrence(shift: ShiftPlan, day: date) -> Occurrence:
    return occurrence_of(
        shift.id,
        shift.client,
        shift.workplace,
        shift.zone,
        day,
        shift.starts_at,
        shift.ends_at,
        shift.cancelled.get(day),
        shift.job,
    )


def occurrence_of(
    shift_id: str,
    client: str,
    workplace: str,
    zone: str,
    day: date,
    starts_at: time,
    ends_at: time,
    cancelled: str | None = None,
    job: str | None = None,
) -> Occurrence:
    """The shift's occurrence on the local date ``day``: its instants in UTC (a shift that ends
    at or before its start time ends the next day)."""
    start = instant(day, starts_at, zone)
    end_day = day + ONE_DAY if ends_at <= starts_at else day
    end = instant(end_day, ends_at, zone)
    return Occurrence(
        shift_id=shift_id,
        client=client,
        day=day,
        start=start,
        end=max(end, start),
        starts_at=starts_at,
        ends_at=ends_at,
        workplace=workplace,
        zone=zone,
        cancelled=cancelled,
        job=job,
    )


def on_days(
    shift: ShiftPlan, first: date, last: date, *, cancelled: bool = False
) -> list[Occurrence]:
    out = [occurrence(shift, day) for day in days(shift, first, last)]
    return out if cancelled else [o for o in out if o.cancelled is None]


def starting_between(
    shifts: Iterable[ShiftPlan], start: datetime, end: datetime, *, cancelled: bool = False
) -> list[Occurrence]:
    """Occurrences whose start instant is in [start, end), in order of their start."""
    out: list[Occurrence] = []
    for shift in shifts:
        tz = zone(shift.zone)
        first = start.astimezone(tz).date() - ONE_DAY
        last = end.astimezone(tz).date() + ONE_DAY
        out.extend(
            o for o in on_days(shift, first, last, cancelled=cancelled) if start <= o.start < end
        )
    out.sort(key=lambda o: (o.start, o.workplace))
    return out


def next_after(
    shifts: Iterable[ShiftPlan], after: datetime, horizon_days: int = 62
) -> Occurrence | None:
    """The first occurrence that has not ended at ``after`` (a shift under way counts)."""
    best: Occurrence | None = None
    for shift in shifts:
        tz = zone(shift.zone)
        first = after.astimezone(tz).date() - ONE_DAY
        for o in on_days(shift, first, first + timedelta(days=horizon_days)):
            if o.end > after:
                if best is None or o.start < best.start:
                    best = o
                break
    return best
