"""Fading, measured: pure functions over training sessions (no database).

Definitions, as the PWA shows them to coaches:

- A session's **independent %** is the share of the task's *current* steps recorded as
  ``independent`` in it; a step not recorded in a session counts as not independent.
- **Mastery** (the criterion, N = the task's ``mastery_sessions``, 3 by default): every current
  step independent in N consecutive sessions. **Sessions to mastery** is the number of sessions
  from the first up to and including the one that completed the first such run.
- **Days to independence**: calendar days from the first session's day to that of the session
  that met the criterion (the day the coach gave, else the UTC day it started).
- A step is **ready to fade** when it was independent in the latest N sessions in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

INDEPENDENT = "independent"
LEVELS = ("independent", "verbal", "gestural", "model", "physical")


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    started_at: datetime
    levels: dict[str, str]  # step id → prompt level
    day: date | None = None  # the day at the place, when the coach gave it

    @property
    def date(self) -> date:
        return self.day or self.started_at.date()


@dataclass(frozen=True, slots=True)
class SessionScore:
    independent: int
    recorded: int
    total: int
    percent: int


@dataclass(frozen=True, slots=True)
class Mastery:
    sessions_to_mastery: int | None
    mastered_at: datetime | None
    days_to_independence: int | None


def score(session: Session, step_ids: Sequence[str]) -> SessionScore:
    independent = sum(1 for s in step_ids if session.levels.get(s) == INDEPENDENT)
    recorded = sum(1 for s in step_ids if s in session.levels)
    total = len(step_ids)
    percent = round(100 * independent / total) if total else 0
    return SessionScore(independent=independent, recorded=recorded, total=total, percent=percent)


def all_independent(session: Session, step_ids: Sequence[str]) -> bool:
    return bool(step_ids) and all(session.levels.get(s) == INDEPENDENT for s in step_ids)


def mastery(sessions: Sequence[Session], step_ids: Sequence[str], criterion: int) -> Mastery:
    """``sessions`` oldest first. The first run of ``criterion`` all-independent sessions."""
    if criterion < 1:
        raise ValueError("the criterion is at least one session")
    run = 0
    for index, session in enumerate(sessions):
        run = run + 1 if all_independent(session, step_ids) else 0
        if run == criterion:
            days = (session.date - sessions[0].date).days
            return Mastery(
                sessions_to_mastery=index + 1,
                mastered_at=session.started_at,
                days_to_independence=days,
            )
    return Mastery(sessions_to_mastery=None, mastered_at=None, days_to_independence=None)


def step_levels(sessions: Sequence[Session], step_id: str) -> list[str | None]:
    return [session.levels.get(step_id) for session in sessions]


def independent_streak(sessions: Sequence[Session], step_id: str) -> int:
    """Independent in this many of the latest sessions in a row."""
    streak = 0
    for session in reversed(sessions):
        if session.levels.get(step_id) != INDEPENDENT:
            break
        streak += 1
    return streak
