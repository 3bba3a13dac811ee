"""Closed weeks measured again when a visit was written up (or changed) after they closed: a
coach often logs a visit days later. Their actual figures follow the activity log; their planned
value stays that of the week (docs/fading.md, "Closed weeks")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from backend.activities.tables import ActivityClient
from backend.fading import weeks as wk
from backend.fading.measuring import JobRef, Measured, bounds, measure
from backend.fading.tables import FadingWeek
from backend.lib.localtime import local


async def remeasure_late(
    plan_id: Any, job: JobRef, closed_through: date, zone: str, now: datetime
) -> list[Measured]:
    """The closed weeks (of the last ``STABLE_WEEKS``) with a visit logged or changed after the
    week was closed — a coach often writes a visit up days later — measured again: their actual
    figures follow the activity log, the planned ones stay those of the week. One read of the
    client's activities in those weeks changed since the oldest closing."""
    since = closed_through - wk.WEEK * (wk.STABLE_WEEKS - 1)
    kept = {
        r["monday"]: r["closed_at"]
        for r in await FadingWeek.select(FadingWeek.monday, FadingWeek.closed_at).where(
            (FadingWeek.plan == plan_id) & (FadingWeek.monday >= since)
        )
    }
    if not kept:
        return []
    start, _ = bounds(min(kept), zone)
    changed = await ActivityClient.select(
        ActivityClient.occurred_at, ActivityClient.activity.updated_at.as_alias("changed")
    ).where(
        (ActivityClient.client == job.client)
        & (ActivityClient.occurred_at >= start)
        & (ActivityClient.activity.updated_at > min(kept.values()))
    )
    late = sorted(
        {
            monday
            for r in changed
            if (monday := wk.monday_of(local(r["occurred_at"], zone).date())) in kept
            and r["changed"] > kept[monday]
        }
    )
    redone: list[Measured] = []
    for monday in late:
        m = await measure(job, monday, zone)
        await FadingWeek.update(
            {
                FadingWeek.coach_minutes: m.coach_minutes,
                FadingWeek.visits: m.visits,
                FadingWeek.shift_minutes: m.shift_minutes,
                FadingWeek.independent_steps: m.independent_steps,
                FadingWeek.recorded_steps: m.recorded_steps,
                FadingWeek.closed_at: now,
            }
        ).where((FadingWeek.plan == plan_id) & (FadingWeek.monday == monday))
        redone.append(m)
    return redone
