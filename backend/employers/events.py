"""What the employers domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class JobStarted:
    """A client's job was recorded (its start date may be in the past or the coming days)."""

    job_id: str
    client_id: str
    employer_id: str | None
    started_on: date


@dataclass(frozen=True, slots=True)
class JobEnded:
    """A client's job was given an end date and a reason."""

    job_id: str
    client_id: str
    ended_on: date
    reason: str
