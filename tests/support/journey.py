"""Helpers for the client's journey in API tests: intake on a day, a job in the table."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from backend.employers.tables import Job
from backend.journey.tables import Episode, StagePeriod
from backend.lib.clock import now


def today() -> date:
    return now().date()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def intake(on: date, **extra: Any) -> dict[str, Any]:
    return {"localId": str(uuid.uuid4()), "intakeOn": on.isoformat(), **extra}


def start(stage: str, on: date | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"localId": str(uuid.uuid4()), "stage": stage}
    if on is not None:
        body["startedOn"] = on.isoformat()
    return body


async def job(client_id: str, title: str, started_on: date, ended_on: date | None = None) -> str:
    row = Job(
        client_uuid=uuid.uuid4(),
        client=client_id,
        title=title,
        start_date=started_on,
        end_date=ended_on,
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    return str(row.id)


async def end_job(job_id: str, ended_on: date) -> None:
    """What the employers domain writes before it tells that a job ended."""
    await Job.update({Job.end_date: ended_on, Job.end_reason: "other"}).where(Job.id == job_id)


async def opened(client_id: str, days: int = 10) -> str:
    """An open episode with engagement going on since ``days`` ago, made straight in the
    database; the engagement period's id."""
    at = now()
    episode = Episode(
        client_uuid=uuid.uuid4(),
        client=client_id,
        intake_on=days_ago(days),
        created_at=at,
        updated_at=at,
    )
    await episode.save()
    period = StagePeriod(
        client_uuid=uuid.uuid4(),
        episode=episode.id,
        client=client_id,
        stage="engagement",
        started_on=days_ago(days),
        created_at=at,
        updated_at=at,
    )
    await period.save()
    return str(period.id)
