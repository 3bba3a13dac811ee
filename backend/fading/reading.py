"""Reading fading plans: one client's plan for a job with its weeks, the team's plans a page at
a time, the alerts, the client's own plans; and ``plan_of``, what the handover pack shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from backend.accounts.tables import User
from backend.clients import ClientRow
from backend.clients.tables import ClientRecord
from backend.employers.tables import Job
from backend.fading import services
from backend.fading import weeks as wk
from backend.fading.measuring import JobRef
from backend.fading.tables import FadingAlert, FadingPlan, FadingWeek
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.localtime import today
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import fading as wire

ALERTS_SHOWN = 10


class FadingStepRow(msgspec.Struct, frozen=True):
    """One step of a plan: from ``from_date``, the coach's hours a week in tenths (12.5 h →
    125) or a share of the client's shift time; one of the two is None."""

    from_date: date
    coach_hours_tenths: int | None
    share_of_shift_percent: int | None
    in_force_from: date
    """The day the step counts from in the plan's weeks (``weeks.in_force_from``)."""


class FadingSummary(msgspec.Struct, frozen=True):
    """A plan in force: its steps (in date order) and whether support is stable (at most two
    visits a month for 90 days, as of the latest closed week)."""

    steps: list[FadingStepRow]
    stable: bool


async def plan_of(client_id: str, job_id: str) -> FadingSummary | None:
    """The client's fading plan for the job as it stands, None when there is none. The caller
    decides who may see it (the handover pack: with the client's consent)."""
    plan = await services.plan_row(client_id, job_id)
    if plan is None or not plan["version"]:
        return None
    version = await services.version_row(plan["id"], int(plan["version"]))
    if version is None:
        return None
    steps = services.steps_of(version["steps"])
    return FadingSummary(
        steps=[
            FadingStepRow(
                from_date=s.from_date,
                coach_hours_tenths=s.hours_tenths,
                share_of_shift_percent=s.percent,
                in_force_from=wk.in_force_from(steps, i),
            )
            for i, s in enumerate(steps)
        ],
        stable=bool(plan["stable"]),
    )


def step_wire(step: wk.Step, in_force_from: date | None = None) -> wire.FadingStep:
    return wire.FadingStep(
        from_date=step.from_date,
        coach_hours_per_week=None if step.hours_tenths is None else step.hours_tenths / 10,
        share_of_shift_percent=step.percent,
        in_force_from=in_force_from or step.from_date,
    )


def steps_wire(steps: list[wk.Step]) -> list[wire.FadingStep]:
    """The steps in date order, each with the day it is in force from."""
    ordered = sorted(steps, key=lambda s: s.from_date)
    return [step_wire(s, wk.in_force_from(ordered, i)) for i, s in enumerate(ordered)]


def week_wire(week: wk.Week, *, closed: bool) -> wire.FadingWeek:
    return wire.FadingWeek(
        week_start=week.monday,
        planned_minutes=wk.planned_minutes(week),
        planned_percent=week.planned_percent,
        coach_minutes=week.coach_minutes,
        shift_minutes=week.shift_minutes,
        presence_percent=wk.presence_percent(week),
        visits=week.visits,
        independent_percent=wk.independent_percent(week),
        over_plan=wk.over_plan(week),
        closed=closed,
    )


def alert_wire(r: dict[str, Any], titles: dict[str, str]) -> wire.FadingAlert:
    return wire.FadingAlert(
        id=str(r["id"]),
        kind=r["kind"],
        client_id=str(r["client"]),
        client_name=r["client.display_name"] or "",
        job_id=str(r["plan.job"]),
        job_title=titles.get(str(r["plan.job"]), ""),
        since=r["since"],
        week=r["week"],
        created_at=r["created_at"],
    )


_ALERT_COLUMNS = (
    FadingAlert.id,
    FadingAlert.kind,
    FadingAlert.client,
    FadingAlert.client.display_name,
    FadingAlert.plan.job,
    FadingAlert.since,
    FadingAlert.week,
    FadingAlert.created_at,
)


