"""Photo task instructions, on-the-job training and progress (task analysis).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What tasks tell the domains above them: ``TaskMastered``,
``HelpRequested`` (``events.py``).
"""

from __future__ import annotations

from backend.tasks.events import HelpRequested, TaskMastered
from backend.tasks.help import escalate_due
from backend.tasks.reading import tasks_of
from backend.tasks.services import task_prefix, voice_name
from backend.tasks.training import refresh_every_task

# A task's progress is kept in ``task_progress`` (each session's count of independent steps in
# ``training_sessions.independent``), made again by every write through this domain; a reader of
# those rows (the client's day, ``backend/today``) reads it, not the sessions' history.
# ``refresh_every_task`` makes it from rows written without the server (a seeded organisation).
__all__ = [
    "HelpRequested",
    "TaskMastered",
    "escalate_due",
    "refresh_every_task",
    "task_prefix",
    "tasks_of",
    "voice_name",
]
