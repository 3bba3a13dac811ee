"""Independence, goals and coach time: the figures of the practice itself (docs/outcomes.md,
"Independence, goals and coach time"). Like the others, each reads through the lower domains'
public figures (training in ``tasks``, goals in ``goals``, the activity log, fading's closed
weeks), each read bounded by the scope's clients and the period, and the reads two figures share
are made once per period (``Context.once``).
"""

from __future__ import annotations

from statistics import median

from backend import activities, fading, goals, tasks
from backend.lib.localtime import local
from backend.outcomes.indicators import Indicator, Result, _client_row, _in_support, _share
from backend.outcomes.periods import Period
from backend.outcomes.scope import Context
from shared_schemas import outcomes as wire

LEVELS = ("independent", "verbal", "gestural", "model", "physical")
INDEPENDENT = "independent"
COMMUNITY = ("workplace", "elsewhere")
"""In the community: at the workplace or elsewhere out of the office (IPS fidelity, item
"community-based services"); the office, phone, video and messages are not."""
REMOTE = ("phone", "video", "message")
MONTH_DAYS = 30
"""Hours per client are given per 30 days of the period counted so far."""
PURPOSES = (
    "job_search",
    "employer_contact",
    "training",
    "follow_along",
    "family",
    "benefits",
    "admin",
    "other",
)


def _hours(minutes: float) -> float:
    return round(minutes / 60, 1)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# --- Independence -----------------------------------------------------------------------------


async def steps_independent(ctx: Context, period: Period) -> Result:
    """Of the task steps recorded in the training sessions held in the period (the scope's
    clients' own tasks): the share recorded ``independent``. Parts: the steps at each level."""
    counts: list[tasks.LevelCount] = await ctx.once(
        ("levels", period.first, period.as_of),
        lambda: tasks.levels_between(ctx.within, period.first, period.as_of),
    )
    per_level: dict[str, int] = {}
    per_client: dict[str, list[int]] = {}
    for c in counts:
        per_level[c.level] = per_level.get(c.level, 0) + c.steps
        mine = per_client.setdefault(c.client_id, [0, 0])
        mine[0] += c.steps if c.level == INDEPENDENT else 0
        mine[1] += c.steps
    total = sum(per_level.values())
    parts = [
        wire.Part(kind="status", key=level, value=per_level[level])
        for level in LEVELS
        if level in per_level
    ]
    rows = [
        _client_row(ctx, c, value=_share(own, of), detail=f"{own}/{of}")
        for c, (own, of) in per_client.items()
    ]
    return Result(_share(per_level.get(INDEPENDENT, 0), total), total, parts, rows)


async def _mastered(ctx: Context, period: Period) -> list[tasks.Mastered]:
    start, end = period.instants(ctx.zone)
    found: list[tasks.Mastered] = await ctx.once(
        ("mastered", period.first, period.as_of),
        lambda: tasks.mastered_between(ctx.within, start, end),
    )
    return found


def _mastery_rows(ctx: Context, found: list[tasks.Mastered], days: bool) -> list[wire.OutcomeRow]:
    return [
        _client_row(
            ctx,
            m.client_id,
            day=local(m.mastered_at, ctx.zone).date(),
            value=m.days if days else m.sessions,
            detail=m.title,
        )
        for m in found
    ]


async def sessions_to_mastery(ctx: Context, period: Period) -> Result:
    """Of the tasks that met their mastery criterion in the period: the median of the training
    sessions it took (from the first, the one that met it included)."""
    found = await _mastered(ctx, period)
    value = float(median(m.sessions for m in found)) if found else None
    return Result(value, len(found), [], _mastery_rows(ctx, found, days=False))


async def days_to_mastery(ctx: Context, period: Period) -> Result:
    """The same tasks: the median of the days from the first session's day to that of the
    session that met the criterion."""
    found = await _mastered(ctx, period)
    value = float(median(m.days for m in found)) if found else None
    return Result(value, len(found), [], _mastery_rows(ctx, found, days=True))


async def after_mastery(ctx: Context, period: Period) -> Result:
    """Self-prompts (a tap on a step's photo) and "I need help" taps in the period, on tasks
    that had met their mastery criterion before the tap."""
    start, end = period.instants(ctx.zone)
    found = await tasks.after_mastery_between(ctx.within, start, end)
    prompts = sum(a.self_prompts for a in found)
    helps = sum(a.help_requests for a in found)
    parts = [
        wire.Part(kind="status", key="self_prompts", value=prompts),
        wire.Part(kind="status", key="help_requests", value=helps),
    ]
    rows = [
        _client_row(
            ctx,
            a.client_id,
            value=a.self_prompts + a.help_requests,
            detail=f"{a.self_prompts},{a.help_requests}",
        )
        for a in found
    ]
    return Result(prompts + helps, None, parts, rows)


# --- Coach time -------------------------------------------------------------------------------


