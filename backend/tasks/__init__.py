"""Photo task instructions, on-the-job training and progress (task analysis).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What tasks tell the domains above them: ``TaskMastered``,
``HelpRequested`` (``events.py``).
"""

from __future__ import annotations

from backend.tasks.events import HelpRequested, TaskMastered
from backend.tasks.help import escalate_due
from backend.tasks.progress import Session, mastery
from backend.tasks.services import task_prefix, tasks_of, voice_name

# Progress arithmetic over training sessions (``Session``, ``mastery``): for a reader of the
# session rows themselves (the client's day, ``backend/today``).
__all__ = [
    "HelpRequested",
    "Session",
    "TaskMastered",
    "escalate_due",
    "mastery",
    "task_prefix",
    "tasks_of",
    "voice_name",
]
