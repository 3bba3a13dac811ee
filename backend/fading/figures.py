"""What the outcomes' figures ask of fading: the closed weeks of the plans of some clients
whose Monday falls on the days asked (the kept weekly figures, ``fading_weeks``: no week is
measured again), each with the minutes planned for it (``weeks.planned_minutes``); and a staff
member's own evidence (``backend/competence``): the field's marks reached on the plans they made
(``marks_reached_by``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backend.clients import InScope, among
from backend.fading import weeks as wk
from backend.fading.tables import FadingAlert, FadingVersion, FadingWeek
from backend.lib.ids import as_uuid

MARKS = ("quarter", "stable")
"""The field's marks of support that faded (``weeks.quarter_reached``, ``weeks.stable``)."""


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


@dataclass(frozen=True, slots=True)
class MarkReached:
    alert_id: str
    client_id: str
    mark: str
    """``quarter`` (the coach present at most 25 % of the shift) or ``stable``."""
    week: date
    """The Monday of the closed week that reached it."""


async def marks_reached_by(
    person_id: str, start: datetime, end: datetime, limit: int
) -> list[MarkReached]:
    """The marks (``MARKS``) reached in a week from ``start``'s day to before ``end``'s, on the
    plans ``person_id`` made or changed (a version of the plan is theirs: they planned the
    fading), the latest week first, at most ``limit``. Each mark is kept once per plan
    (``fading_alerts``); the read goes by the alerts' time (indexed: an alert comes after its
    week closed) and the person's versions (indexed by who made them), never a plan's weeks."""
    who = as_uuid(person_id)
    if who is None or limit <= 0:
        return []
    theirs: Any = FadingVersion.select(FadingVersion.plan).where(FadingVersion.made_by == who)
    rows = (
        await FadingAlert.select(
            FadingAlert.id, FadingAlert.client, FadingAlert.kind, FadingAlert.week
        )
        .where(
            FadingAlert.kind.is_in(list(MARKS))
            & (FadingAlert.created_at >= start)
            & (FadingAlert.week >= start.date())
            & (FadingAlert.week < end.date())
            & FadingAlert.plan.is_in(theirs)
        )
        .order_by(FadingAlert.week, FadingAlert.id, ascending=False)
        .limit(limit)
    )
    return [MarkReached(str(r["id"]), str(r["client"]), r["kind"], _day(r["week"])) for r in rows]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