async def _due(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan with its ended weeks closed (the engine's round may not have come yet) and its
    closed weeks measured again where a visit was written up after they closed."""
    if await services.catch_up(plan):
        again = await services.plan_row(str(plan["client"]), str(plan["job"]))
        assert again is not None
        return again
    return plan


async def view(record: ClientRow, job: JobRef, *, staff: bool, count: int) -> wire.FadingPlan:
    """The plan with its latest ``count`` weeks: the closed ones as kept, the open ones (at most
    the two since the last closed) measured now."""
    plan = await services.plan_row(record.client_id, job.id)
    empty = wire.FadingPlan(
        client_id=record.client_id,
        client_name=record.display_name,
        job_id=job.id,
        job_title=job.title,
        version=None,
        zone="",
        steps=[],
        made_at=None,
        made_by_name=None,
        weeks=[],
        alerts=[],
        stable=False,
        quarter_reached=False,
    )
    if plan is None or not plan["version"]:
        return empty
    plan = await _due(plan)
    version = await services.version_row(plan["id"], int(plan["version"]))
    assert version is not None
    steps = services.steps_of(version["steps"])
    zone = plan["zone"]
    this_monday = wk.monday_of(today(clock.now(), zone))
    last_closed = plan["checked_through"]
    kept = await services.kept_weeks(plan["id"], last_closed, count) if last_closed else []
    weeks = [week_wire(w, closed=True) for w in kept]
    first_open = last_closed + wk.WEEK if last_closed else wk.monday_of(steps[0].from_date)
    for monday in wk.weeks_between(first_open, this_monday)[-3:]:
        if job.end_date is not None and monday > job.end_date:
            break
        weeks.append(
            week_wire(await services.measured_week(job, steps, monday, zone), closed=False)
        )
    made_by = (
        await User.select(User.display_name).where(User.id == version["made_by"]).first()
        if version["made_by"]
        else None
    )
    alerts: list[wire.FadingAlert] = []
    if staff:
        rows = (
            await FadingAlert.select(*_ALERT_COLUMNS)
            .where(FadingAlert.plan == plan["id"])
            .order_by(FadingAlert.created_at, ascending=False)
            .limit(ALERTS_SHOWN)
        )
        alerts = [alert_wire(r, {job.id: job.title}) for r in rows]
    quarter = await FadingAlert.exists().where(
        (FadingAlert.plan == plan["id"]) & (FadingAlert.kind == "quarter")
    )
    return wire.FadingPlan(
        client_id=record.client_id,
        client_name=record.display_name,
        job_id=job.id,
        job_title=job.title,
        version=int(plan["version"]),
        zone=zone,
        steps=steps_wire(steps),
        made_at=version["made_at"],
        made_by_name=made_by["display_name"] if made_by else None,
        weeks=weeks[-count:],
        alerts=alerts,
        stable=bool(plan["stable"]),
        quarter_reached=quarter,
    )


def _in_reach(actor: Actor, column: Any) -> Any:
    """The clients an actor's lists hold: the coach's caseload, the coordinator's team, every
    client for an administrator."""
    if actor.role == "admin":
        return None
    if actor.role == "coordinator":
        mine = ClientRecord.select(ClientRecord.user).where(ClientRecord.team == actor.team_id)
    else:
        mine = ClientRecord.select(ClientRecord.user).where(ClientRecord.coach == actor.id)
    return column.is_in(mine)


def overview_request(cursor: str | None, limit: int) -> PageRequest:
    return page_request("fading_plans", cursor, limit, str, str)


async def overview(actor: Actor, page: PageRequest) -> tuple[list[wire.FadingOverview], str | None]:
    """The plans of the clients in reach, by client name, with their latest closed week."""
    name = FadingPlan.client.display_name
    query = FadingPlan.select(*FadingPlan.all_columns(), name, FadingPlan.job.title).where(
        FadingPlan.version > 0
    )
    for condition in (_in_reach(actor, FadingPlan.client), after_key(page, name, FadingPlan.id)):
        if condition is not None:
            query = query.where(condition)
    rows = await query.order_by(name, FadingPlan.id).limit(page.fetch)
    items, cursor = page_of(
        rows, page, "fading_plans", lambda r: (r["client.display_name"], str(r["id"]))
    )
    for i, r in enumerate(items):  # weeks the engine's round has not closed yet
        if r["next_check"] is not None and r["next_check"] <= clock.now():
            again = await _due(r)
            items[i] = {**r, "checked_through": again["checked_through"], "stable": again["stable"]}
    ids = [r["id"] for r in items]
    latest: dict[str, wk.Week] = {}
    kinds: dict[str, set[str]] = {}
    coaches: dict[str, str | None] = {}
    if ids:
        for w in await FadingWeek.select(*FadingWeek.all_columns()).where(
            FadingWeek.plan.is_in(ids)
            & FadingWeek.monday.is_in(
                [r["checked_through"] for r in items if r["checked_through"]] or [date.min]
            )
        ):
            plan = next(r for r in items if r["id"] == w["plan"])
            if w["monday"] == plan["checked_through"]:
                latest[str(w["plan"])] = services.week_of(w)
        for a in await FadingAlert.select(
            FadingAlert.plan, FadingAlert.kind, FadingAlert.week
        ).where(FadingAlert.plan.is_in(ids)):
            plan = next(r for r in items if r["id"] == a["plan"])
            recent = a["kind"] != "not_faded" or (
                plan["checked_through"] is not None
                and (plan["checked_through"] - a["week"]).days < 28
            )
            if recent:
                kinds.setdefault(str(a["plan"]), set()).add(a["kind"])
        for c in await ClientRecord.select(
            ClientRecord.user, ClientRecord.coach.display_name
        ).where(ClientRecord.user.is_in([r["client"] for r in items])):
            coaches[str(c["user"])] = c["coach.display_name"]
    order = {"not_faded": 0, "quarter": 1, "stable": 2}
    return [
        wire.FadingOverview(
            client_id=str(r["client"]),
            client_name=r["client.display_name"],
            coach_name=coaches.get(str(r["client"])),
            job_id=str(r["job"]),
            job_title=r["job.title"],
            latest=(
                week_wire(latest[str(r["id"])], closed=True) if str(r["id"]) in latest else None
            ),
            alerts=sorted(kinds.get(str(r["id"]), set()), key=order.__getitem__),  # type: ignore[arg-type]
            stable=bool(r["stable"]),
        )
        for r in items
    ], cursor


def alerts_request(cursor: str | None, limit: int) -> PageRequest:
    return page_request("fading_alerts", cursor, limit, datetime, str)


async def alerts_for(actor: Actor, page: PageRequest) -> tuple[list[wire.FadingAlert], str | None]:
    """The alerts about the clients in reach, newest first; the plans in reach whose weeks
    ended since the engine's last round are closed first (a batch at most)."""
    due = FadingPlan.select(*FadingPlan.all_columns()).where(FadingPlan.next_check <= clock.now())
    if (reach := _in_reach(actor, FadingPlan.client)) is not None:
        due = due.where(reach)
    for plan in await due.limit(services.BATCH):
        await services.catch_up(plan)
    query = FadingAlert.select(*_ALERT_COLUMNS)
    after = after_key(page, FadingAlert.created_at, FadingAlert.id, descending=True)
    for condition in (_in_reach(actor, FadingAlert.client), after):
        if condition is not None:
            query = query.where(condition)
    rows = await query.order_by(FadingAlert.created_at, FadingAlert.id, ascending=False).limit(
        page.fetch
    )
    items, cursor = page_of(rows, page, "fading_alerts", lambda r: (r["created_at"], str(r["id"])))
    titles = {
        str(j["id"]): j["title"]
        for j in (
            await Job.select(Job.id, Job.title).where(Job.id.is_in([r["plan.job"] for r in items]))
            if items
            else []
        )
    }
    return [alert_wire(r, titles) for r in items], cursor


async def mine(client_id: str) -> list[wire.FadingJob]:
    """The client's own plans (a client has a job or two): the steps and the one in force."""
    plans = await FadingPlan.select(
        FadingPlan.id, FadingPlan.job, FadingPlan.job.title, FadingPlan.version, FadingPlan.zone
    ).where((FadingPlan.client == client_id) & (FadingPlan.version > 0))
    out: list[wire.FadingJob] = []
    for p in plans:
        version = await services.version_row(p["id"], int(p["version"]))
        if version is None:
            continue
        steps = services.steps_of(version["steps"])
        current = wk.step_for(steps, wk.monday_of(today(clock.now(), p["zone"])))
        out.append(
            wire.FadingJob(
                job_id=str(p["job"]),
                job_title=p["job.title"],
                steps=steps_wire(steps),
                current=step_wire(current) if current else None,
            )
        )
    return out
