"""The client's journey: episodes of support and the dated history of their stages.

The public face for the layers above: ``router``; the listeners ``job_started`` and
``job_ended`` (the employers domain's events), ``employer_contacted`` (the opportunities
domain's) and ``stage_chosen`` (the clients domain's: the stage chosen on the record), and
``intakes`` (each client's intake day, the opportunities' figures ask), wired in
``backend/app.py``; ``journey`` (a client's journey, for
a later reader such as a report); ``SOURCES`` and ``Source``, where each record a stage
produces (a job; later an agreement, a profile, a job analysis) says where it comes from.
``open_episode``, ``decide``, ``start_stage``, ``end_stage`` and ``set_targets`` make the same
changes as the HTTP handlers (the demo organisation's journeys).
``support_on``, ``stages_on`` (``StageOn``) and ``intakes_between``: who was in support, in
which stages, whose intake fell when; ``out_of_work_at_entry``: who came out of work (the
outcomes' figures). ``episodes_between`` (``EpisodeSpan``) and ``six_months_after``: episodes
open in a period or six months after leaving in it, with the follow-up recorded (the funder
reports); ``follow_ups_due``: the six-month follow-ups a coach's week names
(``shifts.answer_follow_ups_due``, ``app.py``), and ``after_support_days``
(``REMINDER_KINDS``): the days the coach's push reminder of them is due (the reminder planner
asks). Who may see or change it: ``backend.journey.access``.
"""

from backend.journey.changes import decide, end_stage, start_stage
from backend.journey.changes import open_new as open_episode
from backend.journey.controllers import router
from backend.journey.figures import (
    StageOn,
    intakes_between,
    out_of_work_at_entry,
    stages_on,
    support_on,
)
from backend.journey.followups import (
    EpisodeSpan,
    episodes_between,
    follow_ups_due,
    six_months_after,
)
from backend.journey.history import journey
from backend.journey.listeners import (
    employer_contacted,
    intakes,
    job_ended,
    job_started,
    stage_chosen,
)
from backend.journey.products import SOURCES, Source
from backend.journey.reminding import REMINDER_KINDS, after_support_days
from backend.journey.targets import set_targets

__all__ = [
    "REMINDER_KINDS",
    "SOURCES",
    "EpisodeSpan",
    "Source",
    "StageOn",
    "after_support_days",
    "decide",
    "employer_contacted",
    "end_stage",
    "episodes_between",
    "follow_ups_due",
    "intakes",
    "intakes_between",
    "job_ended",
    "job_started",
    "journey",
    "open_episode",
    "out_of_work_at_entry",
    "router",
    "set_targets",
    "six_months_after",
    "stage_chosen",
    "stages_on",
    "start_stage",
    "support_on",
]
