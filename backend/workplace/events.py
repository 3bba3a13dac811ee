"""What the workplace domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class JobAnalysed:
    """The first write of a job's analysis made it: the analysis of the workplace (what
    employer engagement, stage 4, produces) exists from now."""

    analysis_id: str
    job_id: str
    client_id: str
    by: str | None
    at: datetime
