"""What families do when something worth telling them happens in a domain below: each function
here listens to one of their events, subscribed in ``backend/app.py``. They only *suggest*: the
client approves (or auto-shares the kind).

- tasks' ``TaskMastered`` (every step of a client's task mastered): "I can now do … on my own."
  (kind ``training``), once per task.
- goals' ``GoalEvaluated`` with a rating of 0 or more (as expected, or better): "I reached my
  goal: …" (kind ``goals``), once per goal.
- tasks' ``HelpRequested``: ``notify.help_requested`` tells the family members the client lets
  see help alerts.
"""

from __future__ import annotations

from backend.family.updates import suggest_update
from backend.goals import GoalEvaluated
from backend.tasks import TaskMastered


async def task_mastered(event: TaskMastered) -> str | None:
    """Suggest "I can now do … on my own."; returns the suggestion's id."""
    return await suggest_update(
        event.client_id,
        "training",
        "suggestion.task_mastered",
        {"title": event.title},
        f"task:{event.task_id}",
    )


async def goal_evaluated(event: GoalEvaluated) -> str | None:
    """A goal rated as reached (Goal Attainment Scale 0 … +2, by the client or the coach)
    suggests "I reached my goal: …"; returns the suggestion's id, if any."""
    if event.rating is None or event.rating < 0 or event.client_id is None:
        return None
    return await suggest_update(
        event.client_id,
        "goals",
        "suggestion.goal_reached",
        {"title": event.title},
        f"goal:{event.goal_id}",
    )
