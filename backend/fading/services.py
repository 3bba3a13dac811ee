"""A fading plan's writes (versions), the closing of its weeks one at a time, and the alerts
told once. The only place that writes the domain's tables."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

from backend.accounts.tables import User
from backend.clients import ClientRow, record_of
from backend.employers.tables import Job
from backend.fading import weeks as wk
from backend.fading.late import remeasure_late
from backend.fading.measuring import JobRef, Measured, measure
from backend.fading.tables import FadingAlert, FadingPlan, FadingVersion, FadingWeek
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import instant, is_zone, today
from backend.reminders import send_now_to
from backend.sync import insert_once
from shared_schemas import fading as wire

log = logging.getLogger("stepwise.fading")
NO_JOB = "There is no such job."
ALERT_PUSH = "fading"
BATCH = 50
MAX_WEEKS_A_CALL = 60  # a plan dated far back closes its weeks over a few rounds


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


async def job_of(record: ClientRow, job_id: str) -> JobRef:
    """The client's job, or 404 (a job of someone else is as absent as no job)."""
    uid = as_uuid(job_id)
    row = (
        await Job.select(Job.id, Job.client, Job.employer, Job.title, Job.start_date, Job.end_date)
        .where((Job.id == uid) & (Job.client == record.client_id))
        .first()
        if uid
        else None
    )
    if row is None:
        raise not_found(NO_JOB)
    return _job(row)


def _job(row: dict[str, Any]) -> JobRef:
    return JobRef(
        id=str(row["id"]),
        client=str(row["client"]),
        employer=_s(row["employer"]),
        title=row["title"],
        start_date=row["start_date"],
        end_date=row["end_date"],
    )


async def plan_row(client_id: str, job_id: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await FadingPlan.select(*FadingPlan.all_columns())
        .where((FadingPlan.client == client_id) & (FadingPlan.job == job_id))
        .first()
    )
    return row


async def version_row(plan_id: Any, number: int) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await FadingVersion.select(*FadingVersion.all_columns())
        .where((FadingVersion.plan == plan_id) & (FadingVersion.number == number))
        .first()
        .output(load_json=True)
    )
    return row


def steps_of(stored: list[dict[str, Any]]) -> list[wk.Step]:
    return [
        wk.Step(
            from_date=date.fromisoformat(s["fromDate"]),
            hours_tenths=s.get("hoursTenths"),
            percent=s.get("percent"),
        )
        for s in stored
    ]


def _checked_steps(job: JobRef, data: wire.FadingPlanWrite) -> list[dict[str, Any]]:
    """The steps in date order, each with one planned value, within the job; a refusal names
    the step's field."""
    out: list[dict[str, Any]] = []
    seen: set[date] = set()
    for i, step in enumerate(data.steps):
        field = f"body.steps.{i}"
        hours, share = step.coach_hours_per_week, step.share_of_shift_percent
        if (hours is None) == (share is None):
            raise field_error(
                f"{field}.coachHoursPerWeek",
                "Give either the coach's hours a week or a share of the shift, one of the two.",
            )
        if step.from_date in seen:
            raise field_error(f"{field}.fromDate", "Two steps start on this day. Change one.")
        if step.from_date < job.start_date:
            raise field_error(f"{field}.fromDate", "A step cannot start before the job started.")
        if job.end_date is not None and step.from_date > job.end_date:
            raise field_error(f"{field}.fromDate", "A step cannot start after the job ended.")
        seen.add(step.from_date)
        out.append(
            {
                "fromDate": step.from_date.isoformat(),
                "hoursTenths": None if hours is None else round(hours * 10),
                "percent": share,
            }
        )
    out.sort(key=lambda s: s["fromDate"])
    return out


def _next_check(monday: date, zone: str) -> datetime:
    """When the week starting ``monday`` closes."""
    return instant(wk.closes_on(monday), time(0), zone)


