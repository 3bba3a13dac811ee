"""Finding a job: a client's opportunities and their pipeline.

An opportunity is an employer and a job (an employer of the register, perhaps one of its people,
a job title), or an idea to approach an employer with (free text, no employer yet). It matches a
few of the client's themes of interest, and moves through steps: idea → contacted → applied →
interview → offer → started, or "not this time" — each step with its date, kept as a history
(going back is allowed, and kept too). The next step may have a follow-up date, which reminds the
coach that day; an interview has its local date and time, its zone and its place, and reminds
the client before it. Moving to "contacted", and any contact logged from the opportunity, is an
activity of the activity log (an employer contact)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

Step = Literal["idea", "contacted", "applied", "interview", "offer", "started", "not_now"]
"""The pipeline's steps in order; ``not_now``: "not this time" (it may come back later)."""
Theme = Literal[
    "people",
    "animals",
    "food",
    "outdoors",
    "computers",
    "making_fixing",
    "order",
    "shops",
    "care",
    "creative",
    "transport",
    "office",
]
"""Themes of interest: the vocational profile template's vocabulary (its first version's
themes; ``tests/unit/test_themes.py`` keeps the two the same), so that an opportunity and a
profile are matched by the same words."""
ContactMode = Literal["workplace", "office", "elsewhere", "phone", "video", "message"]
Title = Annotated[str, msgspec.Meta(max_length=160)]
Idea = Annotated[str, msgspec.Meta(max_length=1000)]
Note = Annotated[str, msgspec.Meta(max_length=300)]
Place = Annotated[str, msgspec.Meta(max_length=300)]
Zone = Annotated[str, msgspec.Meta(min_length=1, max_length=64, description="IANA zone")]
LocalTime = Annotated[
    str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM, local")
]
Themes = Annotated[list[Theme], msgspec.Meta(max_length=6)]
Minutes = Annotated[int, msgspec.Meta(ge=0, le=24 * 60)]
AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]


class StepTaken(Struct, kw_only=True):
    """One step of the history: which, on which day, a short note, who moved it, and the
    activity logged with it (moving to "contacted")."""

    id: str
    step: Step
    on: dt.date
    note: str
    by_id: str | None
    by_name: str
    activity_id: str | None


class Interview(Struct, kw_only=True):
    """When and where: the local date and time at ``zone`` (the client's), and the instant."""

    on: dt.date
    at: LocalTime
    zone: str
    starts_at: dt.datetime
    place: str


class Opportunity(Struct, kw_only=True):
    id: str
    local_id: str
    client_id: str
    client_name: str
    employer_id: str | None
    employer_name: str
    """The employer's name ("" for an idea without an employer yet)."""
    person_id: str | None
    person_name: str
    """The person at the employer to talk to ("" for none)."""
    job_title: str
    idea: str
    themes: list[Theme]
    matches: list[Theme] = []
    """Of ``themes``, those the client chose in their vocational profile."""
    step: Step
    step_on: dt.date
    follow_up_on: dt.date | None
    """The next step's day: the coach is reminded that day."""
    interview: Interview | None
    steps: list[StepTaken]
    """The history, in the order the steps were recorded (the last is where it stands)."""
    by_client: bool
    """The client added it themself (an idea of their own)."""
    can_move: bool
    """The reader may move its steps, change and remove it."""
    created_at: dt.datetime
    updated_at: dt.datetime


class OpportunityCreate(Request, kw_only=True):
    """An employer and a job (``employerId``, perhaps ``employerPersonId``, ``jobTitle``), or
    an idea (``idea``: free text). A client adds an idea of their own: ``idea`` only."""

    local_id: LocalId
    employer_id: str | None = None
    employer_person_id: str | None = None
    """The person at the employer (their employer follows)."""
    job_title: Title = ""
    idea: Idea = ""
    themes: Themes = []
    follow_up_on: dt.date | None = None
    zone: Zone = "UTC"
    """The zone of today's date (the idea's day)."""


class OpportunityUpdate(Request, kw_only=True):
    """Absent fields stay as they are; ``clearFollowUp`` removes the follow-up day."""

    employer_id: str | None = None
    employer_person_id: str | None = None
    job_title: Title | None = None
    idea: Idea | None = None
    themes: Themes | None = None
    follow_up_on: dt.date | None = None
    clear_follow_up: bool = False
    interview_on: dt.date | None = None
    interview_at: LocalTime | None = None
    interview_zone: Zone | None = None
    interview_place: Place | None = None
    zone: Zone | None = None
    """The zone of today's date and of a follow-up reminder made now (UTC when absent)."""


class StepMove(Request, kw_only=True):
    """Move the opportunity to ``step`` on the day of ``at`` at ``zone`` (now when absent),
    one tap, idempotent by ``localId``. To ``contacted``: the contact is logged as an activity
    (``mode``, ``made``, ``minutes``). To ``interview``: ``interviewOn``, ``interviewAt`` and
    ``interviewPlace``. ``followUpOn``: the next step's day (absent: none)."""

    local_id: LocalId
    step: Step
    at: AwareDatetime | None = None
    zone: Zone = "UTC"
    note: Note = ""
    follow_up_on: dt.date | None = None
    interview_on: dt.date | None = None
    interview_at: LocalTime | None = None
    interview_zone: Zone | None = None
    """The interview's zone (``zone`` when absent)."""
    interview_place: Place = ""
    mode: ContactMode = "phone"
    made: bool = True
    """False: only attempted (no answer)."""
    minutes: Minutes = 0


class ContactCreate(Request, kw_only=True):
    """A contact with the employer about this opportunity, logged as an activity (employer
    contact, job search) without moving the step; idempotent by ``localId``."""

    local_id: LocalId
    mode: ContactMode = "phone"
    made: bool = True
    at: AwareDatetime | None = None
    minutes: Minutes = 0
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class WeekContacts(Struct, kw_only=True):
    week_of: dt.date
    """The Monday of the week (at the zone asked for)."""
    made: int
    attempted: int


class CoachFigures(Struct, kw_only=True):
    """A coach's job finding over a period: employer contacts per week (theirs), and for the
    clients of their caseload whose intake fell in the period, how many days passed from intake
    to the first employer contact (anyone's)."""

    coach_id: str
    display_name: str
    weeks: list[WeekContacts]
    made: int
    attempted: int
    intakes: int
    """Clients of the caseload with their intake in the period."""
    contacted: int
    """Of them, those with an employer contact made since their intake."""
    median_days: float | None
    """Days from intake to the first employer contact, the median of ``contacted``."""
