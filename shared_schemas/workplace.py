"""The job analysis: what a client's job asks of them, written by the coach at the workplace on
the phone (partly offline, with photos), and the natural supports — the co-workers and the
supervisor who help with what.

One analysis per job. It keeps the version of the template it was started with (the headings
and questions, in four languages), so it reads the same later. The analysis' tasks open the
client's photo tasks: a task of the analysis is linked to one, or makes a new one for the job.
The demands (noise, people, hours, travel) are compared with what the client's vocational
profile says they need, and each mismatch is named (``mismatches``).

Every write carries the phone's ``localId``: a write the outbox sends again lands once."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.tasks import Photo

Locale = Literal["en", "pl", "fi", "he"]
SectionKey = Literal["workplace", "schedule", "culture", "glossary", "adjustments", "tasks"]
"""The parts of an analysis: the workplace; the schedule; the culture and unwritten rules; the
workplace's own words; the agreed adjustments; the job's tasks."""
FieldKey = Literal[
    "address",
    "getting_there",
    "entrances",
    "breaks",
    "dress",
    "noise",
    "lighting",
    "schedule",
    "culture",
]
"""The analysis' written fields: where it is, how to get there, the entrances, the breaks, what
to wear, the noise, the light (the workplace); the schedule; the culture and unwritten rules."""
NoiseLevel = Literal["quiet", "moderate", "loud"]
PeopleLevel = Literal["alone", "few", "many"]
"""Working alone, with a few people around, among many."""
TaskKind = Literal["core", "occasional", "related"]
"""A core task is the job itself; an occasional one comes now and then; a related one goes with
the job (clocking in, the staff room)."""
MismatchKind = Literal["noise", "people", "hours", "travel"]

Text = Annotated[str, msgspec.Meta(max_length=2000)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Term = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
Line = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Hours = Annotated[int, msgspec.Meta(ge=1, le=80)]
Minutes = Annotated[int, msgspec.Meta(ge=0, le=600)]
Version = Annotated[int, msgspec.Meta(ge=1)]


# --- the template ---------------------------------------------------------------------------


class AnalysisSectionWords(Struct, kw_only=True):
    heading: str
    question: str
    """What the coach asks themselves (and the supervisor) in this part."""


class AnalysisTemplateText(Struct, kw_only=True):
    sections: dict[SectionKey, AnalysisSectionWords]
    fields: dict[FieldKey, str]


class AnalysisSectionWordsIn(Request, kw_only=True):
    heading: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    question: Annotated[str, msgspec.Meta(max_length=400)] = ""


class AnalysisTemplateTextIn(Request, kw_only=True):
    sections: dict[SectionKey, AnalysisSectionWordsIn]
    fields: dict[FieldKey, Annotated[str, msgspec.Meta(min_length=1, max_length=120)]]


class AnalysisTemplateCreate(Request, kw_only=True):
    """The next version of the template, in all four languages (every key in each)."""

    en: AnalysisTemplateTextIn
    pl: AnalysisTemplateTextIn
    fi: AnalysisTemplateTextIn
    he: AnalysisTemplateTextIn


class AnalysisTemplate(Struct, kw_only=True):
    version: int
    texts: dict[Locale, AnalysisTemplateText]


# --- the analysis ---------------------------------------------------------------------------


class GlossaryEntry(Struct, kw_only=True):
    term: str
    meaning: str


class GlossaryEntryIn(Request, kw_only=True):
    term: Term
    meaning: Annotated[str, msgspec.Meta(max_length=300)] = ""


class Demands(Struct, kw_only=True):
    """What the job asks, in levels the profile also speaks (null: not said yet)."""

    noise_level: NoiseLevel | None = None
    people_level: PeopleLevel | None = None
    hours_per_week: int | None = None
    """The analysis' hours; when not said, the job's own (``backend/employers``), rounded."""
    travel_minutes: int | None = None
    """One way, from the client's home, as the coach found it."""


class AnalysisTask(Struct, kw_only=True):
    id: str
    title: str
    kind: TaskKind
    how_often: str
    standard: str
    """To what standard: what "done well" means here."""
    task_id: str | None
    """The client's photo task it opens (``/api/tasks/{taskId}``), if any."""
    task_title: str | None
    taken_from: str
    """Job carving: whom the task was taken from (a name, a role), "" when not carved."""
    agreed_with: str
    agreed_on: dt.date | None


class NaturalSupport(Struct, kw_only=True):
    id: str
    person_id: str | None
    """A person of the employer's register, when it is one."""
    name: str
    role: str
    helps_with: str
    client_agreed_on: dt.date | None
    person_agreed_on: dt.date | None
    review_on: dt.date | None
    review_due: bool
    """The review day has come (today or earlier in the organisation's days)."""
    reviewed_on: dt.date | None = None
    """The day it was last marked reviewed (``POST /api/natural-supports/{id}/reviewed``)."""


