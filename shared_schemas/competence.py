"""Staff competence (the first part): the organisation's versioned competence framework,
a coach's self-assessment, field-mentoring visits, and the coordinator's matrix of her team."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.shifts import Zone

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Texts = dict[Literal["en", "pl", "fi", "he"], Text]
"""The text in each language; English is required to save, all four to publish."""
Level = Annotated[int, msgspec.Meta(ge=0, le=4)]
Note = Annotated[str, msgspec.Meta(max_length=4000)]
TrackKey = Literal["newCoach", "certifiedCoach", "coordinator", "mentor"]
Setting = Literal["job_development", "job_analysis", "training", "family_meeting", "other"]
Source = Literal["assessment", "visit", "self", "none"]


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
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=80)] | None = None
    """A competence of the draft keeps its key. A new one: ``area.slug`` (lower-case letters,
    digits and ``_``) unique in the version, or none and the server makes it from the English
    name and the area's key."""
    titles: Texts
    indicators: Annotated[list[Texts], msgspec.Meta(min_length=3, max_length=6)]
    targets: dict[TrackKey, Level]


class AreaEdit(Request, kw_only=True):
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=40)] | None = None
    """An area of the draft keeps its key; a new one gives one (lower-case letters, digits and
    ``_``, unique in the version) or none and the server makes it from the English name."""
    titles: Texts
    competences: Annotated[list[CompetenceEdit], msgspec.Meta(max_length=20)]
    """Empty while an area is being set up; publishing needs at least one."""


class FrameworkEdit(Request, kw_only=True):
    """A draft's full content, in order: the areas and their competences as they should be. A
    key the draft has and the body leaves out is removed from the draft (older versions keep it);
    an item without a key, or with a key the draft does not have, is added. Keys never change;
    the five levels keep their numbers."""

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


# --- the path of a new coach: onboarding, training records, the plan, simulations ------------

Hours = Annotated[float, msgspec.Meta(ge=0.25, le=1000)]
Line = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
CompetenceKey = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
PersonId = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Progress = Annotated[int, msgspec.Meta(ge=-2, le=2)]
Scenario = Literal[
    "first_meeting",
    "employer_call",
    "negotiation",
    "task_analysis",
    "family_conversation",
    "crisis",
    "other",
]
PlanStatus = Literal["proposed", "agreed", "closed"]


class OnboardingQuestion(Struct, kw_only=True):
    key: str
    texts: dict[str, str]
    options: list[dict[str, str]]
    """The choices, each in every language; the right one is checked by the server."""


class OnboardingScreen(Struct, kw_only=True):
    key: str
    titles: dict[str, str]
    paragraphs: list[dict[str, str]]


class OnboardingModule(Struct, kw_only=True):
    """The onboarding module on values and confidentiality: a few screens, then check questions."""

    version: int
    titles: dict[str, str]
    screens: list[OnboardingScreen]
    questions: list[OnboardingQuestion]


class OnboardingStatus(Struct, kw_only=True):
    module: OnboardingModule
    person_id: str
    done: bool
    """The person finished the module (any version): they are no longer provisional."""
    completed_at: dt.datetime | None
    completed_version: int | None


class OnboardingFinish(Request, kw_only=True):
    version: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
    answers: Annotated[list[Annotated[int, msgspec.Meta(ge=0, le=9)]], msgspec.Meta(max_length=20)]
    """The chosen option of each question, in order."""


class CertificateFile(Struct, kw_only=True):
    """A training record's certificate: a PDF or a photo, read at ``url``."""

    kind: Literal["pdf", "jpg"]
    url: str


class TrainingRecordCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: PersonId | None = None
    """Whose record (oneself when omitted)."""
    course: Line
    provider: Annotated[str, msgspec.Meta(max_length=200)] = ""
    hours: Hours
    taken_on: dt.date
    competences: Annotated[list[CompetenceKey], msgspec.Meta(max_length=20)] = []
    expires_on: dt.date | None = None
    zone: Zone = "UTC"
    """The place's time zone: the reminder of an expiring certificate comes at 09:00 there."""


