"""What the opportunities domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class EmployerContacted:
    """An opportunity of the client moved to "contacted" on ``on`` (the employer contact is
    logged in the activity log): the client is looking for a job."""

    opportunity_id: str
    client_id: str
    on: date
    by: str | None
