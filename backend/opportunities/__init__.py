"""Finding a job: a client's opportunities (an employer and a job, or an idea) and their
pipeline, idea → contacted → applied → interview → offer → started, or "not this time".

The public face for the layers above: ``router``; ``EmployerContacted``, the event that tells the
journey an opportunity moved to "contacted" (``events``); what opportunities tell the reminder
planner (``REMINDER_DAY_KINDS`` and ``follow_up_days``, ``REMINDER_START_KINDS`` and
``interview_starts``) and ``answer_intakes`` (the journey answers the figures' question of each
client's intake day), all wired in ``backend/app.py``; ``steps_reached`` (``StepReached``):
the pipeline's steps reached over days (the outcomes' opportunity funnel); ``THEMES``, the
themes of interest an opportunity matches. Who may see or change what:
``backend.opportunities.access``.
"""

from __future__ import annotations

from backend.opportunities.controllers import router
from backend.opportunities.events import EmployerContacted
from backend.opportunities.figures import StepReached, answer_intakes, steps_reached
from backend.opportunities.reminding import DAY_KINDS as REMINDER_DAY_KINDS
from backend.opportunities.reminding import START_KINDS as REMINDER_START_KINDS
from backend.opportunities.reminding import follow_up_days, interview_starts
from backend.opportunities.themes import THEMES

__all__ = [
    "REMINDER_DAY_KINDS",
    "REMINDER_START_KINDS",
    "THEMES",
    "EmployerContacted",
    "StepReached",
    "answer_intakes",
    "follow_up_days",
    "interview_starts",
    "router",
    "steps_reached",
]