class TrainingRecord(Struct, kw_only=True):
    id: str
    person_id: str
    course: str
    provider: str
    hours: float
    taken_on: dt.date
    competences: list[str]
    expires_on: dt.date | None
    expiring: bool
    """The certificate expires within 30 days (or has expired)."""
    certificate: CertificateFile | None
    created_by_name: str
    created_at: dt.datetime


class PlanGoalCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: PersonId | None = None
    title: Line
    means: Note = ""
    competence: CompetenceKey
    starts_on: dt.date
    ends_on: dt.date
    zone: Zone = "UTC"
    """The place's time zone: a goal proposed to the coach is reminded at 09:00 there."""


class PlanGoalProgress(Request, kw_only=True):
    progress: Progress
    """Goal Attainment Scale: −2 much less than expected … 0 as expected … +2 much more."""
    note: Note = ""
    close: bool = False
    """The goal is over: it no longer counts towards the three open goals."""


class PlanGoal(Struct, kw_only=True):
    id: str
    person_id: str
    title: str
    means: str
    competence: str
    starts_on: dt.date
    ends_on: dt.date
    status: PlanStatus
    progress: int | None
    progress_note: str
    proposed_by_name: str
    agreed_by_name: str
    agreed_at: dt.datetime | None
    awaits_me: bool
    """The reader is the one to agree to it (the goal was proposed by the other side)."""
    updated_at: dt.datetime


class SimulationCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: PersonId
    held_on: dt.date
    scenario: Scenario
    scenario_text: Note = ""
    seen: Annotated[list[SeenLevel], msgspec.Meta(min_length=1, max_length=20)]
    notes: Note = ""
    next_step: Note = ""


class Simulation(Struct, kw_only=True):
    id: str
    person_id: str
    observer_name: str
    framework_version: int
    held_on: dt.date
    scenario: Scenario
    scenario_text: str
    seen: list[SeenWords]
    notes: str
    next_step: str
    created_at: dt.datetime


class PathSummary(Struct, kw_only=True):
    """Where a person is on the path: provisional or not, certificates expiring, the plan."""

    person_id: str
    display_name: str
    provisional: bool
    """The onboarding module is not done yet: shown with a banner; client work goes on."""
    expiring: list[TrainingRecord]
    """Certificates expiring within 30 days or expired (of the latest records)."""
    open_goals: list[PlanGoal]
    """The plan's open goals (proposed or agreed), at most three."""


class TeamPath(Struct, kw_only=True):
    team_id: str
    people: list[PathSummary]


# --- evidence from practice, the summative assessment, certificates, the gap report ----------

EvidenceKind = Literal[
    "profile_approved",
    "job_analysis",
    "employer_contacts_week",
    "conversation_held",
    "logged_in_time_week",
    "task_mastered",
    "fading_on_plan",
]
Decision = Literal["certified", "certified_with_conditions", "not_yet"]


class EvidenceTarget(Struct, kw_only=True):
    """An indicator a record may show: the competence's key and the indicator's place (0-based)."""

    competence: str
    indicator: int


class EvidenceSuggestion(Struct, kw_only=True):
    """One record of the person's own practice the app proposes as evidence: what kind, which
    record (``sourceId``), its day, how many (contacts in the week; 1 otherwise), the indicators
    it may show, and the ones it is attached to already. Never a client's name or words."""

    kind: EvidenceKind
    source_id: str
    occurred_on: dt.date
    amount: int
    fits: list[EvidenceTarget]
    attached: list[EvidenceTarget]


class EvidenceCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    competence: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    indicator: Annotated[int, msgspec.Meta(ge=0, le=5)]
    kind: EvidenceKind
    source_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    note: Note = ""


class Evidence(Struct, kw_only=True):
    id: str
    person_id: str
    competence: str
    indicator: int
    kind: EvidenceKind
    source_id: str
    occurred_on: dt.date
    amount: int
    note: str
    attached_by_id: str | None
    attached_by_name: str
    created_at: dt.datetime