async def save(
    actor: Actor, record: ClientRow, job: JobRef, data: wire.FadingPlanWrite
) -> tuple[dict[str, Any], bool]:
    """A new version of the client's plan for the job (the plan made with the first): (the
    plan's row, made now). The same ``localId`` again: the version it made, nothing new."""
    if not is_zone(data.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    steps = _checked_steps(job, data)
    at = clock.now()
    first = wk.monday_of(date.fromisoformat(steps[0]["fromDate"]))
    plan = await plan_row(record.client_id, job.id)
    if plan is None:
        await FadingPlan.insert(
            FadingPlan(
                client=record.client_id,
                job=job.id,
                zone=data.zone,
                version=0,
                next_check=_next_check(first, data.zone),
                created_by=actor.id,
                created_at=at,
                updated_at=at,
            )
        ).on_conflict(action="DO NOTHING")
        plan = await plan_row(record.client_id, job.id)
        assert plan is not None
    number = int(plan["version"]) + 1
    _, created = await insert_once(
        FadingVersion,
        FadingVersion(
            client_uuid=as_uuid(data.local_id),
            plan=plan["id"],
            number=number,
            steps=steps,
            made_by=actor.id,
            made_at=at,
        ),
        {"plan": plan["id"]},
        data,
        read_back=False,
    )
    if not created:  # sent again: the version it made stands
        return plan, False
    changes: dict[Any, Any] = {
        FadingPlan.version: number,
        FadingPlan.zone: data.zone,
        FadingPlan.updated_at: at,
    }
    if plan["checked_through"] is None:  # no week closed yet: the first week may move
        changes[FadingPlan.next_check] = _next_check(first, data.zone)
    await FadingPlan.update(changes).where(FadingPlan.id == plan["id"])
    plan = await plan_row(record.client_id, job.id)
    assert plan is not None
    return plan, created


def week_of(row: dict[str, Any]) -> wk.Week:
    return wk.Week(
        monday=row["monday"],
        coach_minutes=row["coach_minutes"],
        shift_minutes=row["shift_minutes"],
        visits=row["visits"],
        planned_tenths=row["planned_tenths"],
        planned_percent=row["planned_percent"],
        independent_steps=row["independent_steps"],
        recorded_steps=row["recorded_steps"],
    )


async def measured_week(job: JobRef, steps: list[wk.Step], monday: date, zone: str) -> wk.Week:
    """The week's figures from the records, with the step in force that week."""
    m = await measure(job, monday, zone)
    step = wk.step_for(steps, monday)
    return wk.Week(
        monday=monday,
        coach_minutes=m.coach_minutes,
        shift_minutes=m.shift_minutes,
        visits=m.visits,
        planned_tenths=step.hours_tenths if step else None,
        planned_percent=step.percent if step else None,
        independent_steps=m.independent_steps,
        recorded_steps=m.recorded_steps,
    )


async def kept_weeks(plan_id: Any, last: date, count: int) -> list[wk.Week]:
    """The closed weeks up to the one of ``last``, at most ``count``, oldest first."""
    rows = (
        await FadingWeek.select(*FadingWeek.all_columns())
        .where((FadingWeek.plan == plan_id) & (FadingWeek.monday <= last))
        .order_by(FadingWeek.monday, ascending=False)
        .limit(count)
    )
    return [week_of(r) for r in reversed(rows)]


async def catch_up(plan: dict[str, Any]) -> bool:
    """Close the plan's weeks that have ended (two days' grace) and are not closed yet, each
    once: its figures kept, then the alerts it raises told; and measure again the closed weeks
    with visits written up after they closed. Reads only the weeks it closes or measures again.
    True when anything changed."""
    zone = plan["zone"]
    number = int(plan["version"])
    version = await version_row(plan["id"], number) if number else None
    job_row = (
        await Job.select(Job.id, Job.client, Job.employer, Job.title, Job.start_date, Job.end_date)
        .where(Job.id == plan["job"])
        .first()
    )
    if version is None or job_row is None:
        return False
    job = _job(job_row)
    steps = steps_of(version["steps"])
    now = clock.now()
    local_today = today(now, zone)
    first = wk.monday_of(steps[0].from_date)
    monday = plan["checked_through"] + wk.WEEK if plan["checked_through"] is not None else first
    ever_present, stable = bool(plan["ever_present"]), bool(plan["stable"])
    closed_through = plan["checked_through"]
    redone: list[Measured] = []
    if closed_through is not None:
        redone = await remeasure_late(plan["id"], job, closed_through, zone, now)
        if redone:
            ever_present = ever_present or any(m.coach_minutes > 0 for m in redone)
            recent = await kept_weeks(plan["id"], closed_through, wk.STABLE_WEEKS)
            stable = wk.stable(recent)
            await _alerts(plan, recent, ever_present, stable, first, closed_through)
    done = 0
    while wk.closes_on(monday) <= local_today and done < MAX_WEEKS_A_CALL:
        if job.end_date is not None and monday > job.end_date:
            break
        week = await measured_week(job, steps, monday, zone)
        await FadingWeek.insert(
            FadingWeek(
                plan=plan["id"],
                monday=monday,
                planned_tenths=week.planned_tenths,
                planned_percent=week.planned_percent,
                coach_minutes=week.coach_minutes,
                visits=week.visits,
                shift_minutes=week.shift_minutes,
                independent_steps=week.independent_steps,
                recorded_steps=week.recorded_steps,
                closed_at=now,
            )
        ).on_conflict(action="DO NOTHING")
        ever_present = ever_present or week.coach_minutes > 0
        recent = await kept_weeks(plan["id"], monday, wk.STABLE_WEEKS)
        stable = wk.stable(recent)
        await _alerts(plan, recent, ever_present, stable, first, monday)
        closed_through = monday
        monday += wk.WEEK
        done += 1
    was_due = plan["next_check"] is not None and plan["next_check"] <= now
    if done == 0 and not redone and not was_due:
        return False  # a read between two rounds that found nothing late: nothing to write
    ended = job.end_date is not None and monday > job.end_date
    await FadingPlan.update(
        {
            FadingPlan.checked_through: closed_through,
            FadingPlan.next_check: None if ended else _next_check(monday, zone),
            FadingPlan.ever_present: ever_present,
            FadingPlan.stable: stable,
        }
    ).where(FadingPlan.id == plan["id"])
    return True


async def _alerts(
    plan: dict[str, Any],
    recent: list[wk.Week],
    ever_present: bool,
    stable: bool,
    first: date,
    monday: date,
) -> None:
    raised: list[tuple[str, date]] = []
    since = wk.not_faded_since(recent)
    if since is not None:
        raised.append(("not_faded", since))
    if recent and recent[-1].monday == monday and wk.quarter_reached(recent[-1], ever_present):
        raised.append(("quarter", first))
    if stable:
        raised.append(("stable", first))
    for kind, since_day in raised:
        await raise_alert(plan, kind, since_day, monday)


async def raise_alert(plan: dict[str, Any], kind: str, since: date, week: date) -> bool:
    """Record the alert and tell the client's coach and the team's coordinators, once: a second
    call for the same (plan, kind, since) finds it there and tells nobody. The push says only
    "support to review" (``reminders/kinds.py``); the app names the client."""
    inserted = await (
        FadingAlert.insert(
            FadingAlert(
                plan=plan["id"],
                client=plan["client"],
                kind=kind,
                since=since,
                week=week,
                created_at=clock.now(),
            )
        )
        .on_conflict(action="DO NOTHING")
        .returning(FadingAlert.id)
    )
    if not inserted:
        return False
    try:
        record = await record_of(str(plan["client"]))
        if record is not None:
            await send_now_to(await recipients(record), ALERT_PUSH)
    except Exception:  # telling the phones is best effort: the alert is listed in the app
        log.exception("fading alert push failed")
    return True


async def recipients(record: ClientRow) -> list[str]:
    """The client's coach and the coordinators of the client's team."""
    people = [record.coach_id] if record.coach_id else []
    if record.team_id:
        rows = await User.select(User.id).where(
            (User.role == "coordinator") & (User.team == record.team_id)
        )
        people.extend(str(r["id"]) for r in rows)
    return people


async def catch_up_due(now: datetime) -> int:
    """The engine's round: the plans whose next week has closed, a batch at a time (the index
    on ``next_check``)."""
    rows = (
        await FadingPlan.select(*FadingPlan.all_columns())
        .where(FadingPlan.next_check <= now)
        .order_by(FadingPlan.next_check)
        .limit(BATCH)
    )
    for row in rows:
        try:
            await catch_up(row)
        except Exception:
            log.exception("fading plan %s not caught up", row["id"])
    return len(rows)
