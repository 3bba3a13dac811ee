"""Clients' jobs: the only writer of the jobs table.

A job is recorded (``JobStarted``) and later ended with a date and a reason (``JobEnded``); the
domains above listen (the client's journey moves on). Hours are kept in tenths and pay in cents,
so 12.5 hours at 11.40 € are exact on both engines.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from backend.employers.events import JobEnded, JobStarted
from backend.employers.rows import EmployerRow
from backend.employers.tables import Job
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import employers as wire

NO_JOB = "There is no such job in your reach."
JOBS = "jobs"
"""A client's job list's name in its cursors."""
EMPLOYER_JOBS = 100
"""How many jobs an employer's page lists at most (the current ones first)."""

_COLUMNS = (
    *Job.all_columns(),
    Job.client.display_name.as_alias("client_name"),
    Job.employer.name.as_alias("employer_name"),
    Job.employer.address.as_alias("employer_address"),
)


def _tenths(hours: float | None) -> int | None:
    return None if hours is None else round(hours * 10)


def _job(r: dict[str, Any]) -> wire.Job:
    answers = (
        r["at_least_minimum_wage"],
        r["open_to_anyone"],
        r["same_pay_as_others"],
        r["alongside_others"],
    )
    tenths = r["hours_per_week_tenths"]
    return wire.Job(
        id=str(r["id"]),
        client_id=str(r["client"]),
        client_name=r["client_name"] or "",
        employer_id=str(r["employer"]) if r["employer"] is not None else None,
        employer_name=r["employer_name"] or "",
        employer_address=r["employer_address"] or "",
        title=r["title"],
        start_date=r["start_date"],
        end_date=r["end_date"],
        end_reason=r["end_reason"] or None,
        hours_per_week=None if tenths is None else tenths / 10,
        hourly_pay_cents=r["hourly_pay_cents"],
        currency=r["currency"],
        contract_type=r["contract_type"] or None,
        at_least_minimum_wage=answers[0],
        open_to_anyone=answers[1],
        same_pay_as_others=answers[2],
        competitive_integrated=all(a is True for a in answers),
        alongside_others=answers[3],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )


async def job_row(job_id: str) -> dict[str, Any] | None:
    """The job's row, unchecked (the caller decides with ``access.py``)."""
    if as_uuid(job_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Job.select(*Job.all_columns()).where(Job.id == job_id).first()
    )
    return row


async def detail(job_id: Any) -> wire.Job:
    row = await Job.select(*_COLUMNS).where(Job.id == job_id).first()
    if row is None:
        raise not_found(NO_JOB)
    return _job(row)


def jobs_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of a client's jobs: the latest start first (then by id)."""
    return page_request(JOBS, cursor, limit, date, str)


async def jobs_of(client_id: str, page: PageRequest) -> tuple[list[wire.Job], str | None]:
    where: Any = Job.client == client_id
    if (after := after_key(page, Job.start_date, Job.id, descending=True)) is not None:
        where &= after
    rows = (
        await Job.select(*_COLUMNS)
        .where(where)
        .order_by(Job.start_date, Job.id, ascending=False)
        .limit(page.fetch)
    )
    return page_of([_job(r) for r in rows], page, JOBS, lambda j: (j.start_date, j.id))


async def jobs_at(employer_id: str) -> list[wire.Job]:
    """The jobs at an employer, current ones first, then the latest start first (at most
    ``EMPLOYER_JOBS``); the caller keeps those of clients the reader may see."""
    rows = (
        await Job.select(*_COLUMNS)
        .where(Job.employer == employer_id)
        .order_by(Job.start_date, Job.id, ascending=False)
        .limit(EMPLOYER_JOBS)
    )
    jobs = [_job(r) for r in rows]
    return sorted(jobs, key=lambda j: j.end_date is not None)


