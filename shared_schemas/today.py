"""The client's day in one answer: what the client's home and the task player need at start;
and the client's page for staff in one answer: what it shows when it opens.

Each part has the same shape as the endpoint it replaces at start (``/api/me``, the upcoming
shifts, the task list, each task's player and the client's progress, the goals), so the PWA
keeps each part where it kept that endpoint's answer, and the screens read it offline as before.
"""

from __future__ import annotations

from shared_schemas.accounts import Me
from shared_schemas.base import Struct
from shared_schemas.clients import ClientDetail
from shared_schemas.employers import WorkPlace
from shared_schemas.goals import Goal
from shared_schemas.handover import WorkFeedback
from shared_schemas.opportunities import Interview
from shared_schemas.pta import ConversationList
from shared_schemas.reminders import Notifications
from shared_schemas.shifts import Occurrence
from shared_schemas.tasks import HelpRequest, MyProgress, Player, TaskSummary


class DayInterview(Struct, kw_only=True):
    """A job interview of the coming week: with which employer, for which job, when and where."""

    opportunity_id: str
    employer_name: str
    """"" for an employer not in the register."""
    job_title: str
    interview: Interview


class DayTask(Struct, kw_only=True):
    """One of the client's tasks: its card, the steps as the player shows them, the client's
    own progress."""

    summary: TaskSummary
    player: Player
    progress: MyProgress


class Day(Struct, kw_only=True):
    """``GET /api/me/day``: the signed-in client's day. The answer carries an ``ETag``; send it
    back in ``If-None-Match`` and an unchanged day is ``304 Not Modified``, with no body."""

    me: Me
    """The signed-in person, as ``GET /api/me`` gives it."""
    shift_days: int
    """How many days ahead ``shifts`` reaches."""
    shifts: list[Occurrence]
    """Shifts not yet ended that start within ``shiftDays`` days (one under way included), in
    order of their start; cancelled dates are listed, marked with their reason."""
    tasks: list[DayTask]
    """The client's tasks, by title."""
    goals: list[Goal]
    """Goals the client can still act on: drafts and running goals, and those that ended in the
    last four weeks (the client rates them); newest period first. Cancelled goals are left out."""
    news_waiting: int
    """Updates the coach wrote (or Stepwise suggested) that wait for the client's yes or no."""
    help_requests: list[HelpRequest]
    """The client's requests for help nobody has answered yet, newest first."""
    jobs: list[WorkPlace] = []
    """Where the client works: their jobs not ended before today (one may start later), the
    latest start first."""
    interviews: list[DayInterview] = []
    """Job interviews not yet begun that start within seven days, the soonest first."""
    work_feedback: list[WorkFeedback] = []
    """What readers of the client's handover pack said in the last four weeks, newest first
    (five at most)."""


class ClientPage(Struct, kw_only=True):
    """``GET /api/clients/{clientId}/page``: what a client's page shows staff when it opens, in
    one answer (one audit entry). Each part is the answer of the endpoint it replaces at open,
    so the screens that open a part on its own read the same. Carries an ``ETag``; an unchanged
    page is ``304 Not Modified`` (still audit-logged: it is a read of the record)."""

    client: ClientDetail
    """The record and the client's family, as ``GET /api/clients/{clientId}``."""
    tasks: list[TaskSummary]
    """The client's tasks with their open requests for help, as ``GET …/tasks``."""
    shift_days: int
    """How many days ahead ``shifts`` reaches."""
    shifts: list[Occurrence]
    """As ``GET …/shifts/upcoming?days={shiftDays}``."""
    reminders: Notifications
    """As ``GET …/reminders``."""
    goals: list[Goal]
    """As ``GET …/goals``."""
    conversations: ConversationList
    """As ``GET …/conversations``."""
    work_feedback: list[WorkFeedback] = []
    """What readers of the client's handover pack said in the last four weeks, newest first
    (five at most), as the client's day shows it."""
