"""Goals (the PTA goal tool): one to four weeks, one to five means, check-ins during the
period, and the client's and the coach's end evaluation side by side.

Goal Attainment Scaling (Kiresuk & Sherman 1968): when a goal is set, the client and the coach
write the expected outcome (level 0) in plain words, and where useful the other levels (−2 …
+2). Check-ins and the final evaluation pick one of those levels."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.tasks import Photo

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Mean = Annotated[str, msgspec.Meta(min_length=1, max_length=140)]
Means = Annotated[list[Mean], msgspec.Meta(min_length=1, max_length=5)]
Scale = Annotated[int, msgspec.Meta(ge=-2, le=2)]
"""−2 … +2: check-ins (five faces, −2 = very bad, +2 = very good) and the Goal Attainment Scale
(−2 much less than expected, 0 as expected, +2 much more than expected)."""
Weight = Annotated[float, msgspec.Meta(gt=0, le=10)]
Comment = Annotated[str, msgspec.Meta(max_length=1000)]
GoalStatus = Literal["draft", "active", "ended", "cancelled"]
AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]
LevelText = Annotated[str, msgspec.Meta(max_length=200)]
Reason = Annotated[str, msgspec.Meta(max_length=500)]


class GoalLevels(Struct, kw_only=True):
    """The goal's Goal Attainment Scale in plain words, one sentence per level ("" when not
    written). ``expected`` (0) is what reaching the goal looks like."""

    much_less: str = ""
    """−2"""
    less: str = ""
    """−1"""
    expected: str = ""
    """0"""
    more: str = ""
    """+1"""
    much_more: str = ""
    """+2"""


class GoalLevelsSet(Request, kw_only=True):
    """Written with the client when the goal is set: ``expected`` is required (a blank one is
    refused naming ``body.levels.expected``), the others are optional."""

    expected: LevelText
    much_less: LevelText = ""
    less: LevelText = ""
    more: LevelText = ""
    much_more: LevelText = ""


class EarlyEnd(Struct, kw_only=True):
    """Staff ended the goal before its last day; its final evaluation opened then."""

    on: dt.date
    reason: str


class Evaluation(Struct, kw_only=True):
    rating: int
    comment: str
    at: dt.datetime


class CheckIn(Struct, kw_only=True):
    id: str
    local_id: str
    """The localId the phone sent."""
    mood: int
    """−2 … +2. For a check-in that picked one of the goal's levels, the same number as
    ``level``."""
    note: str
    at: dt.datetime
    level: int | None = None
    """The level of the goal's scale the client picked (−2 … +2); None for a check-in given as
    a face (goals set before levels were written, or an older app)."""


class Goal(Struct, kw_only=True):
    id: str
    owner_id: str
    """The client whose goal it is."""
    title: str
    means: list[str]
    starts_on: dt.date
    ends_on: dt.date
    weight: float
    status: GoalStatus
    """``ended``: active and past its last day."""
    conversation_id: str | None
    """The conversation that proposed it."""
    check_ins: list[CheckIn]
    client_evaluation: Evaluation | None
    coach_evaluation: Evaluation | None
    created_at: dt.datetime
    updated_at: dt.datetime
    photo: Photo | None = None
    """The optional photo of what the goal is about."""
    levels: GoalLevels | None = None
    """The levels written when the goal was set; None for a goal set before levels existed
    (rated with the scale's general words)."""
    evaluation_opens_on: dt.date | None = None
    """The first day of the final evaluation: the goal's last week (``endsOn`` − 6 days), or
    the day staff ended it early."""
    ended_early: EarlyEnd | None = None


class GoalCreate(Request, kw_only=True):
    local_id: LocalId
    title: Title
    means: Means
    ends_on: dt.date
    """One to four weeks after ``startsOn``."""
    starts_on: dt.date | None = None
    """Today when omitted."""
    weight: Weight = 1.0
    status: Literal["draft", "active"] = "active"
    levels: GoalLevelsSet | None = None
    """Required: at least the expected level (0), written with the client."""


class GoalUpdate(Request, kw_only=True):
    title: Title | None = None
    means: Means | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    weight: Weight | None = None
    status: Literal["active", "cancelled"] | None = None
    """``active`` starts a draft; ``cancelled`` drops a goal."""
    levels: GoalLevelsSet | None = None
    """Rewrite the levels (before any final evaluation)."""


class CheckInCreate(Request, kw_only=True):
    local_id: LocalId
    at: AwareDatetime
    mood: Scale | None = None
    """A face (−2 … +2): older apps, and goals without written levels."""
    note: Annotated[str, msgspec.Meta(max_length=280)] = ""
    level: Scale | None = None
    """The level of the goal's scale the client picked: one of ``mood`` or ``level``."""


class EvaluationSet(Request, kw_only=True):
    """The final evaluation: the client rates as the client, staff as the coach; each keeps
    their own. Open from ``evaluationOpensOn`` (the goal's last week, or once staff ended it
    early); before that, 409 ``evaluation_not_open``."""

    rating: Scale
    comment: Comment = ""


class GoalEnd(Request, kw_only=True):
    """Staff end a goal before its last day, saying why; the final evaluation opens."""

    reason: Reason


class GasPeriod(Struct, kw_only=True):
    period: str
    """The month the goals ended in, ``YYYY-MM``."""
    goals: int
    client_t: float | None
    """The GAS T-score from the client's ratings (ρ = 0.3), None when none rated."""
    coach_t: float | None
    coach_rated: int
    client_rated: int


class GasSummary(Struct, kw_only=True):
    """Kiresuk–Sherman T-scores per period (50 = goals reached as expected, SD 10)."""

    rho: float
    periods: list[GasPeriod]
    trend: Literal["up", "down", "flat", "unknown"]
    """From the coach's T-scores: the least-squares slope over the periods, flat within ±1."""
    slope: float | None
    """T-score points per period."""
