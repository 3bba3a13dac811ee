"""Photo task instructions, on-the-job training and progress (task analysis).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What tasks tell the domains above them: ``TaskMastered``,
``HelpRequested`` (``events.py``).
"""

from __future__ import annotations

from backend.tasks.events import HelpRequested, TaskMastered
from backend.tasks.help import escalate_due
from backend.tasks.services import task_prefix, voice_name

__all__ = ["HelpRequested", "TaskMastered", "escalate_due", "task_prefix", "voice_name"]
