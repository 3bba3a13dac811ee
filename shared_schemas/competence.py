"""Staff competence (the first part): the organisation's versioned competence framework,
a coach's self-assessment, field-mentoring visits, and the coordinator's matrix of her team."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Texts = dict[Literal["en", "pl", "fi", "he"], Text]
"""The text in each language; English is required to save, all four to publish."""
Level = Annotated[int, msgspec.Meta(ge=0, le=4)]
Note = Annotated[str, msgspec.Meta(max_length=4000)]
TrackKey = Literal["newCoach", "certifiedCoach", "coordinator", "mentor"]
Setting = Literal["job_development", "job_analysis", "training", "family_meeting", "other"]
Source = Literal["visit", "self", "none"]


class LevelWords(Struct, kw_only=True):
    level: int
    titles: dict[str, str]
    """The level's name ("On your own, in usual cases")."""
    texts: dict[str, str]
    """What it means, in a sentence."""


class Track(Struct, kw_only=True):
    """A role whose target levels the framework sets: a new coach by month 6, a certified coach,
    a coordinator, a mentor."""

    key: TrackKey
    titles: dict[str, str]


class Competence(Struct, kw_only=True):
    key: str
    """``area.competence``: ratings and visits name a competence by it in every version."""
    titles: dict[str, str]
    indicators: list[dict[str, str]]
    """3 to 6 things one can see the person do, each in every language."""
    targets: dict[str, int]
    """The target level per track key."""


class Area(Struct, kw_only=True):
    key: str
    titles: dict[str, str]
    competences: list[Competence]


class Framework(Struct, kw_only=True):
    id: str
    version: int
    status: Literal["draft", "published"]
    levels: list[LevelWords]
    tracks: list[Track]
    areas: list[Area]
    based_on: int | None
    created_at: dt.datetime
    published_at: dt.datetime | None


class FrameworkSummary(Struct, kw_only=True):
    id: str
    version: int
    status: Literal["draft", "published"]
    based_on: int | None
    created_at: dt.datetime
    published_at: dt.datetime | None


class FrameworkCreate(Request, kw_only=True):
    from_version: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)] | None = None
    """Copy this version; the newest published one when omitted."""


class LevelEdit(Request, kw_only=True):
    level: Level
    titles: Texts
    texts: Texts


class CompetenceEdit(Request, kw_only=True):
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    titles: Texts
    indicators: Annotated[list[Texts], msgspec.Meta(min_length=3, max_length=6)]
    targets: dict[TrackKey, Level]


class AreaEdit(Request, kw_only=True):
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    titles: Texts
    competences: Annotated[list[CompetenceEdit], msgspec.Meta(min_length=1, max_length=20)]


class FrameworkEdit(Request, kw_only=True):
    """A draft's full content. Areas and competences keep their keys and order (this slice edits
    words, indicators and targets); the five levels keep their numbers."""

    levels: Annotated[list[LevelEdit], msgspec.Meta(min_length=5, max_length=5)]
    areas: Annotated[list[AreaEdit], msgspec.Meta(min_length=1, max_length=20)]


class Rating(Struct, kw_only=True):
    competence: str
    level: int
    note: str
    updated_at: dt.datetime


class SelfAssessment(Struct, kw_only=True):
    id: str
    person_id: str
    framework_id: str
    framework_version: int
    status: Literal["open", "finished"]
    ratings: list[Rating]
    started_at: dt.datetime
    finished_at: dt.datetime | None


class SelfAssessmentCreate(Request, kw_only=True):
    local_id: LocalId


class RatingSet(Request, kw_only=True):
    level: Level
    note: Note = ""


class SeenLevel(Request, kw_only=True):
    competence: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    level: Level


class MentoringVisitCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    """The coach visited."""
    visited_on: dt.date
    setting: Setting
    seen: Annotated[list[SeenLevel], msgspec.Meta(min_length=1, max_length=20)]
    """The competences seen, each with the level seen."""
    situation: Note = ""
    task: Note = ""
    action: Note = ""
    result: Note = ""
    reflection: Note = ""
    next_step: Note = ""


class SeenWords(Struct, kw_only=True):
    competence: str
    level: int


class MentoringVisit(Struct, kw_only=True):
    id: str
    person_id: str
    mentor_id: str | None
    mentor_name: str
    framework_version: int
    visited_on: dt.date
    setting: Setting
    seen: list[SeenWords]
    situation: str
    task: str
    action: str
    result: str
    reflection: str
    next_step: str
    created_at: dt.datetime


class MatrixCell(Struct, kw_only=True):
    competence: str
    target: int | None
    current: int | None
    source: Source
    """Where ``current`` comes from: the latest mentoring visit that saw it, else the latest
    finished self-assessment, else none."""
    evidence_on: dt.date | None
    """The day of that visit or self-assessment."""


class PersonRow(Struct, kw_only=True):
    person_id: str
    display_name: str
    role: str
    track: TrackKey
    month_of_service: int
    """Whole months since the person joined (0 in their first month)."""
    cells: list[MatrixCell]


class Matrix(Struct, kw_only=True):
    """A team as people × competences, in the current framework version."""

    team_id: str | None
    framework: Framework
    people: list[PersonRow]


class Record(Struct, kw_only=True):
    """One person's record: their row against the current framework, and their self-assessment
    under way (its id), if any."""

    framework: Framework
    person: PersonRow
    open_assessment_id: str | None
