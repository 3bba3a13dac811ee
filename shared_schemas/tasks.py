"""Photo task instructions, on-the-job training and progress.

Writes that the client's phone (or the coach's, during training) may send from its outbox carry
``localId``: a UUID the phone made when the person acted, so a repeat lands once. ``clientId``
always names the client (a person).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

# How much help a step needed, from none to the most.
PromptLevel = Literal["independent", "verbal", "gestural", "model", "physical"]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Language = Literal["en", "pl", "fi", "he"]
"""The language a task's words are written in (the app's languages)."""
Workplace = Annotated[str, msgspec.Meta(max_length=120)]
StepText = Annotated[str, msgspec.Meta(min_length=1, max_length=140)]
"""One short plain-language sentence."""
AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]
MasterySessions = Annotated[int, msgspec.Meta(ge=1, le=20)]
Seconds = Annotated[int, msgspec.Meta(ge=0, le=24 * 3600)]
Day = Annotated[date, msgspec.Meta(description="A calendar day at the place, YYYY-MM-DD")]
Zone = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, description="IANA zone, e.g. Europe/Helsinki")
]


class PhotoFile(Struct, kw_only=True):
    size: int
    """The nominal long edge: 1600, 800 or 320 (a small photo has fewer sizes)."""
    width: int
    height: int
    webp: str
    jpeg: str


class Photo(Struct, kw_only=True):
    """URLs with content-hashed names: cache them for as long as you like."""

    id: str
    width: int
    """Of the largest size, upright (the EXIF orientation is applied)."""
    height: int
    src: str
    """A JPEG every browser shows, for ``<img src>``."""
    srcset_webp: str
    """For ``<source type="image/webp" srcset>``: ``url 1200w, url 600w, url 240w``."""
    srcset_jpeg: str
    """For ``<img srcset>``."""
    files: list[PhotoFile]


class Voice(Struct, kw_only=True):
    url: str
    content_type: Literal["audio/webm", "audio/mp4"]
    seconds: float | None
    """How long the recording is, when the file says."""


class Step(Struct, kw_only=True):
    id: str
    position: int
    """1 for the first step."""
    text: str
    photo: Photo | None
    voice: Voice | None
    mastered: bool
    """The client does this step alone: the player shows it compact, the photo one tap away."""


class TaskSummary(Struct, kw_only=True):
    id: str
    client_id: str | None
    """None for a template."""
    title: str
    workplace: str
    is_template: bool
    step_count: int
    mastery_sessions: int
    """Mastery: every step independent in this many consecutive training sessions."""
    open_help_requests: int
    updated_at: datetime
    language: Language | None = None
    """The language the title and steps are written in; null when not known."""
    job_id: str | None = None
    """The client's job whose workplace the task is done at; None: not said (or a template)."""


class TaskDetail(Struct, kw_only=True):
    id: str
    client_id: str | None
    title: str
    workplace: str
    is_template: bool
    mastery_sessions: int
    steps: list[Step]
    created_at: datetime
    updated_at: datetime
    copied_from: str | None = None
    language: Language | None = None
    """The language the title and steps are written in; null when not known (older tasks)."""
    job_id: str | None = None
    """The client's job whose workplace the task is done at; None: not said."""


class TaskCreate(Request, kw_only=True):
    title: Title
    workplace: Workplace = ""
    mastery_sessions: MasterySessions = 3
    language: Language | None = None
    """The language the coach writes the task in: the app's language on their device. Without
    it, the language saved with the coach."""
    job_id: str | None = None
    """One of the client's jobs: the task is done at its workplace."""


class TaskUpdate(Request, kw_only=True):
    title: Title | None = None
    workplace: Workplace | None = None
    mastery_sessions: MasterySessions | None = None
    job_id: str | msgspec.UnsetType | None = msgspec.UNSET
    """One of the client's jobs, or null for none; absent leaves it."""


class TaskCopy(Request, kw_only=True):
    to_client_id: str
    """The client who gets a copy: one the caller may manage."""
    title: Title | None = None


class TemplateCreate(Request, kw_only=True):
    title: Title | None = None
    workplace: Workplace | None = None


class StepCreate(Request, kw_only=True):
    text: StepText
    position: Annotated[int, msgspec.Meta(ge=1)] | None = None
    """Where to insert (1 = first); at the end when absent."""


class StepUpdate(Request, kw_only=True):
    text: StepText | None = None
    mastered: bool | None = None


class StepOrder(Request, kw_only=True):
    step_ids: list[str]
    """Every step of the task, once, in the new order."""


class PlayerStep(Struct, kw_only=True):
    id: str
    position: int
    text: str
    photo: Photo | None
    voice: Voice | None
    compact: bool
    """A mastered step: show the sentence, the photo one tap away (a tap is a self-prompt)."""


class Player(Struct, kw_only=True):
    """The task exactly as the client's player shows it (also the coach's preview)."""

    task_id: str
    title: str
    workplace: str
    step_count: int
    steps: list[PlayerStep]
    language: Language | None = None
    """The language the title and steps are written in (``lang`` on them, and the voice that
    reads them); null when not known: the reader's own language is the best guess."""


class CompletionCreate(Request, kw_only=True):
    local_id: LocalId
    step_id: str
    run_id: LocalId
    """One go through the task, made by the phone when the client started it."""
    at: AwareDatetime


