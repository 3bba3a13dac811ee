"""Goals (the PTA goal tool) and the monthly structured conversation (PTA, seed 003).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What goals tell the domains above them: ``GoalEvaluated``
(``events.py``); what they tell the reminder planner: ``reminder_days`` (``reminding.py``);
the outcomes' figures: ``last_held_between``, ``evaluations_between`` (``Evaluation``) and
``gas_t_score`` (the Kiresuk–Sherman T-score, ``gas.py``).
"""

from __future__ import annotations

from backend.goals.events import GoalEvaluated
from backend.goals.figures import (
    Evaluation,
    Mood,
    evaluations_between,
    last_held_between,
    moods_between,
)
from backend.goals.gas import t_score as gas_t_score
from backend.goals.photos import PHOTOS as GOAL_PHOTOS
from backend.goals.practice import conversations_held_by
from backend.goals.pta import conversations_of, is_due, last_held
from backend.goals.reading import GoalEnding, ending_between, goal_titles, goals_of, today
from backend.goals.reminding import KINDS as REMINDER_KINDS
from backend.goals.reminding import days_wanted as reminder_days

__all__ = [
    "GOAL_PHOTOS",
    "REMINDER_KINDS",
    "Evaluation",
    "GoalEnding",
    "GoalEvaluated",
    "Mood",
    "conversations_held_by",
    "conversations_of",
    "ending_between",
    "evaluations_between",
    "gas_t_score",
    "goal_titles",
    "goals_of",
    "is_due",
    "last_held",
    "last_held_between",
    "moods_between",
    "reminder_days",
    "today",
]
