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


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


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
