"""The indicators: what each counts, over a scope (``scope.Context``) and a period
(``periods.Period``), and the rows behind it. Their names and plain-words definitions, in the
four languages, are the server's texts ``outcomes.<id>.*`` (``backend/lib/i18n``);
``docs/outcomes.md`` states each rule.

Each indicator reads through the lower domains' public figures (the journey, the activity log,
jobs, conversations), each read bounded by the scope's clients or coaches and the period, and
counts what they answer. The rows behind a figure are computed with it, so they always agree.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from backend import activities, employers, goals, journey
from backend.lib.localtime import local
from backend.outcomes.periods import Period, start_of
from backend.outcomes.scope import Context
from shared_schemas import outcomes as wire

CASELOAD_TARGET = 20
NO_CONTACT_DAYS = 30
CONVERSATION_DAYS = 31
JOB_START_TENTHS = 40  # 4 paid hours a week
RETENTION_WEEKS = (4, 13, 26)


@dataclass
class Result:
    value: float | None
    base: int | None = None
    """What the value is a share or a part of (those counted on): None when it is not one."""
    parts: list[wire.Part] = field(default_factory=list)
    rows: list[wire.OutcomeRow] = field(default_factory=list)


Compute = Callable[[Context, Period], Awaitable[Result]]


@dataclass(frozen=True, slots=True)
class Indicator:
    id: wire.IndicatorId
    unit: wire.Unit
    compute: Compute
    target: float | None = None
    higher_is_better: bool | None = None
    activity_rows: bool = False
    """The rows behind it are activities (paged from the log), not clients."""
    looks_back_days: int = 366
    """How many days before its period a figure reads (a contact in the 30 days up to the
    day, a job that started 26 weeks before): a change on those days changes the figure. Facts
    that last (an episode, a stage, a job) are watched over their whole span anyway
    (``triggers.py``), so this is only for dated facts the figure looks back at. The default
    covers a year; say less to keep figures longer, more if the figure reads further back."""
    looks_ahead: bool = False
    """The figure of a period counts what happened after it, up to today (days from intake to
    the first employer contact): it is kept only for the day, and any change after its period
    forgets it. Any figure that reads ``period.today`` must say so (a test checks)."""


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _client_row(ctx: Context, client_id: str, **more: object) -> wire.OutcomeRow:
    record = ctx.client(client_id)
    return wire.OutcomeRow(
        kind="client",
        id=client_id,
        name=record.display_name if record else "",
        coach_name=(record.coach_name or "") if record else "",
        **more,  # type: ignore[arg-type]
    )


async def _in_support(ctx: Context, day: date) -> dict[str, date]:
    found: dict[str, date] = await ctx.once(
        ("support", day), lambda: journey.support_on(day, ctx.within)
    )
    return found


async def _stages(ctx: Context, day: date) -> list[journey.StageOn]:
    found: list[journey.StageOn] = await ctx.once(
        ("stages", day), lambda: journey.stages_on(day, ctx.within)
    )
    return found


async def caseload(ctx: Context, period: Period) -> Result:
    """Clients in support on the day, per coach (their coach today): the mean over the coaches
    with at least one."""
    inside = await _in_support(ctx, period.as_of)
    per_coach: dict[str, int] = {}
    names: dict[str, str] = {}
    for client_id in inside:
        record = ctx.client(client_id)
        if record is not None and record.coach_id is not None:
            per_coach[record.coach_id] = per_coach.get(record.coach_id, 0) + 1
            names[record.coach_id] = record.coach_name or ""
    counted = sum(per_coach.values())
    parts = [
        wire.Part(kind="coach", key=c, label=names[c], value=n)
        for c, n in sorted(per_coach.items(), key=lambda item: (names[item[0]], item[0]))
    ]
    rows = (
        [_client_row(ctx, c, day=intake, detail="intake") for c, intake in inside.items()]
        if ctx.want_rows
        else []
    )
    value = round(counted / len(per_coach), 1) if per_coach else None
    return Result(value, None, parts, rows)


async def by_stage(ctx: Context, period: Period) -> Result:
    """Clients in support on the day, and per stage going on that day (a client in two stages
    at once is counted in both parts, once in the total)."""
    inside = await _in_support(ctx, period.as_of)
    stages = [s for s in await _stages(ctx, period.as_of) if s.client_id in inside]
    per_stage: dict[str, int] = {}
    of_client: dict[str, list[str]] = {}
    for s in stages:
        per_stage[s.stage] = per_stage.get(s.stage, 0) + 1
        of_client.setdefault(s.client_id, []).append(s.stage)
    order = ("engagement", "profiling", "job_finding", "employer_engagement", "support")
    parts = [wire.Part(kind="stage", key=s, value=per_stage[s]) for s in order if s in per_stage]
    rows = (
        [
            _client_row(ctx, c, day=intake, detail=",".join(sorted(of_client.get(c, []))))
            for c, intake in inside.items()
        ]
        if ctx.want_rows
        else []
    )
    return Result(len(inside), None, parts, rows)


async def past_target(ctx: Context, period: Period) -> Result:
    """Clients in support on the day with a stage going on longer than the organisation's
    target for it (days since the stage started, more than the target)."""
    day = period.as_of
    inside = await _in_support(ctx, day)
    late: dict[str, tuple[journey.StageOn, int]] = {}
    for s in await _stages(ctx, day):
        if s.client_id not in inside or s.target_days is None:
            continue
        over = (day - s.started_on).days - s.target_days
        if over > 0 and over > late.get(s.client_id, (s, 0))[1]:
            late[s.client_id] = (s, over)
    rows = [
        _client_row(ctx, c, day=s.started_on, value=over, detail=s.stage)
        for c, (s, over) in late.items()
    ]
    return Result(len(late), len(inside), [], rows)


async def no_contact(ctx: Context, period: Period) -> Result:
    """Of the clients in support on the day whose intake was at least 30 days before it: those
    with no contact made with them on the 30 days up to it (the day included)."""
    day = period.as_of
    inside = await _in_support(ctx, day)
    eligible = sorted(
        c for c, intake in inside.items() if intake <= day - timedelta(NO_CONTACT_DAYS)
    )
    end = start_of(day + timedelta(days=1), ctx.zone)
    since = start_of(day - timedelta(days=NO_CONTACT_DAYS - 1), ctx.zone)
    # Counting reads only the 30 days; the rows also say when the last contact was, however
    # long ago (one more read, of the clients counted only).
    recent = await activities.last_client_contacts(ctx.within, end, since)
    missing = [c for c in eligible if c not in recent]
    last = await activities.last_client_contacts(missing, end) if ctx.want_rows else {}
    rows = [
        _client_row(ctx, c, day=local(last[c], ctx.zone).date() if c in last else None)
        for c in missing
    ]
    return Result(len(missing), len(eligible), [], rows)


async def conversation_coverage(ctx: Context, period: Period) -> Result:
    """Of the clients in support on the day: the share with a monthly conversation held on the
    31 days up to it. The rows are those without one."""
    day = period.as_of
    inside = sorted(await _in_support(ctx, day))
    since = day - timedelta(CONVERSATION_DAYS - 1)
    held = set(await goals.last_held_between(ctx.within, since, day)) & set(inside)
    rows = (
        [_client_row(ctx, c, counted=False) for c in inside if c not in held]
        if ctx.want_rows
        else []
    )
    return Result(_share(len(held), len(inside)), len(inside), [], rows)


async def _contacts(ctx: Context, period: Period) -> activities.ContactCount:
    start, end = period.instants(ctx.zone)
    found: activities.ContactCount = await ctx.once(
        ("contacts", period.first, period.as_of),
        lambda: activities.employer_contact_count(ctx.coach_ids, start, end),
    )
    return found


def _per_coach_week(count: int, ctx: Context, period: Period) -> float | None:
    if not ctx.coaches or period.days <= 0:
        return None
    return round(count / len(ctx.coaches) / (period.days / 7), 2)


async def employer_contacts(ctx: Context, period: Period) -> Result:
    """Employer contacts the scope's coaches made, per coach per week of the period so far."""
    counted = await _contacts(ctx, period)
    parts = [wire.Part(kind="status", key="face_to_face", value=counted.face_to_face)]
    parts.append(wire.Part(kind="status", key="all", value=counted.made))
    return Result(_per_coach_week(counted.made, ctx, period), None, parts)


