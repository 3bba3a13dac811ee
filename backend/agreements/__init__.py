"""Agreements between a client and their coach or a mentor (the mentoring contract), and the
organisation's versioned templates for them.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What agreements tell the reminder planner: ``reminder_days`` (the days a
meeting is due by an agreed rhythm, ``reminding.py``); ``router``. The client's journey reads
the agreements agreed by both from ``tables``.
"""

from __future__ import annotations

from backend.agreements.controllers import router
from backend.agreements.reminding import KINDS as REMINDER_KINDS
from backend.agreements.reminding import days_wanted as reminder_days

__all__ = ["REMINDER_KINDS", "reminder_days", "router"]
