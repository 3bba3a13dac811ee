"""Goals (the PTA goal tool): one to four weeks, one to five means, check-ins during the
period, and the client's and the coach's end evaluation side by side (issue 5)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import Request, Struct
from shared_schemas.tasks import Photo

ClientUuid = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="A UUID made by the phone when the person acted; a repeat lands once.",
    ),
]
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


class Evaluation(Struct, kw_only=True):
    rating: int
    comment: str
    at: dt.datetime


class CheckIn(Struct, kw_only=True):
    id: str
    client_id: str
    """The clientId the phone sent."""
    mood: int
    note: str
    at: dt.datetime


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


class GoalCreate(Request, kw_only=True):
    client_id: ClientUuid
    title: Title
    means: Means
    ends_on: dt.date
    """One to four weeks after ``startsOn``."""
    starts_on: dt.date | None = None
    """Today when omitted."""
    weight: Weight = 1.0
    status: Literal["draft", "active"] = "active"


class GoalUpdate(Request, kw_only=True):
    title: Title | None = None
    means: Means | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    weight: Weight | None = None
    status: Literal["active", "cancelled"] | None = None
    """``active`` starts a draft; ``cancelled`` drops a goal."""


class CheckInCreate(Request, kw_only=True):
    client_id: ClientUuid
    mood: Scale
    at: AwareDatetime
    note: Annotated[str, msgspec.Meta(max_length=280)] = ""


class EvaluationSet(Request, kw_only=True):
    """The client rates as the client, staff as the coach; each keeps their own."""

    rating: Scale
    comment: Comment = ""


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
