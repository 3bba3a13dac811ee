"""The figures of work and keeping it: the employment rate of those who came out of work, days
to the first job, competitive integrated jobs, hours and pay, the variety of jobs and employers,
retention at 52 weeks and at 90 and 180 days, job endings by reason, and the opportunity funnel.

Each is an ``Indicator`` like those of ``indicators.py`` (which lists them at the end of
``INDICATORS``); the rules are written in ``docs/outcomes.md`` ("Jobs and retention") and, in
plain words, in the server's texts ``outcomes.<id>.*``. "Jobs going on on a day": started on or
before it and not ended before it (the end day is the last day of work). The rows are the
clients behind each job or opportunity (a client with two jobs has two rows).
"""

from __future__ import annotations

from datetime import date
from statistics import mean, median
from typing import get_args

from backend import employers, journey, opportunities
from backend.outcomes.indicators import (
    JOB_START_TENTHS,
    Indicator,
    Result,
    _client_row,
    _share,
    retention,
)
from backend.outcomes.periods import Period
from backend.outcomes.scope import Context
from shared_schemas import outcomes as wire
from shared_schemas.employers import EndReason
from shared_schemas.opportunities import Step

END_REASONS: tuple[str, ...] = get_args(EndReason)
STEPS: tuple[str, ...] = get_args(Step)


def _status(key: str, value: float) -> wire.Part:
    return wire.Part(kind="status", key=key, value=value)


async def _jobs_on(ctx: Context, day: date) -> list[employers.JobFacts]:
    found: list[employers.JobFacts] = await ctx.once(
        ("jobs_on", day), lambda: employers.jobs_on(ctx.within, day)
    )
    return sorted(found, key=lambda j: (j.start, j.job_id))


async def employment_rate(ctx: Context, period: Period) -> Result:
    """Of the clients in support on the day whose situation at intake was "not in paid work":
    the share with a job going on that day (any hours)."""
    day = period.as_of
    entered = await journey.out_of_work_at_entry(day, ctx.within)
    working: dict[str, employers.JobFacts] = {}
    for job in await _jobs_on(ctx, day):
        if job.client_id in entered:
            working.setdefault(job.client_id, job)
    rows = [
        _client_row(
            ctx,
            c,
            day=intake,
            detail=working[c].title if c in working else "",
            counted=c in working,
        )
        for c, intake in entered.items()
    ]
    parts = [
        _status("in_work", len(working)),
        _status("not_in_work", len(entered) - len(working)),
    ]
    return Result(_share(len(working), len(entered)), len(entered), parts, rows)


async def days_to_job(ctx: Context, period: Period) -> Result:
    """Of the clients whose intake fell in the period: the median of the days from intake to the
    start of their first job (at least 4 paid hours a week) on or after it, up to today; those
    still waiting are shown apart."""
    intakes = await journey.intakes_between(period.first, period.as_of, ctx.within)
    if not intakes:
        return Result(None, 0)
    first = await employers.first_jobs_since(intakes, JOB_START_TENTHS)
    days: dict[str, int | None] = {
        c: (first[c].start - intake).days if c in first and first[c].start <= period.today else None
        for c, intake in intakes.items()
    }
    known = [d for d in days.values() if d is not None]
    parts = [_status("in_work", len(known)), _status("waiting", len(days) - len(known))]
    rows = [
        _client_row(
            ctx,
            c,
            day=intakes[c],
            value=d,
            detail=first[c].title if d is not None else "",
            counted=d is not None,
        )
        for c, d in days.items()
    ]
    return Result(float(median(known)) if known else None, len(intakes), parts, rows)


async def competitive_integrated(ctx: Context, period: Period) -> Result:
    """Of the jobs going on on the day whose answers are known: the share that is competitive
    and integrated (at least the legal minimum wage, open to anyone, the same pay as others doing
    the work: all three yes). A job with an answer missing and none "no" is counted apart."""
    jobs = await _jobs_on(ctx, period.as_of)
    yes = sum(1 for j in jobs if j.competitive_integrated is True)
    no = sum(1 for j in jobs if j.competitive_integrated is False)
    parts = [_status("yes", yes), _status("no", no), _status("unknown", len(jobs) - yes - no)]
    rows = [
        _client_row(
            ctx,
            j.client_id,
            day=j.start,
            detail=j.title,
            value=None if j.competitive_integrated is None else float(j.competitive_integrated),
            counted=j.competitive_integrated is True,
        )
        for j in jobs
    ]
    return Result(_share(yes, yes + no), yes + no, parts, rows)


async def job_hours(ctx: Context, period: Period) -> Result:
    """Of the jobs going on on the day with their hours recorded: the mean paid hours a week.
    Jobs without hours are counted apart."""
    jobs = await _jobs_on(ctx, period.as_of)
    hours = [j.hours_tenths / 10 for j in jobs if j.hours_tenths is not None]
    parts = [_status("with_hours", len(hours)), _status("no_hours", len(jobs) - len(hours))]
    rows = [
        _client_row(
            ctx,
            j.client_id,
            day=j.start,
            detail=j.title,
            value=None if j.hours_tenths is None else j.hours_tenths / 10,
            counted=j.hours_tenths is not None,
        )
        for j in jobs
    ]
    value = round(mean(hours), 1) if hours else None
    return Result(value, len(hours), parts, rows)


