"""The activity log: every contact and piece of work with or about clients.

The public face for other domains: ``meetings_between`` (how often a person actually met a
client in a period, for the agreements above); ``log_activity`` (an activity logged by a domain
above, idempotent by its ``localId``: an employer contact from an opportunity); ``with_purpose``
and ``Counted`` (the activities with a purpose in a period, for figures above); ``router``
(``app.py``); ``REMINDER_KINDS`` and ``reminder_days``, what agreed actions tell the reminder
planner (``app.py`` registers them).
Who may see or change what: ``backend.activities.access``.
"""

from __future__ import annotations

from backend.activities.controllers import router
from backend.activities.counting import Counted, meetings_between, with_purpose
from backend.activities.reminding import KINDS as REMINDER_KINDS
from backend.activities.reminding import days_wanted as reminder_days
from backend.activities.services import create as log_activity

__all__ = [
    "REMINDER_KINDS",
    "Counted",
    "log_activity",
    "meetings_between",
    "reminder_days",
    "router",
    "with_purpose",
]
