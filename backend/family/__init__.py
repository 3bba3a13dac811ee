"""Families: the client's consent per family member and kind, approved updates, the feed.

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``); ``shares_with`` answers whether a consent is live now (the
vocational profile asks it before a family member reads the approved profile). Families listen
to the domains below them (``hooks.py``, ``notify.help_requested``); ``backend/app.py``
subscribes the listeners.
"""

from __future__ import annotations

from backend.family.consent import shares_with
from backend.family.hooks import goal_evaluated, task_mastered
from backend.family.notify import help_requested
from backend.family.photos import PHOTOS as UPDATE_PHOTOS

__all__ = ["UPDATE_PHOTOS", "goal_evaluated", "help_requested", "shares_with", "task_mastered"]
