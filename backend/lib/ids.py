"""Ids from the outside world: anything that is not a UUID matches nothing."""

from __future__ import annotations

import uuid


def as_uuid(value: str | None) -> str | None:
    """The canonical form of a UUID, or None. Checked before a query, because PostgreSQL
    refuses a malformed UUID with an error where SQLite simply finds no row."""
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except (ValueError, TypeError, AttributeError):
        return None
