"""Training sessions: the coach records each step's prompt level; progress is computed from them.

A session has a day: the coach may record it later (on the laptop, from paper), so the phone
sends the day at the place with the zone it counts in; it may not be in the future nor before the
task was made. Progress is ordered by that day, then by when the session started.

A session is created with the UUID the coach's phone made for it (``localId``), so the outbox
can retry it, and its step records can be sent before the phone heard back: a session is found
by its id or by that UUID. One record per step and session: a later tap replaces the earlier.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone, today
from backend.tasks import marks, progress
from backend.tasks.tables import Step, StepRecord, TrainingSession
from shared_schemas import tasks as wire


async def _steps_of(task: dict[str, Any]) -> list[dict[str, Any]]:
    return list(
        await Step.select(Step.id, Step.position, Step.text, Step.mastered)
        .where(Step.task == task["id"])
        .order_by(Step.position)
    )


async def session_row(task: dict[str, Any], session_id: str) -> dict[str, Any]:
    sid = as_uuid(session_id)
    row = None
    if sid is not None:
        row = (
            await TrainingSession.select(*TrainingSession.all_columns())
            .where(
                ((TrainingSession.id == sid) | (TrainingSession.client_uuid == sid))
                & (TrainingSession.task == task["id"])
            )
            .first()
        )
    if row is None:
        raise not_found("There is no such training session for this task.")
    return row


async def _set_record(session_id: Any, step_id: Any, level: str, duration: int | None) -> None:
    at = now()
    async with TrainingSession._meta.db.transaction():
        existing = (
            await StepRecord.select(StepRecord.id)
            .where((StepRecord.session == session_id) & (StepRecord.step == step_id))
            .first()
        )
        if existing:
            await StepRecord.update(
                {
                    StepRecord.level: level,
                    StepRecord.duration_seconds: duration,
                    StepRecord.recorded_at: at,
                }
            ).where(StepRecord.id == existing["id"])
        else:
            await StepRecord.insert(
                StepRecord(
                    session=session_id,
                    step=step_id,
                    level=level,
                    duration_seconds=duration,
                    recorded_at=at,
                )
            )


async def _known_step(task: dict[str, Any], step_id: str, field: str) -> Any:
    sid = as_uuid(step_id)
    if sid is None or not await Step.exists().where((Step.id == sid) & (Step.task == task["id"])):
        raise field_error(field, "There is no such step in this task.")
    return sid


def _day(task: dict[str, Any], data: wire.SessionCreate) -> date:
    """The session's day at the place: the coach's, checked, or the day it started."""
    zone = data.zone or "UTC"
    if not is_zone(zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    if data.date is None:
        return today(data.started_at, zone)
    if data.date > today(now(), zone):
        raise field_error("body.date", "The date of the session cannot be in the future.")
    made = today(task["created_at"], zone)
    if data.date < made:
        raise field_error(
            "body.date",
            f"The date of the session cannot be before the task was made ({made.isoformat()}).",
        )
    return data.date


async def start(
    actor: Actor, task: dict[str, Any], data: wire.SessionCreate
) -> tuple[wire.TrainingSession, bool]:
    client_uuid = as_uuid(data.local_id)
    steps = [
        await _known_step(task, r.step_id, f"body.records.{i}.stepId")
        for i, r in enumerate(data.records)
    ]
    found = (
        await TrainingSession.select(*TrainingSession.all_columns())
        .where(TrainingSession.client_uuid == client_uuid)
        .first()
    )
    created = found is None
    if found is not None and str(found["task"]) != str(task["id"]):
        raise field_error(
            "body.localId",
            "This id was already used for another session. Make a new one.",
            409,
            "conflict",
        )
    if found is None:
        day = _day(task, data)
        try:
            await TrainingSession.insert(
                TrainingSession(
                    client_uuid=client_uuid,
                    task=task["id"],
                    coach=actor.id,
                    started_at=data.started_at,
                    session_date=day,
                    created_at=now(),
                )
            )
        except Exception:  # the same session arrived twice at once
            if not await TrainingSession.exists().where(TrainingSession.client_uuid == client_uuid):
                raise
            created = False
    session = await session_row(task, str(client_uuid))
    for step_id, record in zip(steps, data.records, strict=True):
        await _set_record(session["id"], step_id, record.level, record.duration_seconds)
    return await to_wire(session), created


async def record(
    task: dict[str, Any], session: dict[str, Any], step_id: str, data: wire.StepRecordUpdate
) -> wire.TrainingSession:
    sid = as_uuid(step_id)
    if sid is None or not await Step.exists().where((Step.id == sid) & (Step.task == task["id"])):
        raise not_found("There is no such step in this task.")
    await _set_record(session["id"], sid, data.level, data.duration_seconds)
    return await to_wire(session)


async def to_wire(session: dict[str, Any]) -> wire.TrainingSession:
    records = await StepRecord.select(*StepRecord.all_columns()).where(
        StepRecord.session == session["id"]
    )
    return wire.TrainingSession(
        id=str(session["id"]),
        local_id=str(session["client_uuid"]),
        task_id=str(session["task"]),
        coach_id=str(session["coach"]) if session["coach"] is not None else None,
        started_at=session["started_at"],
        records=[
            wire.StepRecord(
                step_id=str(r["step"]),
                level=r["level"],
                duration_seconds=r["duration_seconds"],
                recorded_at=r["recorded_at"],
            )
            for r in sorted(records, key=lambda r: r["recorded_at"])
        ],
        date=session["session_date"] or session["started_at"].date(),
    )


async def _sessions(task: dict[str, Any]) -> tuple[list[progress.Session], dict[str, str | None]]:
    rows = await TrainingSession.select(
        TrainingSession.id,
        TrainingSession.started_at,
        TrainingSession.session_date,
        TrainingSession.created_at,
        TrainingSession.coach.display_name.as_alias("coach_name"),
    ).where(TrainingSession.task == task["id"])
    # By the day of the session (a session recorded later, from paper, falls in its place);
    # sessions recorded before a day was asked have the UTC day they started.
    rows.sort(
        key=lambda r: (
            r["session_date"] or r["started_at"].date(),
            r["started_at"],
            r["created_at"],
        )
    )
    levels: dict[str, dict[str, str]] = {str(r["id"]): {} for r in rows}
    if rows:
        records = await StepRecord.select(
            StepRecord.session, StepRecord.step, StepRecord.level
        ).where(StepRecord.session.is_in([r["id"] for r in rows]))
        for rec in records:
            levels[str(rec["session"])][str(rec["step"])] = rec["level"]
    sessions = [
        progress.Session(str(r["id"]), r["started_at"], levels[str(r["id"])], r["session_date"])
        for r in rows
    ]
    return sessions, {str(r["id"]): r["coach_name"] for r in rows}


async def task_progress(task: dict[str, Any]) -> wire.Progress:
    steps = await _steps_of(task)
    step_ids = [str(s["id"]) for s in steps]
    sessions, coaches = await _sessions(task)
    criterion = task["mastery_sessions"]
    reached = progress.mastery(sessions, step_ids, criterion)
    prompts = await marks.self_prompt_counts(task)
    return wire.Progress(
        task_id=str(task["id"]),
        mastery_sessions=criterion,
        step_count=len(steps),
        sessions=[
            wire.SessionProgress(
                id=s.id,
                started_at=s.started_at,
                coach_name=coaches[s.id],
                independent=sc.independent,
                recorded=sc.recorded,
                total=sc.total,
                independent_percent=sc.percent,
                date=s.date,
            )
            for s in sessions
            for sc in [progress.score(s, step_ids)]
        ],
        steps=[
            wire.StepProgress(
                step_id=str(st["id"]),
                position=st["position"],
                text=st["text"],
                levels=progress.step_levels(sessions, str(st["id"])),  # type: ignore[arg-type]
                independent_streak=(streak := progress.independent_streak(sessions, str(st["id"]))),
                ready_to_fade=streak >= criterion,
                mastered=st["mastered"],
                self_prompts=prompts.get(str(st["id"]), 0),
            )
            for st in steps
        ],
        sessions_to_mastery=reached.sessions_to_mastery,
        mastered_at=reached.mastered_at,
        days_to_independence=reached.days_to_independence,
    )


async def my_progress(task: dict[str, Any]) -> wire.MyProgress:
    steps = await _steps_of(task)
    step_ids = [str(s["id"]) for s in steps]
    sessions, _ = await _sessions(task)
    reached = progress.mastery(sessions, step_ids, task["mastery_sessions"])

    def mine(s: progress.Session) -> wire.MySession:
        sc = progress.score(s, step_ids)
        return wire.MySession(
            at=s.started_at, on_your_own=sc.independent, total=sc.total, date=s.date
        )

    run = await marks.last_run(task)
    return wire.MyProgress(
        task_id=str(task["id"]),
        title=task["title"],
        step_count=len(steps),
        sessions=len(sessions),
        latest=mine(sessions[-1]) if sessions else None,
        previous=mine(sessions[-2]) if len(sessions) > 1 else None,
        mastered=reached.sessions_to_mastery is not None,
        last_run=wire.MyRun(
            run_id=run["run_id"], at=run["at"], steps_done=run["steps_done"], total=len(steps)
        )
        if run
        else None,
    )
