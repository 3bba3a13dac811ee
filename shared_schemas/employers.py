"""Employers in the team's shared register, the people there, and clients' jobs.

A job is competitive and integrated (the supported-employment outcome funders count) when all
four answers are yes: the pay is at least the legal minimum wage, the job is open to anyone
(not a place set aside for disabled people), the client is paid the same as others doing
the same work, and works alongside co-workers without disabilities."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=160)]
PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Address = Annotated[str, msgspec.Meta(max_length=300)]
Sector = Annotated[str, msgspec.Meta(max_length=120)]
Notes = Annotated[str, msgspec.Meta(max_length=2000)]
WorkRole = Annotated[str, msgspec.Meta(max_length=120)]
Phone = Annotated[str, msgspec.Meta(max_length=40)]
Email = Annotated[str, msgspec.Meta(max_length=254)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=160)]
Hours = Annotated[float, msgspec.Meta(ge=0, le=80, description="Hours a week, to a tenth")]
Cents = Annotated[
    int, msgspec.Meta(ge=0, le=100_000, description="Pay an hour in cents (12.50 € → 1250)")
]
Currency = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. EUR")]
ContractType = Literal["permanent", "fixed_term", "apprenticeship", "agency", "other"]
"""Open-ended; for a set time; an apprenticeship; through an agency; something else."""
EndReason = Literal["quit", "dismissed", "contract_ended", "moved_job", "health", "other"]
"""Why a job ended: the client left, was let go, the contract ran out, they moved to another
job, for their health, or something else."""


class EmployerPerson(Struct, kw_only=True):
    """A person at an employer: minimal data, and when they were told what is kept about them."""

    id: str
    employer_id: str
    name: str
    role: str
    """Their role at work ("supervisor", "owner")."""
    phone: str
    email: str
    noticed_at: dt.datetime | None
    """When they were given the organisation's notice about what is kept about them."""
    notice_version: int | None
    """The version of the notice they were given."""
    created_at: dt.datetime
    updated_at: dt.datetime


class EmployerSummary(Struct, kw_only=True):
    """One employer in the register list."""

    id: str
    name: str
    address: str
    sector: str
    team_id: str | None
    last_contact_at: dt.datetime | None
    """The latest activity with the employer or one of its people; None: none logged."""


class Job(Struct, kw_only=True):
    """A client's job."""

    id: str
    client_id: str
    client_name: str
    employer_id: str | None
    employer_name: str
    """"" when no employer from the register is named."""
    employer_address: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: EndReason | None
    hours_per_week: float | None
    hourly_pay_cents: int | None
    currency: str
    contract_type: ContractType | None
    at_least_minimum_wage: bool | None
    open_to_anyone: bool | None
    same_pay_as_others: bool | None
    competitive_integrated: bool
    """All four answers are yes."""
    created_at: dt.datetime
    updated_at: dt.datetime
    alongside_others: bool | None = None
    """The client works alongside co-workers without disabilities."""


class EmployerDetail(Struct, kw_only=True):
    """An employer's page: the register entry, its people, and the jobs there of the clients the
    reader may see."""

    id: str
    name: str
    address: str
    sector: str
    notes: str
    team_id: str | None
    last_contact_at: dt.datetime | None
    people: list[EmployerPerson]
    """By name."""
    jobs: list[Job]
    """Current jobs first, then by start date, newest first (at most 100)."""
    created_at: dt.datetime
    updated_at: dt.datetime


class EmployerCreate(Request, kw_only=True):
    local_id: LocalId
    name: Name
    address: Address = ""
    sector: Sector = ""
    notes: Notes = ""
    team_id: str | None = None
    """Administrators choose the team whose register holds it; others add to their own team's."""


class EmployerUpdate(Request, kw_only=True):
    name: Name | None = None
    address: Address | None = None
    sector: Sector | None = None
    notes: Notes | None = None


class EmployerPersonCreate(Request, kw_only=True):
    local_id: LocalId
    name: PersonName
    role: WorkRole = ""
    phone: Phone = ""
    email: Email = ""


class EmployerPersonUpdate(Request, kw_only=True):
    name: PersonName | None = None
    role: WorkRole | None = None
    phone: Phone | None = None
    email: Email | None = None


class NoticeGiven(Request, kw_only=True):
    """The person was given the notice for employer contacts, in this version."""

    version: Annotated[int, msgspec.Meta(ge=1)]


class JobCreate(Request, kw_only=True):
    local_id: LocalId
    employer_id: str | None = None
    """An employer of the register the writer sees; None: not in the register."""
    title: Title
    start_date: dt.date
    hours_per_week: Hours | None = None
    hourly_pay_cents: Cents | None = None
    currency: Currency = "EUR"
    contract_type: ContractType | None = None
    at_least_minimum_wage: bool | None = None
    open_to_anyone: bool | None = None
    same_pay_as_others: bool | None = None
    alongside_others: bool | None = None


class JobUpdate(Request, kw_only=True):
    """Absent fields stay as they were; ``null`` clears an optional answer."""

    employer_id: str | msgspec.UnsetType | None = msgspec.UNSET
    title: Title | None = None
    start_date: dt.date | None = None
    hours_per_week: Hours | msgspec.UnsetType | None = msgspec.UNSET
    hourly_pay_cents: Cents | msgspec.UnsetType | None = msgspec.UNSET
    currency: Currency | None = None
    contract_type: ContractType | msgspec.UnsetType | None = msgspec.UNSET
    at_least_minimum_wage: bool | msgspec.UnsetType | None = msgspec.UNSET
    open_to_anyone: bool | msgspec.UnsetType | None = msgspec.UNSET
    same_pay_as_others: bool | msgspec.UnsetType | None = msgspec.UNSET
    alongside_others: bool | msgspec.UnsetType | None = msgspec.UNSET


class JobEnd(Request, kw_only=True):
    end_date: dt.date
    reason: EndReason


class WorkPlace(Struct, kw_only=True):
    """Where the client works now, in the client's day: a current job."""

    job_id: str
    title: str
    employer_name: str
    address: str
    start_date: dt.date


class MinimumWage(Struct, kw_only=True):
    """The legal minimum hourly wage the administrator set (``hourlyCents`` None: not set), which
    the figures compare clients' pay with."""

    hourly_cents: int | None
    currency: str = "EUR"
    updated_at: dt.datetime | None = None


class MinimumWageUpdate(Request, kw_only=True):
    """Set the legal minimum hourly wage (``hourlyCents`` None: clear it)."""

    hourly_cents: (
        Annotated[int, msgspec.Meta(ge=1, le=100_000, description="In cents: 12.50 € → 1250")]
        | None
    )
    currency: Currency = "EUR"
