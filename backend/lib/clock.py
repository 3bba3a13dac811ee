"""The one place that reads the time, so tests can control it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any


def now() -> datetime:
    return datetime.now(UTC)


def instant(value: str) -> datetime:
    """A timestamp read as text by plain SQL: SQLite keeps Piccolo's UTC text without an
    offset; PostgreSQL's text has one."""
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def day_of(value: Any) -> date | None:
    """A date column read by plain SQL: a date (PostgreSQL) or its ISO text (SQLite)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def day(value: Any) -> date:
    """``day_of`` for a date column that is never empty."""
    found = day_of(value)
    if found is None:
        raise ValueError("a date was expected, not an empty value")
    return found
