"""What the goals domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GoalEvaluated:
    """A final evaluation of a goal was stored, by the client or by the coach."""

    goal_id: str
    client_id: str | None
    title: str
    rating: int | None
    """Goal Attainment Scale: -2 … +2; 0 is "as expected"."""
