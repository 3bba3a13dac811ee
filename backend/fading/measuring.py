"""One week of a client's job, measured from the records: the coach present at the workplace
(the activity log), the client's shift time (the shifts' own schedule arithmetic, DST included)
and the task steps done on their own (training sessions). Each read is one week's range of an
index: the cost of a week does not grow with the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from backend import shifts
from backend.activities.tables import ActivityClient
from backend.lib.localtime import instant, local
from backend.shifts.tables import Shift
from backend.tasks.tables import Step, Task, TrainingSession

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class JobRef:
    """The job a plan is for: whose, at which employer, from and until when."""

    id: str
    client: str
    employer: str | None
    title: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class Measured:
    coach_minutes: int
    visits: int
    shift_minutes: int
    independent_steps: int
    recorded_steps: int


def bounds(monday: date, zone: str) -> tuple[datetime, datetime]:
    """The week's first and last instants (UTC), Monday 00:00 to the next Monday 00:00 there."""
    return instant(monday, time(0), zone), instant(monday + timedelta(days=7), time(0), zone)


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


async def coach_present(job: JobRef, start: datetime, end: datetime) -> tuple[int, int]:
    """(minutes, visits): the made activities at the workplace for the client in [start, end)
    that belong to this job, by the shift they were logged from, or else by the employer."""
    rows = await ActivityClient.select(
        ActivityClient.activity.minutes,
        ActivityClient.activity.mode,
        ActivityClient.activity.made,
        ActivityClient.activity.employer,
        ActivityClient.activity.shift,
    ).where(
        (ActivityClient.client == job.client)
        & (ActivityClient.occurred_at >= start)
        & (ActivityClient.occurred_at < end)
    )
    shift_ids = {r["activity.shift"] for r in rows if r["activity.shift"] is not None}
    jobs = (
        {
            str(s["id"]): _s(s["job"])
            for s in await Shift.select(Shift.id, Shift.job).where(Shift.id.is_in(list(shift_ids)))
        }
        if shift_ids
        else {}
    )
    minutes = visits = 0
    for r in rows:
        if not r["activity.made"] or r["activity.mode"] != "workplace":
            continue
        if r["activity.shift"] is not None:
            ours = jobs.get(str(r["activity.shift"])) == job.id
        else:
            ours = job.employer is not None and _s(r["activity.employer"]) == job.employer
        if ours:
            minutes += int(r["activity.minutes"] or 0)
            visits += 1
    return minutes, visits


async def shift_minutes(job: JobRef, start: datetime, end: datetime) -> int:
    """The client's shift time at this job starting in [start, end), cancelled days left out."""
    ids = {
        str(r["id"])
        for r in await Shift.select(Shift.id).where(
            (Shift.client == job.client) & (Shift.job == job.id)
        )
    }
    if not ids:
        return 0
    plans = [p for p in await shifts.plans_of([job.client], start, end) if p.id in ids]
    occurrences = shifts.starting_between(plans, start, end)
    return sum(int((o.end - o.start).total_seconds() // 60) for o in occurrences)


async def steps_on_their_own(job: JobRef, monday: date, zone: str) -> tuple[int, int]:
    """(independent, recorded): over the week's training sessions of the job's tasks, the steps
    recorded independent and the steps each session covered (the task's current steps)."""
    tasks = [
        r["id"]
        for r in await Task.select(Task.id).where(
            (Task.client == job.client) & (Task.job == job.id) & (Task.is_template == False)  # noqa: E712
        )
    ]
    if not tasks:
        return 0, 0
    start, end = bounds(monday, zone)
    sessions = await TrainingSession.select(
        TrainingSession.task,
        TrainingSession.independent,
        TrainingSession.started_at,
        TrainingSession.session_date,
    ).where(
        TrainingSession.task.is_in(tasks)
        & (TrainingSession.started_at >= start - ONE_DAY)
        & (TrainingSession.started_at < end + ONE_DAY)
    )
    last = monday + timedelta(days=6)
    sessions = [
        s
        for s in sessions
        if monday <= (s["session_date"] or local(s["started_at"], zone).date()) <= last
    ]
    if not sessions:
        return 0, 0
    counts: dict[str, int] = {}
    for r in await Step.select(Step.task).where(Step.task.is_in(tasks)):
        counts[str(r["task"])] = counts.get(str(r["task"]), 0) + 1
    independent = sum(int(s["independent"] or 0) for s in sessions)
    recorded = sum(counts.get(str(s["task"]), 0) for s in sessions)
    return min(independent, recorded), recorded


async def measure(job: JobRef, monday: date, zone: str) -> Measured:
    start, end = bounds(monday, zone)
    minutes, visits = await coach_present(job, start, end)
    independent, recorded = await steps_on_their_own(job, monday, zone)
    return Measured(
        coach_minutes=minutes,
        visits=visits,
        shift_minutes=await shift_minutes(job, start, end),
        independent_steps=independent,
        recorded_steps=recorded,
    )
