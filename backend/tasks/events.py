"""What the tasks domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TaskMastered:
    """A step of a client's own task changed and now every one of its steps is mastered (told
    again at every later change while that stays true: listeners act once per task)."""

    task_id: str
    client_id: str
    title: str


@dataclass(frozen=True, slots=True)
class HelpRequested:
    """A client pressed "I need help" (a new request, not the outbox sending one again); the
    client's coach has been told already."""

    client_id: str
    help_id: str