async def employer_contacts_face(ctx: Context, period: Period) -> Result:
    """The same, face to face only (at the workplace, the office or elsewhere)."""
    counted = await _contacts(ctx, period)
    value = _per_coach_week(counted.face_to_face, ctx, period)
    return Result(value, None, [])


async def days_to_employer_contact(ctx: Context, period: Period) -> Result:
    """Of the clients whose intake fell in the period: the median of the days from intake to the
    first employer contact made for them (up to today); those still waiting are shown apart."""
    intakes = await journey.intakes_between(period.first, period.as_of, ctx.within)
    if not intakes:
        return Result(None, 0)
    start = start_of(min(intakes.values()), ctx.zone)
    end = start_of(period.today + timedelta(days=1), ctx.zone)
    first = await activities.first_employer_contacts(sorted(intakes), start, end)
    # A contact for a client before their own intake (after another's) is not theirs to count:
    # ask again from their intake, for those, one read per intake day.
    again: dict[date, list[str]] = {}
    for client_id in [c for c, at in first.items() if local(at, ctx.zone).date() < intakes[c]]:
        first.pop(client_id)
        again.setdefault(intakes[client_id], []).append(client_id)
    for day, ids in again.items():
        first.update(await activities.first_employer_contacts(ids, start_of(day, ctx.zone), end))
    days: dict[str, int | None] = {}
    for client_id, intake in intakes.items():
        on = local(first[client_id], ctx.zone).date() if client_id in first else None
        days[client_id] = (on - intake).days if on is not None and on >= intake else None
    known = [d for d in days.values() if d is not None]
    parts = [
        wire.Part(kind="status", key="contacted", value=len(known)),
        wire.Part(kind="status", key="waiting", value=len(days) - len(known)),
    ]
    rows = [
        _client_row(ctx, c, day=intakes[c], value=d, counted=d is not None) for c, d in days.items()
    ]
    value = float(median(known)) if known else None
    return Result(value, len(intakes), parts, rows)