class Completion(Struct, kw_only=True):
    id: str
    local_id: str
    task_id: str
    step_id: str
    run_id: str
    at: datetime


class SelfPromptCreate(Request, kw_only=True):
    local_id: LocalId
    step_id: str
    at: AwareDatetime


class SelfPrompt(Struct, kw_only=True):
    id: str
    local_id: str
    task_id: str
    step_id: str
    at: datetime


class HelpRequestCreate(Request, kw_only=True):
    local_id: LocalId
    step_id: str | None = None
    at: AwareDatetime


class HelpRequest(Struct, kw_only=True):
    id: str
    local_id: str
    task_id: str
    task_title: str
    step_id: str | None
    step_position: int | None
    step_text: str | None
    at: datetime
    resolved_at: datetime | None
    reached: Literal["phone", "screen"] | None = None
    """How the client's coach got it, for the client's screen: ``phone`` (a push service
    accepted it for one of the coach's devices), ``screen`` (the coach's open Stepwise has it),
    null while neither is known (the coach sees it when they next open Stepwise)."""
    escalated_at: datetime | None = None
    """Not answered in the team's time during a shift: then told to the whole team."""


class StepRecordSet(Request, kw_only=True):
    step_id: str
    level: PromptLevel
    duration_seconds: Seconds | None = None


class StepRecordUpdate(Request, kw_only=True):
    level: PromptLevel
    duration_seconds: Seconds | None = None


class SessionCreate(Request, kw_only=True):
    local_id: LocalId
    started_at: AwareDatetime
    records: list[StepRecordSet] = []
    date: Day | None = None
    """The day of the session at the place (a session recorded later, from paper): not in the
    future, not before the task was made. Absent: the day of ``startedAt`` at ``zone``."""
    zone: Zone | None = None
    """Where the day is counted (the phone's zone at the workplace); UTC when absent."""


class StepRecord(Struct, kw_only=True):
    step_id: str
    level: PromptLevel
    duration_seconds: int | None
    recorded_at: datetime


class TrainingSession(Struct, kw_only=True):
    id: str
    local_id: str
    task_id: str
    coach_id: str | None
    started_at: datetime
    records: list[StepRecord]
    date: Day | None = None
    """The day of the session at the place; progress is ordered by it."""


class SessionProgress(Struct, kw_only=True):
    id: str
    started_at: datetime
    coach_name: str | None
    independent: int
    """Steps done independently in this session."""
    recorded: int
    """Steps with a prompt level recorded."""
    total: int
    independent_percent: int
    """Of all the task's steps, 0–100."""
    date: Day | None = None
    """The day of the session at the place; sessions are ordered by it."""


class StepProgress(Struct, kw_only=True):
    step_id: str
    position: int
    text: str
    levels: list[PromptLevel | None]
    """One per session, oldest first; None where the step was not recorded."""
    independent_streak: int
    """Independent in this many of the latest sessions in a row."""
    ready_to_fade: bool
    """The streak reached the mastery criterion: the coach may mark the step mastered."""
    mastered: bool
    self_prompts: int
    """Taps on the photo of this step since it was marked mastered."""


class Progress(Struct, kw_only=True):
    task_id: str
    mastery_sessions: int
    step_count: int
    sessions: list[SessionProgress]
    steps: list[StepProgress]
    sessions_to_mastery: int | None
    """Sessions until every step was independent in ``masterySessions`` sessions in a row."""
    mastered_at: datetime | None
    days_to_independence: int | None
    """Days from the first training session to the session that met the criterion."""
    session_count: int = 0
    """All the task's sessions; ``sessions`` is a page of them (the latest, unless a cursor
    asked for older ones), oldest first; ``levels`` follow the same page."""
    first_session_number: int = 1
    """The number of the page's first session, counting the task's first session as 1."""
    older_cursor: str | None = None
    """Pass as ``cursor`` for the page of sessions before this one; None: none are older."""


class MySession(Struct, kw_only=True):
    at: datetime
    on_your_own: int
    total: int
    date: Day | None = None


class MyRun(Struct, kw_only=True):
    run_id: str
    at: datetime
    steps_done: int
    total: int


class MyProgress(Struct, kw_only=True):
    """The client's own progress as numbers for plain words ("9 of 10 steps on your own")."""

    task_id: str
    title: str
    step_count: int
    sessions: int
    latest: MySession | None
    previous: MySession | None
    mastered: bool
    last_run: MyRun | None


HelpId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="A request's ``id`` from the list of unanswered requests.",
    ),
]


class HelpRequestsSeen(Request, kw_only=True):
    """The requests for help an open staff screen shows now."""

    ids: Annotated[list[HelpId], msgspec.Meta(max_length=200)]
    """At most as many as the list holds (200)."""


class OpenHelpRequest(Struct, kw_only=True):
    """A request for help nobody has answered yet, for the coach's home: who, which task and
    which step."""

    id: str
    client_id: str
    """The client who asked (a person's id, as in ``TaskSummary``)."""
    client_name: str
    task_id: str
    task_title: str
    step_position: int | None
    step_text: str | None
    at: datetime
    escalated_at: datetime | None = None
    """Set when nobody answered in the team's time and the whole team was told."""
    coach_name: str | None = None
    """The client's coach (for the coordinator and the team's other coaches)."""
    coach_id: str | None = None
