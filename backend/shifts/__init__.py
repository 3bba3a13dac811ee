"""A client's shifts: one-off or weekly, with cancelled dates, at the place's local time.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What shifts tell the reminder planner: ``reminder_starts``.
"""

from __future__ import annotations

from backend.shifts.plans import on_shift, reminder_starts
from backend.shifts.schedule import Occurrence
from backend.shifts.services import coming

__all__ = ["Occurrence", "coming", "on_shift", "reminder_starts"]
