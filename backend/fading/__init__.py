"""Fading: the planned reduction of the coach's support per client and job, against the actual
hours from the activity log and the shifts, next to the share of task steps done on their own;
alerts to the coach and the coordinator (docs/fading.md).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``).

- ``plan_of(client_id, job_id)``: the plan in force as a ``FadingSummary`` (its steps as
  ``FadingStepRow``, and whether support is stable), None without one. The caller decides who
  may see it (the handover pack shows it with the client's consent).
- ``catch_up_due``: the reminder engine's round closes the weeks that ended (``app.py``).
- ``closed_weeks_between``: the closed weeks' kept figures (``ClosedWeek``: coach and shift
  minutes, the minutes planned) of some clients, for the outcomes' figures.
- ``marks_reached_by``: the field's marks (a quarter of the shift, stable) reached on the plans
  a person made or changed (``MarkReached``), for their evidence from practice (competence).
- ``router``.
"""

from __future__ import annotations

from backend.fading.controllers import router
from backend.fading.figures import ClosedWeek, MarkReached, closed_weeks_between, marks_reached_by
from backend.fading.reading import FadingStepRow, FadingSummary, plan_of
from backend.fading.services import catch_up_due

__all__ = [
    "ClosedWeek",
    "FadingStepRow",
    "FadingSummary",
    "MarkReached",
    "catch_up_due",
    "closed_weeks_between",
    "marks_reached_by",
    "plan_of",
    "router",
]
