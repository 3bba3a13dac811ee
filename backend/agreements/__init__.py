"""Agreements between a client and their coach or a mentor (the mentoring contract), and the
organisation's versioned templates for them.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What agreements tell the reminder planner: ``reminder_days`` (the days a
meeting is due by an agreed rhythm, ``reminding.py``); ``agreements_made`` (a client's
agreements as records of their journey: ``AgreementMade``); ``router``.
"""

from __future__ import annotations

from backend.agreements.controllers import router
from backend.agreements.made import AgreementMade, agreements_made
from backend.agreements.reminding import KINDS as REMINDER_KINDS
from backend.agreements.reminding import days_wanted as reminder_days

__all__ = ["REMINDER_KINDS", "AgreementMade", "agreements_made", "reminder_days", "router"]
