"""The job analysis at the workplace: what a client's job asks (the workplace, the schedule,
the culture and unwritten rules, the workplace's own words, the agreed adjustments, the tasks —
each opening the client's photo task), job carving, and the natural supports (who at work helps
with what), compared with the client's vocational profile.

The public face for other domains: the names in ``__all__`` (and ``tables``, ``access``,
``events``).

- ``supports_of(job_id)``, ``adjustments_of(job_id)``, ``task_ids_of(job_id)``: what the
  handover pack shows of an analysis (``SupportRow``: name, role, helps with; the agreed
  adjustments, one line each; the linked photo task ids, core tasks first).
- ``supports_to_review(names, until)``: the natural supports of a page of clients whose
  review day has come by ``until`` (the coach's week asks it, ``backend/shifts/week.py``).
- ``JobAnalysed``: the event emitted when a job's analysis is first made (stage 4's product).
- ``ANALYSIS_PHOTOS``: where the photos are stored (export, erasure); ``router``.
"""

from __future__ import annotations

from backend.workplace.controllers import router
from backend.workplace.events import JobAnalysed
from backend.workplace.media import PHOTOS as ANALYSIS_PHOTOS
from backend.workplace.practice import analyses_made_by
from backend.workplace.reading import (
    SupportRow,
    adjustments_of,
    supports_of,
    supports_to_review,
    task_ids_of,
)

__all__ = [
    "ANALYSIS_PHOTOS",
    "JobAnalysed",
    "SupportRow",
    "adjustments_of",
    "analyses_made_by",
    "router",
    "supports_of",
    "supports_to_review",
    "task_ids_of",
]
