"""Local wall-clock times at a place, and the instants they mean.

Shifts and reminder rules are stored as a local date and time plus the IANA zone of the place
("08:00 in Europe/Helsinki"), never as an instant, so that a weekly shift stays at 08:00 across
daylight-saving changes. Turning a local time into an instant follows one rule, the same in the
code and in ``docs/reminders.md``:

- **The skipped hour** (spring forward): a local time that does not exist that day means the
  first instant after the gap. 02:30 on the night the clocks go from 02:00 to 03:00 is 03:00.
- **The repeated hour** (fall back): a local time that happens twice means its first
  occurrence (PEP 495 ``fold=0``), so a reminder fires once, not twice.

Everything else is ordinary: ``datetime.combine(date, time, zone)`` in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The zone for an IANA name; ``KeyError`` for a name that is not one."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise KeyError(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise KeyError(name) from exc


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except KeyError:
        return False
    return name in _names()


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(available_timezones())


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


@lru_cache(maxsize=4096)
def instant(day: date, at: time, zone_name: str) -> datetime:
    """The UTC instant of the local ``at`` on ``day`` at the place (the module's DST rule).
    Kept for the last few thousand questions: a day's shifts, a week's, the reminder planner's
    round ask the same few days, times and places again and again."""
    tz = zone(zone_name)
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    first = wall.replace(tzinfo=tz).astimezone(UTC)  # fold=0: the first of a repeated hour
    if _wall(first, tz) == wall:
        return first
    # In a gap: no instant shows this wall time. PEP 495 gives the two readings with the
    # offsets before and after the change; the change itself lies between them. Find the
    # first instant whose wall time is past the requested one, to the second.
    other = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    low, high = min(first, other), max(first, other)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _wall(middle, tz) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def local(at: datetime, zone_name: str) -> datetime:
    """The wall-clock date and time at the place, as an aware datetime in its zone."""
    return at.astimezone(zone(zone_name))


def today(at: datetime, zone_name: str) -> date:
    return local(at, zone_name).date()


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
