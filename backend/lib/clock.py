"""The one place that reads the time, so tests can control it."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def instant(value: str) -> datetime:
    """A timestamp read as text by plain SQL: SQLite keeps Piccolo's UTC text without an
    offset; PostgreSQL's text has one."""
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
