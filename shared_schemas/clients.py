"""Client records and caseloads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import Request, Struct

# The five stages of supported employment (EUSE).
Stage = Literal["engagement", "profiling", "job_finding", "employer_engagement", "support"]


class FamilyMember(Struct, kw_only=True):
    id: str
    display_name: str
    relation: str


class ClientSummary(Struct, kw_only=True):
    id: str
    display_name: str
    stage: Stage
    coach_id: str | None
    coach_name: str | None
    team_id: str | None
    stage_since: date | None = None
    """Since when the current stage goes on (the client's journey); None before intake."""
    stage_overdue: bool = False
    """The current stage goes on past the organisation's target for it."""


class ClientDetail(Struct, kw_only=True):
    id: str
    display_name: str
    stage: Stage
    coach_id: str | None
    coach_name: str | None
    team_id: str | None
    support_summary: str
    family: list[FamilyMember]
    created_at: datetime


class ClientUpdate(Request, kw_only=True):
    stage: Stage | None = None
    coach_id: str | None = None
    support_summary: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
