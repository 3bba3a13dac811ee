"""Clients' jobs as the outcomes' figures read them: jobs started in a period, and the jobs of
a few clients (to follow a job started into the next one). Each read is bounded by the clients
and the days asked about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from backend.clients import InScope, among
from backend.employers.tables import Job
from backend.lib.clock import day_of as _day
from backend.lib.ids import as_uuid


@dataclass(frozen=True, slots=True)
class JobSpan:
    """A job's days and weekly hours (in tenths; None: not recorded)."""

    job_id: str
    client_id: str
    title: str
    start: date
    end: date | None
    hours_tenths: int | None


def _keys(ids: Sequence[str]) -> list[Any]:
    return [k for k in (as_uuid(i) for i in ids) if k is not None]


_COLUMNS = (Job.id, Job.client, Job.title, Job.start_date, Job.end_date, Job.hours_per_week_tenths)


def _span(r: dict[str, Any]) -> JobSpan:
    start = _day(r["start_date"])
    assert start is not None
    return JobSpan(
        job_id=str(r["id"]),
        client_id=str(r["client"]),
        title=r["title"],
        start=start,
        end=_day(r["end_date"]),
        hours_tenths=r["hours_per_week_tenths"],
    )


async def jobs_started(
    clients: Sequence[str] | InScope, first: date, last: date, min_hours_tenths: int = 0
) -> list[JobSpan]:
    """The jobs of these clients that started on ``first`` … ``last`` with at least
    ``min_hours_tenths`` a week (a job without its hours recorded is left out then)."""
    if not isinstance(clients, InScope) and not _keys(clients):
        return []
    where: Any = among(Job.client, clients) & (Job.start_date >= first) & (Job.start_date <= last)
    if min_hours_tenths > 0:
        where &= Job.hours_per_week_tenths >= min_hours_tenths
    return [_span(r) for r in await Job.select(*_COLUMNS).where(where)]


async def jobs_of(clients: Sequence[str], since: date) -> list[JobSpan]:
    """The jobs of these clients going on on ``since`` or started after it."""
    keys = _keys(clients)
    if not keys:
        return []
    rows = await Job.select(*_COLUMNS).where(
        Job.client.is_in(keys) & (Job.end_date.is_null() | (Job.end_date >= since))
    )
    return [_span(r) for r in rows]


@dataclass(frozen=True, slots=True)
class JobFacts:
    """A job as the figures of work read it: its days, hours and pay, the employer (its id,
    name and sector), whether it is competitive and integrated (True: all four answers yes;
    False: one is no; None: not known), and why it ended."""

    job_id: str
    client_id: str
    title: str
    start: date
    end: date | None
    hours_tenths: int | None
    pay_cents: int | None
    currency: str
    employer_id: str | None
    employer_name: str
    sector: str
    competitive_integrated: bool | None
    end_reason: str


_FACTS = (
    *_COLUMNS,
    Job.hourly_pay_cents,
    Job.currency,
    Job.employer,
    Job.employer.name.as_alias("employer_name"),
    Job.employer.sector.as_alias("sector"),
    Job.at_least_minimum_wage,
    Job.open_to_anyone,
    Job.same_pay_as_others,
    Job.alongside_others,
    Job.end_reason,
)


def _facts(r: dict[str, Any]) -> JobFacts:
    span = _span(r)
    answers = (
        r["at_least_minimum_wage"],
        r["open_to_anyone"],
        r["same_pay_as_others"],
        r["alongside_others"],
    )
    ci = False if False in answers else True if all(a is True for a in answers) else None
    return JobFacts(
        job_id=span.job_id,
        client_id=span.client_id,
        title=span.title,
        start=span.start,
        end=span.end,
        hours_tenths=span.hours_tenths,
        pay_cents=r["hourly_pay_cents"],
        currency=r["currency"] or "",
        employer_id=str(r["employer"]) if r["employer"] is not None else None,
        employer_name=r["employer_name"] or "",
        sector=r["sector"] or "",
        competitive_integrated=ci,
        end_reason=r["end_reason"] or "",
    )


async def jobs_on(clients: Sequence[str] | InScope, day: date) -> list[JobFacts]:
    """The jobs of these clients going on on ``day``: started on or before it, not ended before
    it (the end day is the last day of work)."""
    if not isinstance(clients, InScope) and not _keys(clients):
        return []
    where: Any = (
        among(Job.client, clients)
        & (Job.start_date <= day)
        & (Job.end_date.is_null() | (Job.end_date >= day))
    )
    return [_facts(r) for r in await Job.select(*_FACTS).where(where)]


async def jobs_ended(clients: Sequence[str] | InScope, first: date, last: date) -> list[JobFacts]:
    """The jobs of these clients that ended on ``first`` … ``last``."""
    if not isinstance(clients, InScope) and not _keys(clients):
        return []
    where: Any = among(Job.client, clients) & (Job.end_date >= first) & (Job.end_date <= last)
    return [_facts(r) for r in await Job.select(*_FACTS).where(where)]


async def first_jobs_since(
    clients: dict[str, date], min_hours_tenths: int = 0
) -> dict[str, JobFacts]:
    """Per client: their first job that started on or after the day given for them, with at
    least ``min_hours_tenths`` a week (none yet: left out)."""
    keys = _keys(sorted(clients))
    if not keys:
        return {}
    where: Any = Job.client.is_in(keys) & (Job.start_date >= min(clients.values()))
    if min_hours_tenths > 0:
        where &= Job.hours_per_week_tenths >= min_hours_tenths
    out: dict[str, JobFacts] = {}
    for job in sorted(
        (_facts(r) for r in await Job.select(*_FACTS).where(where)),
        key=lambda j: (j.start, j.job_id),
    ):
        if job.client_id not in out and job.start >= clients[job.client_id]:
            out[job.client_id] = job
    return out