async def paid_minimum(ctx: Context, period: Period) -> Result:
    """Of the jobs going on on the day with their pay an hour recorded (in the minimum's
    currency): the share paid at least the legal minimum hourly wage the administrator set (the
    one set now). Jobs without pay, or paid in another currency, are counted apart; without a
    minimum set there is no figure."""
    jobs = await _jobs_on(ctx, period.as_of)
    minimum = await ctx.once(("minimum_wage",), employers.minimum_wage)
    counts = {"at_least": 0, "below": 0, "no_pay": 0, "other_currency": 0}
    rows = []
    for j in jobs:
        if j.pay_cents is None:
            status = "no_pay"
        elif minimum is None or j.currency != minimum.currency:
            status = "other_currency" if minimum is not None else "no_minimum"
        else:
            status = "at_least" if j.pay_cents >= minimum.hourly_cents else "below"
        if status in counts:
            counts[status] += 1
        rows.append(
            _client_row(
                ctx,
                j.client_id,
                day=j.start,
                detail=j.title,
                value=None if j.pay_cents is None else j.pay_cents / 100,
                counted=status == "at_least",
            )
        )
    if minimum is None:
        return Result(None, 0, [_status("no_pay", counts["no_pay"])], rows)
    base = counts["at_least"] + counts["below"]
    parts = [_status(k, v) for k, v in counts.items()]
    return Result(_share(counts["at_least"], base), base, parts, rows)


async def job_variety(ctx: Context, period: Period) -> Result:
    """Among the jobs going on on the day: the number of different employers (of the register),
    with the different job titles and sectors as parts."""
    jobs = await _jobs_on(ctx, period.as_of)
    employer_ids = {j.employer_id for j in jobs if j.employer_id is not None}
    titles = {" ".join(j.title.casefold().split()) for j in jobs}
    sectors = {" ".join(j.sector.casefold().split()) for j in jobs if j.sector.strip()}
    parts = [
        _status("jobs", len(jobs)),
        _status("employers", len(employer_ids)),
        _status("titles", len(titles)),
        _status("sectors", len(sectors)),
    ]
    rows = [
        _client_row(ctx, j.client_id, day=j.start, detail=j.employer_name or j.title) for j in jobs
    ]
    return Result(len(employer_ids) if jobs else None, None, parts, rows)


async def job_endings(ctx: Context, period: Period) -> Result:
    """Jobs that ended in the period, with a part per reason."""
    jobs = await employers.jobs_ended(ctx.within, period.first, period.as_of)
    per_reason: dict[str, int] = {}
    for j in jobs:
        reason = j.end_reason if j.end_reason in END_REASONS else "other"
        per_reason[reason] = per_reason.get(reason, 0) + 1
    parts = [_status(r, per_reason[r]) for r in END_REASONS if r in per_reason]
    rows = [
        _client_row(ctx, j.client_id, day=j.end, detail=j.end_reason or "other")
        for j in sorted(jobs, key=lambda j: (j.end or j.start, j.job_id))
    ]
    return Result(len(jobs), None, parts, rows)


async def opportunity_funnel(ctx: Context, period: Period) -> Result:
    """The opportunities that reached a step of the pipeline in the period, with a part per step
    (each opportunity once per step it reached, so a part counts those that got that far then)."""
    reached = await opportunities.steps_reached(ctx.within, period.first, period.as_of)
    per_step: dict[str, int] = {}
    furthest: dict[str, opportunities.StepReached] = {}
    for s in reached:
        per_step[s.step] = per_step.get(s.step, 0) + 1
        before = furthest.get(s.opportunity_id)
        if before is None or STEPS.index(s.step) > STEPS.index(before.step):
            furthest[s.opportunity_id] = s
    parts = [_status(s, per_step[s]) for s in STEPS if s in per_step]
    rows = [_client_row(ctx, s.client_id, day=s.taken_on, detail=s.step) for s in furthest.values()]
    return Result(len(furthest), None, parts, rows)


JOB_FIGURES: tuple[Indicator, ...] = (
    Indicator("employment_rate", "percent", employment_rate, None, True),
    Indicator("days_to_job", "days", days_to_job, None, False, looks_ahead=True),
    Indicator("competitive_integrated", "percent", competitive_integrated, None, True),
    Indicator("job_hours", "hours_per_week", job_hours, None, True),
    Indicator("paid_minimum", "percent", paid_minimum, 100, True),
    Indicator("job_variety", "employers", job_variety, None, True),
    Indicator("retention_52", "percent", retention(52), None, True),
    Indicator("retention_90d", "percent", retention(days=90), None, True),
    Indicator("retention_180d", "percent", retention(days=180), None, True),
    Indicator("job_endings", "jobs", job_endings),
    Indicator("opportunity_funnel", "opportunities", opportunity_funnel, None, True),
)
