"""The activity log: every contact and piece of work with or about clients.

The public face for other domains: ``meetings_between`` (how often a person actually met a
client in a period, for the agreements above); ``router`` (``app.py``); ``REMINDER_KINDS`` and
``reminder_days``, what agreed actions tell the reminder planner (``app.py`` registers them).
Who may see or change what: ``backend.activities.access``.
"""

from __future__ import annotations

from backend.activities.controllers import router
from backend.activities.counting import meetings_between
from backend.activities.reminding import KINDS as REMINDER_KINDS
from backend.activities.reminding import days_wanted as reminder_days

__all__ = ["REMINDER_KINDS", "meetings_between", "reminder_days", "router"]