async def _time(ctx: Context, period: Period) -> list[activities.TimeSpent]:
    start, end = period.instants(ctx.zone)
    found: list[activities.TimeSpent] = await ctx.once(
        ("time", period.first, period.as_of),
        lambda: activities.time_for_clients(ctx.within, start, end),
    )
    return found


async def coach_hours_per_client(ctx: Context, period: Period) -> Result:
    """Of the clients in support on the day counts are taken on: the mean of the hours of the
    activities made for each in the period, per 30 days of it (an activity for two clients
    counts for each). The rows give each client's hours in the period."""
    inside = await _in_support(ctx, period.as_of)
    minutes: dict[str, int] = dict.fromkeys(inside, 0)
    for t in await _time(ctx, period):
        if t.client_id in minutes:
            minutes[t.client_id] += t.minutes
    if not minutes or period.days <= 0:
        return Result(None, len(minutes))
    value = round(sum(minutes.values()) / 60 / len(minutes) / (period.days / MONTH_DAYS), 1)
    rows = [_client_row(ctx, c, value=_hours(m)) for c, m in minutes.items()]
    return Result(value, len(minutes), [], rows)


async def coach_presence(ctx: Context, period: Period) -> Result:
    """Over the closed weeks of the fading plans (weeks beginning in the period) with shift time
    and a planned step: the coach's minutes at the workplace as a share of the client's shift
    time, next to the share planned. Parts: both shares and both totals in hours."""
    weeks = await fading.closed_weeks_between(ctx.within, period.first, period.as_of)
    counted = [w for w in weeks if w.shift_minutes > 0 and w.planned_minutes is not None]
    shift = sum(w.shift_minutes for w in counted)
    actual = sum(w.coach_minutes for w in counted)
    planned = sum(w.planned_minutes or 0 for w in counted)
    if not shift:
        return Result(None, 0)
    per_client: dict[str, list[int]] = {}
    for w in counted:
        mine = per_client.setdefault(w.client_id, [0, 0, 0])
        mine[0] += w.coach_minutes
        mine[1] += w.planned_minutes or 0
        mine[2] += w.shift_minutes
    parts = [
        wire.Part(kind="status", key="planned", value=_share(planned, shift) or 0),
        wire.Part(kind="status", key="actual", value=_share(actual, shift) or 0),
        wire.Part(kind="status", key="planned_hours", value=_hours(planned)),
        wire.Part(kind="status", key="actual_hours", value=_hours(actual)),
    ]
    rows = [
        _client_row(ctx, c, value=_share(a, s), detail=_number(_share(p, s)), counted=a <= p)
        for c, (a, p, s) in per_client.items()
    ]
    return Result(_share(actual, shift), len(per_client), parts, rows)


async def community_time(ctx: Context, period: Period) -> Result:
    """Of the minutes of the activities made for the scope's clients in the period: the share
    in the community (at the workplace or elsewhere, not at the office nor by phone, video or
    message). Parts: the hours in the community, at the office and at a distance."""
    per_client: dict[str, list[int]] = {}
    where = {"community": 0, "office": 0, "remote": 0}
    for t in await _time(ctx, period):
        place = "community" if t.mode in COMMUNITY else "remote" if t.mode in REMOTE else "office"
        where[place] += t.minutes
        mine = per_client.setdefault(t.client_id, [0, 0])
        mine[0] += t.minutes if place == "community" else 0
        mine[1] += t.minutes
    total = sum(where.values())
    parts = [wire.Part(kind="status", key=k, value=_hours(m)) for k, m in where.items()]
    rows = [
        _client_row(ctx, c, value=_share(own, of), detail=_number(_hours(of)))
        for c, (own, of) in per_client.items()
    ]
    return Result(_share(where["community"], total), None, parts, rows)


async def time_by_purpose(ctx: Context, period: Period) -> Result:
    """The hours of the activities made for the scope's clients in the period, split by each
    activity's main purpose (the first given)."""
    per_purpose: dict[str, int] = {}
    per_client: dict[str, dict[str, int]] = {}
    for t in await _time(ctx, period):
        per_purpose[t.purpose] = per_purpose.get(t.purpose, 0) + t.minutes
        mine = per_client.setdefault(t.client_id, {})
        mine[t.purpose] = mine.get(t.purpose, 0) + t.minutes
    order = [p for p in PURPOSES if p in per_purpose] + sorted(set(per_purpose) - set(PURPOSES))
    parts = [wire.Part(kind="purpose", key=p, value=_hours(per_purpose[p])) for p in order]
    rows = [
        _client_row(
            ctx,
            c,
            value=_hours(sum(mine.values())),
            detail=max(sorted(mine), key=lambda p: mine[p]),
        )
        for c, mine in per_client.items()
    ]
    return Result(_hours(sum(per_purpose.values())), None, parts, rows)


# --- Goals ------------------------------------------------------------------------------------


async def _evaluations(ctx: Context, period: Period) -> list[goals.Evaluation]:
    found: list[goals.Evaluation] = await ctx.once(
        ("evaluations", period.first, period.as_of),
        lambda: goals.evaluations_between(ctx.within, period.first, period.as_of),
    )
    return found


