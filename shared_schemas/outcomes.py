"""The coordinator's figures: outcomes computed from what the app records, over a scope (the
organisation, a team, one coach's caseload) and a period (a month by default), each with its
definition, a trend over the last six periods and the rows behind it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from shared_schemas.base import Struct

ScopeKind = Literal["organisation", "team", "coach"]
IndicatorId = Literal[
    "caseload",
    "by_stage",
    "past_target",
    "no_contact_30",
    "conversation_coverage",
    "employer_contacts",
    "employer_contacts_face",
    "days_to_employer_contact",
    "job_starts",
    "retention_4",
    "retention_13",
    "retention_26",
    "employment_rate",
    "days_to_job",
    "competitive_integrated",
    "job_hours",
    "paid_minimum",
    "job_variety",
    "retention_52",
    "retention_90d",
    "retention_180d",
    "job_endings",
    "opportunity_funnel",
    # Independence, goals and coach time (backend/outcomes/figures_practice.py)
    "steps_independent",
    "sessions_to_mastery",
    "days_to_mastery",
    "after_mastery",
    "coach_hours_per_client",
    "coach_presence",
    "gas_t_score",
    "gas_agreement",
    "community_time",
    "time_by_purpose",
    "mood",
]
Unit = Literal[
    "clients",
    "clients_per_coach",
    "percent",
    "days",
    "per_coach_week",
    "jobs",
    "hours_per_week",
    "employers",
    "opportunities",
    # Independence, goals and coach time
    "sessions",
    "taps",
    "hours_per_client_month",
    "t_score",
    "hours",
    "mood",  # −2 (bad) … +2 (very good), the five faces
]
PartKind = Literal[
    "coach",
    "stage",
    "status",
    "purpose",  # an activity's main purpose (coach time)
]
RowKind = Literal["client", "activity"]


class Scope(Struct, kw_only=True):
    """What the figures are about: the organisation, a team, or one coach's caseload."""

    kind: ScopeKind
    id: str | None = None
    name: str = ""


class Point(Struct, kw_only=True):
    """The figure over one period of the trend (``value`` None: nothing to count)."""

    start: dt.date
    end: dt.date
    value: float | None
    base: int | None = None


class Part(Struct, kw_only=True):
    """A figure's breakdown: per coach, per stage, per activity purpose, or by status (``key`` is
    the coach's id, the stage, the purpose or the status, ``label`` the coach's name)."""

    kind: PartKind
    key: str
    label: str = ""
    value: float


class Figure(Struct, kw_only=True):
    """One indicator over the period: its value, the number of people or jobs it is a share or
    a part of (``base``: those counted on; None for a count or a mean),
    its target, its breakdown, and the same figure over the last six periods (oldest first)."""

    id: IndicatorId
    name: str
    definition: str
    rows_label: str
    unit: Unit
    value: float | None
    base: int | None = None
    target: float | None = None
    higher_is_better: bool | None = None
    parts: list[Part] = []
    trend: list[Point] = []


class Dashboard(Struct, kw_only=True):
    """The figures over a scope and a period; ``as_of`` is the day the counts are taken on (the
    period's last day, or today while it runs); ``choices``: the scopes the reader may pick."""

    scope: Scope
    start: dt.date
    end: dt.date
    as_of: dt.date
    figures: list[Figure]
    choices: list[Scope]


class OutcomeRow(Struct, kw_only=True):
    """One row behind a figure: a client (``id`` the client's id, ``name`` theirs) or an
    activity (``id`` the activity's, ``name`` the employer's). ``counted``: whether it counts
    in the figure's numerator (a retention row may be a job not kept)."""

    kind: RowKind
    id: str
    name: str
    coach_name: str = ""
    day: dt.date | None = None
    value: float | None = None
    detail: str = ""
    counted: bool = True
