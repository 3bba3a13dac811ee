"""A client's shifts: one-off or weekly, with cancelled dates, at the place's local time.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What shifts tell the reminder planner: ``reminder_starts``. What the
activity log asks: ``occurrence_on`` (a visit logged from a shift) and ``on_day`` (the day
recap). What a fading plan asks (``backend/fading``): ``plans_of`` with ``starting_between``
(a client's shift time in a week). What the job analysis answers for the coach's week
(``backend/workplace``, wired in ``backend/app.py``): ``answer_supports_to_review``; and the
journey for the six-month follow-ups due: ``answer_follow_ups_due``.
"""

from __future__ import annotations

from backend.shifts.plans import on_shift, plans_of, reminder_starts
from backend.shifts.schedule import Occurrence, ShiftPlan, starting_between
from backend.shifts.services import coming, occurrence_on, on_day, upcoming
from backend.shifts.week import answer_follow_ups_due, answer_supports_to_review

# The schedule's arithmetic (``ShiftPlan``, ``starting_between``): for a reader of the shift rows
# themselves (the client's day, ``backend/today``).
__all__ = [
    "Occurrence",
    "ShiftPlan",
    "answer_follow_ups_due",
    "answer_supports_to_review",
    "coming",
    "occurrence_on",
    "on_day",
    "on_shift",
    "plans_of",
    "reminder_starts",
    "starting_between",
    "upcoming",
]