class AnalysisPhoto(Struct, kw_only=True):
    id: str
    caption: str
    photo: Photo


class Mismatch(Struct, kw_only=True):
    """A demand of the job beyond what the client's profile says they need: the PWA says it in
    words ("Loud here — Noa prefers quiet")."""

    kind: MismatchKind
    job: str
    """The job's level ("loud", "many") or number (hours, minutes) as text."""
    wants: str
    """The client's, in the same terms."""


class JobAnalysis(Struct, kw_only=True):
    job_id: str
    client_id: str
    client_name: str
    job_title: str
    employer_name: str
    started: bool
    """False until the first write: the fields are empty, the template is the newest."""
    template_version: int
    revision: int
    texts: dict[FieldKey, str]
    demands: Demands
    glossary: list[GlossaryEntry]
    adjustments: list[str]
    notes: str
    """The coach's own notes: "" for the client."""
    tasks: list[AnalysisTask]
    supports: list[NaturalSupport]
    photos: list[AnalysisPhoto]
    mismatches: list[Mismatch]
    profile_from: Literal["approved", "draft", "none"]
    """Which profile the demands were compared with: the approved version, else the draft."""
    reviews_due: int
    updated_at: dt.datetime | None
    employer_id: str | None = None
    """The job's employer in the register (its people may be natural supports)."""


class DemandsIn(Request, kw_only=True):
    """Only the demands sent change; null clears one."""

    noise_level: NoiseLevel | msgspec.UnsetType | None = msgspec.UNSET
    people_level: PeopleLevel | msgspec.UnsetType | None = msgspec.UNSET
    hours_per_week: Hours | msgspec.UnsetType | None = msgspec.UNSET
    travel_minutes: Minutes | msgspec.UnsetType | None = msgspec.UNSET


class AnalysisWrite(Request, kw_only=True):
    """A change to the analysis (made the first time). Only what is sent changes; the latest
    write of a field wins."""

    local_id: LocalId
    texts: dict[FieldKey, Text] | None = None
    demands: DemandsIn | None = None
    glossary: Annotated[list[GlossaryEntryIn], msgspec.Meta(max_length=100)] | None = None
    adjustments: Annotated[list[Line], msgspec.Meta(max_length=50)] | None = None
    notes: Annotated[str, msgspec.Meta(max_length=4000)] | None = None


class AnalysisTaskCreate(Request, kw_only=True):
    local_id: LocalId
    title: Title
    kind: TaskKind = "core"
    how_often: Short = ""
    standard: Text = ""
    link_task_id: str | None = None
    """An existing photo task of the same client to open from this task."""
    new_photo_task: bool = False
    """Make a new photo task of this job with the same title (and open it)."""
    taken_from: Short = ""
    agreed_with: Short = ""
    agreed_on: dt.date | None = None


class AnalysisTaskUpdate(Request, kw_only=True):
    title: Title | None = None
    kind: TaskKind | None = None
    how_often: Short | None = None
    standard: Text | None = None
    link_task_id: str | msgspec.UnsetType | None = msgspec.UNSET
    """Another photo task of the client, or null to unlink; absent leaves it."""
    new_photo_task: bool = False
    taken_from: Short | None = None
    agreed_with: Short | None = None
    agreed_on: dt.date | msgspec.UnsetType | None = msgspec.UNSET


class SupportCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: str | None = None
    """A person at the job's employer (``/api/employers/{id}/people``); their name and role are
    taken from the register when ``name`` is not given."""
    name: Annotated[str, msgspec.Meta(max_length=120)] = ""
    role: Annotated[str, msgspec.Meta(max_length=120)] = ""
    helps_with: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    client_agreed_on: dt.date | None = None
    person_agreed_on: dt.date | None = None
    review_on: dt.date | None = None


class SupportReviewed(Request, kw_only=True):
    """Mark a natural support reviewed today; ``nextReviewOn``: the day to review it again
    (after today), or none. Sent twice, the second changes nothing more."""

    next_review_on: dt.date | None = None


class SupportUpdate(Request, kw_only=True):
    name: Name | None = None
    role: Annotated[str, msgspec.Meta(max_length=120)] | None = None
    helps_with: Annotated[str, msgspec.Meta(min_length=1, max_length=300)] | None = None
    client_agreed_on: dt.date | msgspec.UnsetType | None = msgspec.UNSET
    person_agreed_on: dt.date | msgspec.UnsetType | None = msgspec.UNSET
    review_on: dt.date | msgspec.UnsetType | None = msgspec.UNSET
