"""What the outcomes' figures ask of fading: the closed weeks of the plans of some clients
whose Monday falls on the days asked (the kept weekly figures, ``fading_weeks``: no week is
measured again), each with the minutes planned for it (``weeks.planned_minutes``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from backend.clients import InScope, among
from backend.fading import weeks as wk
from backend.fading.tables import FadingWeek


@dataclass(frozen=True, slots=True)
class ClosedWeek:
    client_id: str
    job_id: str
    monday: date
    coach_minutes: int
    shift_minutes: int
    planned_minutes: int | None
    """None: no step of the plan in force that week (or a share of no shift time)."""


async def closed_weeks_between(
    clients: Sequence[str] | InScope, first: date, last: date
) -> list[ClosedWeek]:
    """The closed weeks of these clients' plans with a Monday in ``first`` … ``last``."""
    plan = FadingWeek.plan
    rows = await FadingWeek.select(
        plan.client.as_alias("client"),
        plan.job.as_alias("job"),
        FadingWeek.monday,
        FadingWeek.coach_minutes,
        FadingWeek.shift_minutes,
        FadingWeek.planned_tenths,
        FadingWeek.planned_percent,
    ).where(
        among(plan.client, clients) & (FadingWeek.monday >= first) & (FadingWeek.monday <= last)
    )
    out = []
    for r in rows:
        week = wk.Week(
            monday=r["monday"],
            coach_minutes=int(r["coach_minutes"]),
            shift_minutes=int(r["shift_minutes"]),
            planned_tenths=r["planned_tenths"],
            planned_percent=r["planned_percent"],
        )
        out.append(
            ClosedWeek(
                str(r["client"]),
                str(r["job"]),
                week.monday,
                week.coach_minutes,
                week.shift_minutes,
                wk.planned_minutes(week),
            )
        )
    return out
