"""How the journey follows what happens below it (wired in ``backend/app.py``).

- A job starts (``employers.JobStarted``): support on and off the job starts that day; finding
  a job and working with the employer end that day.
- A job ends (``employers.JobEnded``): unless another job of the client goes on, support ends
  and finding a job starts again that day.
- An opportunity moved to "contacted" (``opportunities.EmployerContacted``): the search for a
  job has begun — finding a job starts that day, unless it goes on already.
- Staff chose a stage on the record itself (``clients.StageChosen``, the older way of moving a
  client on): that stage starts today and the others going on end today.

Nothing happens without an open episode: the journey starts at intake. A day is never put
before the intake (a job recorded as started earlier counts from the intake).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from backend.clients import StageChosen
from backend.employers import JobEnded, JobStarted
from backend.employers.tables import Job
from backend.journey.changes import start_at
from backend.journey.history import open_episode, refresh_record
from backend.journey.tables import Episode, StagePeriod
from backend.lib.clock import now
from backend.opportunities import EmployerContacted

_BEFORE_A_JOB = ("job_finding", "employer_engagement")


async def _end(
    episode_id: Any, stages: tuple[str, ...], on: date, cause: str, by: str | None
) -> None:
    going = await StagePeriod.select(StagePeriod.id, StagePeriod.started_on).where(
        (StagePeriod.episode == episode_id)
        & StagePeriod.ended_on.is_null()
        & StagePeriod.stage.is_in(list(stages))
    )
    for row in going:
        await StagePeriod.update(
            {
                StagePeriod.ended_on: max(on, row["started_on"]),
                StagePeriod.ended_cause: cause,
                StagePeriod.ended_by: by,
                StagePeriod.updated_at: now(),
            }
        ).where(StagePeriod.id == row["id"])


async def _going(episode_id: Any, stage: str) -> bool:
    return await StagePeriod.exists().where(
        (StagePeriod.episode == episode_id)
        & StagePeriod.ended_on.is_null()
        & (StagePeriod.stage == stage)
    )


async def job_started(event: JobStarted) -> None:
    episode = await open_episode(event.client_id)
    if episode is None:
        return
    on = max(event.started_on, episode["intake_on"])
    await _end(episode["id"], _BEFORE_A_JOB, on, "job_started", None)
    if not await _going(episode["id"], "support"):
        await start_at(
            event.client_id, episode["id"], "support", on, None, "job_started", event.job_id
        )
    await refresh_record(event.client_id)


async def _another_job_goes_on(event: JobEnded) -> bool:
    return await Job.exists().where(
        (Job.client == event.client_id)
        & (Job.id != event.job_id)
        & (Job.start_date <= event.ended_on)
        & (Job.end_date.is_null() | (Job.end_date > event.ended_on))
    )


async def job_ended(event: JobEnded) -> None:
    episode = await open_episode(event.client_id)
    if episode is None or await _another_job_goes_on(event):
        return
    on = max(event.ended_on, episode["intake_on"])
    await _end(episode["id"], ("support",), on, "job_ended", None)
    if not await _going(episode["id"], "job_finding"):
        await start_at(
            event.client_id, episode["id"], "job_finding", on, None, "job_ended", event.job_id
        )
    await refresh_record(event.client_id)


async def employer_contacted(event: EmployerContacted) -> None:
    episode = await open_episode(event.client_id)
    if episode is None or await _going(episode["id"], "job_finding"):
        return
    on = max(event.on, episode["intake_on"])
    await start_at(event.client_id, episode["id"], "job_finding", on, event.by, "employer_contact")
    await refresh_record(event.client_id)


async def intakes(client_ids: Sequence[str]) -> dict[str, date]:
    """Each client's intake day, of their newest episode (for the figures of job finding)."""
    rows = await Episode.select(Episode.client, Episode.intake_on).where(
        Episode.client.is_in(list(client_ids) or [None])
    )
    out: dict[str, date] = {}
    for r in rows:
        key = str(r["client"])
        out[key] = max(r["intake_on"], out.get(key, r["intake_on"]))
    return out


async def stage_chosen(event: StageChosen) -> None:
    episode = await open_episode(event.client_id)
    if episode is None:
        return
    on = max(now().date(), episode["intake_on"])
    others = tuple(
        s for s in ("engagement", "profiling", *_BEFORE_A_JOB, "support") if s != event.stage
    )
    await _end(episode["id"], others, on, "coach", event.actor.id)
    if not await _going(episode["id"], event.stage):
        await start_at(event.client_id, episode["id"], event.stage, on, event.actor.id, "coach")
    await refresh_record(event.client_id)