def _t(pairs: list[tuple[int, float]]) -> float | None:
    t = goals.gas_t_score([x for x, _ in pairs], [w for _, w in pairs])
    return round(t, 1) if t is not None else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


async def gas_t_score(ctx: Context, period: Period) -> Result:
    """Per client, the GAS T-score of the goals whose last day fell in the period, from the
    coach's final ratings (and apart, from the client's); the figure is the mean of the clients'
    T-scores from the coach's ratings. Parts: the means from each side's ratings."""
    by_client: dict[str, list[goals.Evaluation]] = {}
    for e in await _evaluations(ctx, period):
        by_client.setdefault(e.client_id, []).append(e)
    coach_t: dict[str, float | None] = {}
    client_t: dict[str, float | None] = {}
    for c, found in by_client.items():
        coach_t[c] = _t([(e.coach_rating, e.weight) for e in found if e.coach_rating is not None])
        client_t[c] = _t(
            [(e.client_rating, e.weight) for e in found if e.client_rating is not None]
        )
    coach_means = [t for t in coach_t.values() if t is not None]
    client_means = [t for t in client_t.values() if t is not None]
    parts = []
    if (coach_mean := _mean(coach_means)) is not None:
        parts.append(wire.Part(kind="status", key="coach", value=coach_mean))
    if (client_mean := _mean(client_means)) is not None:
        parts.append(wire.Part(kind="status", key="client", value=client_mean))
    rows = [
        _client_row(
            ctx,
            c,
            value=coach_t[c],
            detail=_number(client_t[c]),
            counted=coach_t[c] is not None,
        )
        for c in by_client
    ]
    return Result(_mean(coach_means), len(coach_means), parts, rows)


async def gas_agreement(ctx: Context, period: Period) -> Result:
    """Of the goals whose last day fell in the period, rated by both the client and the coach:
    the share where the two ratings are the same. Parts: the same, the client's higher, the
    coach's higher."""
    tally = {"agree": 0, "client_higher": 0, "coach_higher": 0}
    per_client: dict[str, list[int]] = {}
    for e in await _evaluations(ctx, period):
        if e.client_rating is None or e.coach_rating is None:
            continue
        side = (
            "agree"
            if e.client_rating == e.coach_rating
            else "client_higher"
            if e.client_rating > e.coach_rating
            else "coach_higher"
        )
        tally[side] += 1
        mine = per_client.setdefault(e.client_id, [0, 0])
        mine[0] += side == "agree"
        mine[1] += 1
    both = sum(tally.values())
    parts = [wire.Part(kind="status", key=k, value=v) for k, v in tally.items()]
    rows = [
        _client_row(ctx, c, value=_share(a, n), detail=f"{a}/{n}", counted=a == n)
        for c, (a, n) in per_client.items()
    ]
    return Result(_share(tally["agree"], both), both, parts, rows)


MOOD_PARTS = {2: "very_good", 1: "good", 0: "ok", -1: "not_good", -2: "bad"}


async def mood(ctx: Context, period: Period) -> Result:
    """How the clients felt at work: per client, the face (−2 … +2) chosen in their last monthly
    conversation held in the period; the figure is the mean over the clients with one. Parts:
    how many chose each face. Rows: the clients, with their face and the conversation's day."""
    found = await goals.moods_between(ctx.within, period.first, period.as_of)
    tally = dict.fromkeys(MOOD_PARTS.values(), 0)
    for m in found.values():
        tally[MOOD_PARTS[m.mood]] += 1
    parts = [wire.Part(kind="status", key=key, value=n) for key, n in tally.items()]
    rows = (
        [_client_row(ctx, c, day=m.held_on, value=m.mood) for c, m in sorted(found.items())]
        if ctx.want_rows
        else []
    )
    values = [m.mood for m in found.values()]
    value = round(sum(values) / len(values), 2) if values else None
    # A mean, not a share: no "out of" (the parts say how many chose each face).
    return Result(value, None, parts, rows)


PRACTICE_FIGURES: tuple[Indicator, ...] = (
    Indicator("steps_independent", "percent", steps_independent, None, True),
    Indicator("sessions_to_mastery", "sessions", sessions_to_mastery, None, False),
    Indicator("days_to_mastery", "days", days_to_mastery, None, False),
    Indicator("after_mastery", "taps", after_mastery, None, False),
    Indicator("coach_hours_per_client", "hours_per_client_month", coach_hours_per_client),
    Indicator("coach_presence", "percent", coach_presence, None, False),
    Indicator("gas_t_score", "t_score", gas_t_score, 50, True),
    Indicator("gas_agreement", "percent", gas_agreement, None, True),
    Indicator("mood", "mood", mood, None, True, looks_back_days=0),
    Indicator("community_time", "percent", community_time, None, True),
    Indicator("time_by_purpose", "hours", time_by_purpose),
)

__all__ = ["PRACTICE_FIGURES"]
