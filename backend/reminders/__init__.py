"""Reminder rules, the engine that sends them exactly once, Web Push and the e-mail fallback.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). The planner learns what a reminder is about from the domains above
through the sources they register (``register_starts``, ``register_days``: ``planning.py``).
"""

from __future__ import annotations

from backend.reminders.engine import count_due, every_round
from backend.reminders.made import ensure_rule
from backend.reminders.planning import client_changed, register_days, register_starts
from backend.reminders.rules import SHIFT_KINDS, START_KINDS, TIMED_KINDS, Day, Moment
from backend.reminders.services import keep_daily_rule, notifications, pushed_to, send_now_to

__all__ = [
    "SHIFT_KINDS",
    "START_KINDS",
    "TIMED_KINDS",
    "Day",
    "Moment",
    "client_changed",
    "count_due",
    "ensure_rule",
    "every_round",
    "keep_daily_rule",
    "notifications",
    "pushed_to",
    "register_days",
    "register_starts",
    "send_now_to",
]
