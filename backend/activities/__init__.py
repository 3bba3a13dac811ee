"""The activity log: every contact and piece of work with or about clients.

The public face for other domains: ``meetings_between`` (how often a person actually met a
client in a period, for the agreements above); ``router`` (``app.py``). Who may see or change
what: ``backend.activities.access``.
"""

from __future__ import annotations

from backend.activities.controllers import router
from backend.activities.counting import meetings_between

__all__ = ["meetings_between", "router"]
