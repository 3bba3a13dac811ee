"""Calls other domains make into families, each one line at the place where something worth
telling the family happens. They only *suggest*: the client approves (or auto-shares the kind).

- tasks: ``after_step_change(task)`` after a step's mastery changed (``tasks/services.py``).
- goals: ``goal_evaluated(goal, rating)`` after a final evaluation is stored
  (``goals/services.py: evaluate``, open only from the goal's last week or once staff ended it
  early); a rating of 0 or more (as expected, or better) is reached.
- push: ``backend.family.consent.family_recipients(client_id, "help_alerts")`` answers who may
  be told that the client pressed "I need help"; ``backend.family.notify.set_sender`` installs
  the push sender for shared updates.
"""

from __future__ import annotations

from typing import Any


async def after_step_change(task: dict[str, Any]) -> str | None:
    """When every step of a client's task is mastered, suggest "I can now do … on my own."
    (kind ``training``), once per task. Returns the suggestion's id, if any."""
    from backend.family.updates import suggest_update
    from backend.tasks.tables import Step

    if task["is_template"] or task["client"] is None:
        return None
    steps = await Step.select(Step.mastered).where(Step.task == task["id"])
    if not steps or not all(s["mastered"] for s in steps):
        return None
    return await suggest_update(
        str(task["client"]),
        "training",
        "suggestion.task_mastered",
        {"title": task["title"]},
        f"task:{task['id']}",
    )


async def goal_evaluated(goal: dict[str, Any], rating: int | None) -> str | None:
    """A goal rated as reached (Goal Attainment Scale 0 … +2, by the client or the coach)
    suggests "I reached my goal: …" (kind ``goals``), once per goal."""
    from backend.family.updates import suggest_update

    if rating is None or rating < 0 or goal.get("client") is None:
        return None
    return await suggest_update(
        str(goal["client"]),
        "goals",
        "suggestion.goal_reached",
        {"title": goal["title"]},
        f"goal:{goal['id']}",
    )
