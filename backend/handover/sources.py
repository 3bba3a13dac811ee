"""What the pack reads from the domains below it: the job analysis (natural supports, agreed
adjustments, linked photo tasks; ``backend/workplace``) and the fading plan (``backend/fading``),
as their typed rows. None of these checks access: the pack's own rules (consent per section)
decide what a reader sees.
"""

from __future__ import annotations

from backend.fading import FadingStepRow, FadingSummary, plan_of
from backend.workplace import SupportRow, adjustments_of, supports_of, task_ids_of

__all__ = [
    "FadingStepRow",
    "FadingSummary",
    "SupportRow",
    "adjustments_of",
    "plan_of",
    "supports_of",
    "task_ids_of",
]
