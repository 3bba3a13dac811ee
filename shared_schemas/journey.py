"""The client's journey: episodes of support and the dated history of their stages.

An episode runs from intake (the situation at entry, the client's informed decision to take
part) to closure (a date and a reason). Its stages — the five of supported employment — each
start and end on a date; they may overlap and come back (a job ends, job finding starts again).
Each stage shows what it produced (``Product``: the client's jobs, later the agreement, the
vocational profile, the job analysis). Writes a phone may repeat carry ``localId``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.clients import Stage

Benefit = Literal["unemployment", "disability", "sickness", "social_assistance", "housing", "other"]
"""Benefits at entry: unemployment benefit, disability benefit or pension, sickness benefit,
social assistance (income support), housing allowance, another one (told in ``benefitsNote``)."""
ClosureReason = Literal["in_work", "moved", "chose_to_stop", "no_contact", "other"]
"""Why an episode closed: in work and the support faded out, the client moved away, the client
chose to stop, no contact any more, another reason (told in ``closureNote``)."""
ProductKind = Literal["job", "agreement", "vocational_profile", "job_analysis", "opportunity"]
"""What a stage can produce. Each kind has one source in the server; a new record of the
process (an agreement, a profile, a job analysis) adds its kind here and its source there."""
StageCause = Literal["coach", "job_started", "job_ended", "closed", "migrated", "employer_contact"]
"""Why a stage started or ended: a person did it, a job started or ended, the episode closed,
or it was the stage the client's record had before the history was kept, or a first employer
contact (finding a job starts with it)."""
Locale = Literal["en", "pl", "fi", "he"]
Situation = Literal["work", "education", "looking", "other"]
"""A former client's situation at the six-month follow-up: in paid work, in education or
training, looking for work, something else."""
Zone = Annotated[str, msgspec.Meta(max_length=64)]
"""The IANA time zone the phone counts the day in ("today" at the place); UTC by default."""
Note = Annotated[str, msgspec.Meta(max_length=500)]


class DecisionText(Struct, kw_only=True):
    """One version of the words the client reads before deciding to take part, in one
    language. The version is kept with the decision, so what the client was told can always be
    shown again."""

    version: int
    latest_version: int
    locale: Locale
    direction: Literal["ltr", "rtl"]
    title: str
    paragraphs: list[str]
    confirm: str
    """The words of the button the client presses ("Yes, I want to take part")."""
    locales: list[Locale]


class Product(Struct, kw_only=True):
    """Something a stage produced, to open from the stage: a job, an agreement, …"""

    kind: ProductKind
    id: str
    title: str
    detail: str = ""
    """More to recognise it by (a job's employer)."""
    on: date | None = None
    """The day it started or was made."""
    ended_on: date | None = None


class StagePeriod(Struct, kw_only=True):
    id: str
    stage: Stage
    started_on: date
    ended_on: date | None
    started_cause: StageCause
    ended_cause: StageCause | None
    due_on: date | None
    """The day the organisation's target for this stage runs out (none without a target)."""
    overdue: bool
    """Still going on after its target day."""
    products: list[Product]


class Decision(Struct, kw_only=True):
    """The client's informed decision to take part, recorded like a consent."""

    at: datetime
    by_id: str | None
    by_name: str | None
    by_client: bool
    """The client confirmed it on their own phone (not staff on their behalf)."""
    text_version: int
    locale: Locale


class Episode(Struct, kw_only=True):
    id: str
    intake_on: date
    in_paid_work: bool
    work_since: date | None
    """In paid work since, or out of paid work since."""
    benefits: list[Benefit]
    benefits_note: str
    decision: Decision | None
    closed_on: date | None
    closure_reason: ClosureReason | None
    closure_note: str
    stages: list[StagePeriod]
    """Oldest first (by start date)."""
    follow_up_agreed: bool = False
    """On closing, the client agreed to be asked about their situation six months later."""
    follow_up_due_on: date | None = None
    """Six months after the closing day, where the client agreed (the coach is reminded)."""
    follow_up: FollowUp | None = None
    """The situation recorded at the follow-up, once it is."""


class FollowUp(Struct, kw_only=True):
    """A former client's situation about six months after leaving, as the coach recorded it."""

    situation: Situation
    situation_on: date
    recorded_at: datetime


class Journey(Struct, kw_only=True):
    client_id: str
    current: Episode | None
    """The open episode, if there is one."""
    past: list[Episode]
    """Closed episodes, newest first: they stay readable."""


class EpisodeCreate(Request, kw_only=True):
    """Intake: opens an episode and starts the first stage (engagement) on the intake day."""

    local_id: LocalId
    intake_on: date
    in_paid_work: bool = False
    work_since: date | None = None
    benefits: list[Benefit] = []
    benefits_note: Note = ""
    zone: Zone = "UTC"


class DecisionCreate(Request, kw_only=True):
    """The client's informed decision: which version of the words, in which language."""

    text_version: Annotated[int, msgspec.Meta(ge=1)]
    locale: Locale


class EpisodeClose(Request, kw_only=True):
    closed_on: date
    reason: ClosureReason
    note: Note = ""
    zone: Zone = "UTC"
    follow_up_agreed: bool = False
    """The client agreed to be asked about their situation six months after leaving."""


class FollowUpCreate(Request, kw_only=True):
    """The former client's situation six months after leaving (idempotent by ``localId``)."""

    local_id: LocalId
    situation: Situation
    situation_on: date
    """The day the coach asked; not in the future, not before the support ended."""
    zone: Zone = "UTC"


class StageStart(Request, kw_only=True):
    local_id: LocalId
    stage: Stage
    started_on: date | None = None
    """Today at the place when left out."""
    zone: Zone = "UTC"


class StageEnd(Request, kw_only=True):
    ended_on: date | None = None
    """Today at the place when left out."""
    zone: Zone = "UTC"


class StageTarget(Struct, kw_only=True):
    stage: Stage
    days: int | None
    """None: no target for this stage."""


class StageTargets(Struct, kw_only=True):
    targets: list[StageTarget]
    """The five stages in order."""


class StageTargetSet(Request, kw_only=True):
    stage: Stage
    days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None


class StageTargetsUpdate(Request, kw_only=True):
    targets: list[StageTargetSet]