async def current_jobs(client_id: str, on: date) -> list[wire.Job]:
    """The client's jobs not ended before ``on``, the latest start first (for the task and shift
    forms: which workplace)."""
    rows = (
        await Job.select(*_COLUMNS)
        .where(Job.client == client_id, (Job.end_date.is_null()) | (Job.end_date >= on))
        .order_by(Job.start_date, Job.id, ascending=False)
    )
    return [_job(r) for r in rows]


def _check_dates(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise field_error("body.endDate", "The job cannot end before it starts.")


async def create(
    actor: Actor, client_id: str, employer: EmployerRow | None, data: wire.JobCreate
) -> tuple[str, bool]:
    """Record a client's job (once per ``localId``); ``JobStarted`` when it is new."""
    title = " ".join(data.title.split())
    if not title:
        raise field_error("body.title", "Write the job title.")
    at = now()
    row = Job(
        client_uuid=as_uuid(data.local_id),
        client=client_id,
        employer=employer.id if employer else None,
        title=title,
        start_date=data.start_date,
        hours_per_week_tenths=_tenths(data.hours_per_week),
        hourly_pay_cents=data.hourly_pay_cents,
        currency=data.currency,
        contract_type=data.contract_type or "",
        at_least_minimum_wage=data.at_least_minimum_wage,
        open_to_anyone=data.open_to_anyone,
        same_pay_as_others=data.same_pay_as_others,
        alongside_others=data.alongside_others,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(Job, row, {"client": client_id}, data)
    if created:
        await emit(
            JobStarted(
                job_id=str(found["id"]),
                client_id=client_id,
                employer_id=employer.id if employer else None,
                started_on=data.start_date,
            )
        )
    return str(found["id"]), created


async def update(job: dict[str, Any], employer: EmployerRow | None, data: wire.JobUpdate) -> None:
    """Change what was recorded; ``employer`` is the one named when ``employerId`` was sent."""
    changes: dict[Any, Any] = {}
    if not isinstance(data.employer_id, msgspec.UnsetType):
        changes[Job.employer] = employer.id if employer else None
    if data.title is not None:
        title = " ".join(data.title.split())
        if not title:
            raise field_error("body.title", "Write the job title.")
        changes[Job.title] = title
    if data.start_date is not None:
        _check_dates(data.start_date, job["end_date"])
        changes[Job.start_date] = data.start_date
    if not isinstance(data.hours_per_week, msgspec.UnsetType):
        changes[Job.hours_per_week_tenths] = _tenths(data.hours_per_week)
    if not isinstance(data.hourly_pay_cents, msgspec.UnsetType):
        changes[Job.hourly_pay_cents] = data.hourly_pay_cents
    if data.currency is not None:
        changes[Job.currency] = data.currency
    if not isinstance(data.contract_type, msgspec.UnsetType):
        changes[Job.contract_type] = data.contract_type or ""
    for name in (
        "at_least_minimum_wage",
        "open_to_anyone",
        "same_pay_as_others",
        "alongside_others",
    ):
        value = getattr(data, name)
        if not isinstance(value, msgspec.UnsetType):
            changes[getattr(Job, name)] = value
    if changes:
        changes[Job.updated_at] = now()
        await Job.update(changes).where(Job.id == job["id"])


async def end(job: dict[str, Any], data: wire.JobEnd) -> None:
    """End the job on a date, for a reason; ``JobEnded``. A job ends once: ending it again is
    refused (correct a slip with the job's own change of dates later)."""
    if job["end_date"] is not None:
        raise field_error("body.endDate", "This job has already ended.", 409, "conflict")
    _check_dates(job["start_date"], data.end_date)
    await Job.update(
        {Job.end_date: data.end_date, Job.end_reason: data.reason, Job.updated_at: now()}
    ).where(Job.id == job["id"])
    await emit(
        JobEnded(
            job_id=str(job["id"]),
            client_id=str(job["client"]),
            ended_on=data.end_date,
            reason=data.reason,
        )
    )