async def job_starts(ctx: Context, period: Period) -> Result:
    """Jobs of at least 4 paid hours a week that started in the period."""
    jobs = await employers.jobs_started(ctx.within, period.first, period.as_of, JOB_START_TENTHS)
    rows = [
        _client_row(ctx, j.client_id, day=j.start, value=(j.hours_tenths or 0) / 10, detail=j.title)
        for j in jobs
    ]
    return Result(len(jobs), None, [], rows)


def kept_until(job: employers.JobSpan, others: list[employers.JobSpan], day: date) -> bool:
    """Whether the client was in work from ``job``'s start to ``day``: in this job, or in the
    next job (of at least 4 hours) that started by the day after one ended — a change of job
    without a gap keeps the count going."""
    end = job.end
    while end is not None and end < day:
        following = [
            o
            for o in others
            if o.start <= end + timedelta(days=1) and (o.end is None or o.end > end)
        ]
        if not following:
            return False
        ends = [o.end for o in following]
        end = None if None in ends else max(e for e in ends if e is not None)
    return True


def retention(weeks: int = 0, *, days: int = 0) -> Compute:
    async def compute(ctx: Context, period: Period) -> Result:
        """Of the jobs (≥ 4 hours) whose ``weeks``-week (or ``days``-day) day fell in the period
        (up to today): the share the client was still in work on that day."""
        back = timedelta(weeks=weeks, days=days)
        cohort = await employers.jobs_started(
            ctx.within, period.first - back, period.as_of - back, JOB_START_TENTHS
        )
        if not cohort:
            return Result(None, 0)
        clients = sorted({j.client_id for j in cohort})
        jobs = await employers.jobs_of(clients, min(j.start for j in cohort))
        rows = []
        for job in cohort:
            others = [
                o
                for o in jobs
                if o.client_id == job.client_id
                and o.job_id != job.job_id
                and (o.hours_tenths or 0) >= JOB_START_TENTHS
            ]
            kept = kept_until(job, others, job.start + back)
            rows.append(
                _client_row(
                    ctx, job.client_id, day=job.start + back, detail=job.title, counted=kept
                )
            )
        kept_count = sum(1 for r in rows if r.counted)
        parts = [
            wire.Part(kind="status", key="kept", value=kept_count),
            wire.Part(kind="status", key="not_kept", value=len(rows) - kept_count),
        ]
        return Result(_share(kept_count, len(rows)), len(rows), parts, rows)

    return compute


# After the names the other figure modules import from this one (a cycle otherwise).
from backend.outcomes.figures_jobs import JOB_FIGURES  # noqa: E402
from backend.outcomes.figures_practice import PRACTICE_FIGURES  # noqa: E402

INDICATORS: tuple[Indicator, ...] = (
    Indicator("caseload", "clients_per_coach", caseload, CASELOAD_TARGET, False, looks_back_days=0),
    Indicator("by_stage", "clients", by_stage, looks_back_days=0),
    Indicator("past_target", "clients", past_target, 0, False, looks_back_days=0),
    Indicator("no_contact_30", "clients", no_contact, 0, False, looks_back_days=NO_CONTACT_DAYS),
    Indicator(
        "conversation_coverage",
        "percent",
        conversation_coverage,
        100,
        True,
        looks_back_days=CONVERSATION_DAYS,
    ),
    Indicator(
        "employer_contacts",
        "per_coach_week",
        employer_contacts,
        None,
        True,
        True,
        looks_back_days=0,
    ),
    Indicator(
        "employer_contacts_face",
        "per_coach_week",
        employer_contacts_face,
        None,
        True,
        True,
        looks_back_days=0,
    ),
    Indicator(
        "days_to_employer_contact",
        "days",
        days_to_employer_contact,
        None,
        False,
        looks_back_days=0,
        looks_ahead=True,
    ),
    Indicator("job_starts", "jobs", job_starts, None, True, looks_back_days=0),
    *(
        Indicator(
            f"retention_{w}",  # type: ignore[arg-type]
            "percent",
            retention(w),
            None,
            True,
            looks_back_days=7 * w,
        )
        for w in RETENTION_WEEKS
    ),
    *JOB_FIGURES,
    *PRACTICE_FIGURES,
)
BY_ID = {i.id: i for i in INDICATORS}