class AssessmentCreate(Request, kw_only=True):
    local_id: LocalId
    person_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    """The coach assessed."""
    assessor_ids: Annotated[
        list[Annotated[str, msgspec.Meta(min_length=1, max_length=64)]],
        msgspec.Meta(min_length=2, max_length=2),
    ]
    """The two assessors: administrators, the coordinator of the coach's team, or certified
    coaches; not the coach."""


class AssessmentEdit(Request, kw_only=True):
    """The assessment's content, saved whole. Saving clears a signature given to an earlier
    revision (the other assessor signs what is there now)."""

    revision: Annotated[int, msgspec.Meta(ge=1)]
    """The revision this edit was made on (409 ``changed`` when another edit came first)."""
    assessed_on: dt.date | None = None
    observed: Note = ""
    """The observed practice: where, what was seen."""
    scenario: Note = ""
    """The scenario given and how it was handled."""
    knowledge_score: Annotated[int, msgspec.Meta(ge=0, le=100)] | None = None
    """The short knowledge test's score, 0–100 %."""
    levels: dict[Annotated[str, msgspec.Meta(min_length=1, max_length=80)], Level] = {}
    decision: Decision | None = None
    conditions: Note = ""
    """With ``certified_with_conditions``: the conditions, in words."""
    reassess_on: dt.date | None = None


class AssessmentSign(Request, kw_only=True):
    revision: Annotated[int, msgspec.Meta(ge=1)]
    """The revision the assessor read and signs."""
    zone: Zone = "UTC"
    """The place's time zone: the coach's reminders of the yearly review and the re-assessment
    come at 09:00 there."""


class AssessmentAssessor(Struct, kw_only=True):
    person_id: str | None
    display_name: str
    signed_at: dt.datetime | None


class Assessment(Struct, kw_only=True):
    id: str
    person_id: str
    person_name: str
    framework_id: str
    framework_version: int
    assessors: list[AssessmentAssessor]
    status: Literal["open", "signed"]
    revision: int
    assessed_on: dt.date | None
    observed: str
    scenario: str
    knowledge_score: int | None
    levels: dict[str, int]
    decision: Decision | None
    conditions: str
    reassess_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


class Certificate(Struct, kw_only=True):
    id: str
    person_id: str
    assessment_id: str
    issued_on: dt.date
    valid_until: dt.date
    review_on: dt.date
    """The yearly review's next day."""
    conditions: str
    valid: bool


class GapRow(Struct, kw_only=True):
    """One competence over a group. The counts are ``null`` when the group has fewer than 5
    people (``fewerThanFive``): a small group's figures would name someone."""

    competence: str
    below_target: int | None
    below_target_last_quarter: int | None
    """As it stood at the end of the last quarter (the same people)."""
    no_evidence: int | None
    training_hours: float
    """Training hours recorded against the competence this quarter."""


class GapReport(Struct, kw_only=True):
    scope: Literal["organisation", "team"]
    team_id: str | None
    framework_version: int
    people: int
    fewer_than_five: bool
    certified: int | None
    quarter_start: dt.date
    last_quarter_end: dt.date
    rows: list[GapRow]


class CertificateOf(Struct, kw_only=True):
    """A person's newest certificate, valid or not; none before their first."""

    certificate: Certificate | None


class AssessorChoice(Struct, kw_only=True):
    """Someone who may be named an assessor of a coach: an administrator, the coordinator of the
    coach's team, or a coach holding a valid certificate."""

    person_id: str
    display_name: str
    role: str


class FieldMentorCreate(Request, kw_only=True):
    """Name a coach's field mentor for their mentoring period (ends the one before)."""

    local_id: LocalId
    person_id: PersonId
    mentor_id: PersonId


class FieldMentor(Struct, kw_only=True):
    """A senior colleague who mentors a coach in the field: logs visits and simulations, attaches
    evidence and reads the coach's record while it runs."""

    id: str
    person_id: str
    person_name: str
    mentor_id: str
    mentor_name: str
    started_on: dt.date
    ended_on: dt.date | None
    named_by_name: str
