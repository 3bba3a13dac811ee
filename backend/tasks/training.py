"""Training sessions: the coach records each step's prompt level; progress is kept as they are.

(Longer than 400 lines: every write of a session and the task's kept progress change in one
transaction, and the rules of both are read side by side.)

A session has a day: the coach may record it later (on the laptop, from paper), so the phone
sends the day at the place with the zone it counts in; it may not be in the future nor before the
task was made. Progress is ordered by that day, then by when the session started.

A session is created with the UUID the coach's phone made for it (``localId``), so the outbox
can retry it, and its step records can be sent before the phone heard back: a session is found
by its id or by that UUID. One record per step and session: a later tap replaces the earlier.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import date, datetime
from typing import Any

from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone, today
from backend.tasks import marks, progress
from backend.tasks.tables import Step, StepRecord, Task, TaskProgress, TrainingSession
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
    """One step's record in a session, then the session's count of independent steps (in the
    caller's transaction, after ``_hold``)."""
    at = now()
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
    await TrainingSession.raw(_COUNT + "WHERE id = {}", str(session_id))


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
            async with TrainingSession._meta.db.transaction():
                await _hold(task["id"])
                row = TrainingSession(
                    client_uuid=client_uuid,
                    task=task["id"],
                    coach=actor.id,
                    started_at=data.started_at,
                    session_date=day,
                    created_at=now(),
                )
                await TrainingSession.insert(row)
                await _refresh_after(task["id"], row.id)
        except Exception:  # the same session arrived twice at once
            if not await TrainingSession.exists().where(TrainingSession.client_uuid == client_uuid):
                raise
            created = False
    session = await session_row(task, str(client_uuid))
    if data.records:
        async with TrainingSession._meta.db.transaction():
            await _hold(task["id"])
            for step_id, record in zip(steps, data.records, strict=True):
                await _set_record(session["id"], step_id, record.level, record.duration_seconds)
            await _refresh_after(task["id"], session["id"])
    return await to_wire(session), created


async def record(
    task: dict[str, Any], session: dict[str, Any], step_id: str, data: wire.StepRecordUpdate
) -> wire.TrainingSession:
    sid = as_uuid(step_id)
    if sid is None or not await Step.exists().where((Step.id == sid) & (Step.task == task["id"])):
        raise not_found("There is no such step in this task.")
    async with TrainingSession._meta.db.transaction():
        await _hold(task["id"])
        await _set_record(session["id"], sid, data.level, data.duration_seconds)
        await _refresh_after(task["id"], session["id"])
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


# --- the kept progress ----------------------------------------------------------------------
#
# Reads of progress never walk a task's whole history: each session keeps its count of
# independent steps, and ``task_progress`` keeps what needs every session (how many, the latest
# two, the first run that met the criterion). Every write that can move them makes them again in
# its own transaction: ``_hold`` first (on PostgreSQL the progress row's lock orders two writers
# of one task, so the second counts the first's records), the change, then ``_refresh_after``:
# a change to the latest session (the usual one: today's, recorded step by step) reads only the
# latest ``criterion`` sessions; any other (a session typed in later that falls earlier, a record
# corrected in an older one, steps or the criterion changed) reads one narrow row per session.

_COUNT = (
    "UPDATE training_sessions SET independent = (SELECT COUNT(*) FROM step_records AS r"
    " WHERE r.session = training_sessions.id AND r.level = 'independent') "
)


async def _hold(task_id: Any) -> None:
    await TaskProgress.raw(
        "INSERT INTO task_progress (id, task, sessions) VALUES ({}, {}, 0)"
        " ON CONFLICT (task) DO UPDATE SET sessions = task_progress.sessions",
        str(uuid.uuid4()),
        str(task_id),
    )


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Progress counts sessions by their day, then when they started and were recorded."""
    return (row["session_date"], row["started_at"], row["created_at"], str(row["id"]))


async def _refresh(task_id: Any) -> None:
    task = await Task.select(Task.mastery_sessions).where(Task.id == task_id).first()
    if task is None:
        return
    step_count = await Step.count().where(Step.task == task_id)
    rows = sorted(
        await TrainingSession.select(
            TrainingSession.id,
            TrainingSession.started_at,
            TrainingSession.session_date,
            TrainingSession.created_at,
            TrainingSession.independent,
        ).where(TrainingSession.task == task_id),
        key=_order,
    )
    # A session is all on the client's own when every current step is: with one record per step
    # and session (a removed step's records go with it), when its count is the number of steps.
    step_ids = [str(n) for n in range(step_count)]
    every = dict.fromkeys(step_ids, progress.INDEPENDENT)
    judged = [
        progress.Session(
            str(r["id"]),
            r["started_at"],
            every if step_count and r["independent"] == step_count else {},
            r["session_date"],
        )
        for r in rows
    ]
    reached = progress.mastery(judged, step_ids, task["mastery_sessions"])
    await TaskProgress.update(
        {
            TaskProgress.sessions: len(rows),
            TaskProgress.latest: rows[-1]["id"] if rows else None,
            TaskProgress.previous: rows[-2]["id"] if len(rows) > 1 else None,
            TaskProgress.sessions_to_mastery: reached.sessions_to_mastery,
            TaskProgress.mastered_at: reached.mastered_at,
            TaskProgress.days_to_independence: reached.days_to_independence,
        }
    ).where(TaskProgress.task == task_id)


async def _refresh_after(task_id: Any, session_id: Any) -> None:
    """After a change to one session alone (it was made, or one of its records): when it is the
    latest, only the latest ``criterion`` sessions can move the answer, and they are all that is
    read; otherwise ``_refresh``."""
    t = TrainingSession
    kept = await _kept(task_id)
    task = await Task.select(Task.mastery_sessions).where(Task.id == task_id).first()
    session = await t.select(*_COLUMNS).where(t.id == session_id).first()
    if kept is None or task is None or session is None or kept["latest"] is None:
        return await _refresh(task_id)
    new = str(kept["latest"]) != str(session_id)
    if new:  # counted only if it is ordered after the latest so far
        latest = await t.select(*_COLUMNS).where(t.id == kept["latest"]).first()
        if latest is None or _order(session) <= _order(latest):
            return await _refresh(task_id)
    count = kept["sessions"] + (1 if new else 0)
    changes: dict[Any, Any] = {TaskProgress.sessions: count}
    if new:
        changes[TaskProgress.latest] = session_id
        changes[TaskProgress.previous] = kept["latest"]
    reached = kept["sessions_to_mastery"]
    if reached is None or reached >= count:  # not met before, or met by this very session
        criterion = task["mastery_sessions"]
        steps = await Step.count().where(Step.task == task_id)
        newest = await _ends(task_id, criterion, newest=True)
        met = len(newest) == criterion and all(steps and r["independent"] == steps for r in newest)
        first = (await _ends(task_id, 1, newest=False))[0] if met else None
        changes[TaskProgress.sessions_to_mastery] = count if met else None
        changes[TaskProgress.mastered_at] = session["started_at"] if met else None
        changes[TaskProgress.days_to_independence] = (
            (session["session_date"] - first["session_date"]).days if first else None
        )
    await TaskProgress.update(changes).where(TaskProgress.task == task_id)


async def _ends(task_id: Any, n: int, *, newest: bool) -> list[dict[str, Any]]:
    """The task's ``n`` latest sessions (or first), by the index on the sessions' order."""
    t = TrainingSession
    return list(
        await t.select(*_COLUMNS)
        .where(t.task == task_id)
        .order_by(t.session_date, t.started_at, t.created_at, t.id, ascending=not newest)
        .limit(n)
    )


async def steps_changed(task_id: Any) -> None:
    """After a step was added or removed, or the criterion changed: count every session of the
    task again (a removed step took its records) and make its progress again. In the caller's
    transaction."""
    await _hold(task_id)
    await TrainingSession.raw(_COUNT + "WHERE task = {}", str(task_id))
    await _refresh(task_id)


async def refresh_every_task() -> int:
    """Count and keep the progress of every task with sessions (a database written without the
    server: a migration of older data, a seeded benchmark organisation). Returns how many."""
    await TrainingSession.raw(_COUNT)
    tasks = await TrainingSession.select(TrainingSession.task).distinct()
    for row in tasks:
        async with TrainingSession._meta.db.transaction():
            await _hold(row["task"])
            await _refresh(row["task"])
    return len(tasks)


async def _kept(task_id: Any) -> dict[str, Any] | None:
    return (
        await TaskProgress.select(*TaskProgress.all_columns())
        .where(TaskProgress.task == task_id)
        .first()
    )


# --- reading progress -----------------------------------------------------------------------

PAGE = 100
"""Sessions in a page of a task's progress, unless the caller asks for fewer or more."""
MAX_PAGE = 200
_CURSOR = b"sessions-before:"
_COLUMNS = (
    TrainingSession.id,
    TrainingSession.started_at,
    TrainingSession.session_date,
    TrainingSession.created_at,
    TrainingSession.independent,
)


def _cursor(row: dict[str, Any]) -> str:
    key = "|".join(
        [
            row["session_date"].isoformat(),
            row["started_at"].isoformat(),
            row["created_at"].isoformat(),
            str(row["id"]),
        ]
    )
    return base64.urlsafe_b64encode(_CURSOR + key.encode()).decode().rstrip("=")


def _key(cursor: str) -> tuple[date, datetime, datetime, Any]:
    bad = field_error(
        "query.cursor",
        "This is not a place in the task's sessions: start again from the latest.",
        status=400,
    )
    if len(cursor) > 200:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        text = raw.removeprefix(_CURSOR).decode()
        if text == raw.decode():
            raise ValueError
        day, started, created, sid = text.split("|")
        key = (
            date.fromisoformat(day),
            datetime.fromisoformat(started),
            datetime.fromisoformat(created),
            as_uuid(sid),
        )
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if key[3] is None or key[1].tzinfo is None or key[2].tzinfo is None:
        raise bad
    return key


def _beside(key: tuple[date, datetime, datetime, Any], older: bool) -> Any:
    """Sessions ordered before ``key`` (``older``), or it and those after it (keyset paging: a
    page costs the same however far back it is, and sessions recorded meanwhile shift nothing)."""
    t = TrainingSession
    day, started, created, sid = key
    if older:
        tie = (t.created_at < created) | ((t.created_at == created) & (t.id < sid))
        same = (t.started_at < started) | ((t.started_at == started) & tie)
        return (t.session_date <= day) & ((t.session_date < day) | ((t.session_date == day) & same))
    tie = (t.created_at > created) | ((t.created_at == created) & (t.id >= sid))
    same = (t.started_at > started) | ((t.started_at == started) & tie)
    return (t.session_date >= day) & ((t.session_date > day) | ((t.session_date == day) & same))


def _before(key: tuple[date, datetime, datetime, Any]) -> Any:
    return _beside(key, older=True)


async def _newest(task_id: Any, where: Any, limit: int) -> list[dict[str, Any]]:
    t = TrainingSession
    return list(
        await t.select(*_COLUMNS, t.coach.display_name.as_alias("coach_name"))
        .where((t.task == task_id) & where if where is not None else t.task == task_id)
        .order_by(t.session_date, t.started_at, t.created_at, t.id, ascending=False)
        .limit(limit)
    )


async def _levels(rows: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    levels: dict[str, dict[str, str]] = {str(r["id"]): {} for r in rows}
    if rows:
        records = await StepRecord.select(
            StepRecord.session, StepRecord.step, StepRecord.level
        ).where(StepRecord.session.is_in([r["id"] for r in rows]))
        for rec in records:
            levels[str(rec["session"])][str(rec["step"])] = rec["level"]
    return levels


async def _streaks(task_id: Any, step_ids: list[str]) -> dict[str, int]:
    """Per step, independent in this many of the latest sessions in a row: read back from the
    latest a page at a time only while some step's run goes on (the cost follows the longest
    run, not the history)."""
    streaks = dict.fromkeys(step_ids, 0)
    going = set(step_ids)
    where = None
    size = 8  # most runs break within a few sessions; a long one is read in growing pages
    while going:
        rows = await _newest(task_id, where, size)
        levels = await _levels(rows)
        for row in rows:
            for step_id in list(going):
                if levels[str(row["id"])].get(step_id) == progress.INDEPENDENT:
                    streaks[step_id] += 1
                else:
                    going.discard(step_id)
        if len(rows) < size:
            break
        size = min(size * 4, MAX_PAGE)
        last = rows[-1]
        where = _before((last["session_date"], last["started_at"], last["created_at"], last["id"]))
    return streaks


async def task_progress(
    task: dict[str, Any], *, limit: int = PAGE, cursor: str | None = None
) -> wire.Progress:
    """The coach's view: the kept summary, and a page of sessions — the latest ``limit`` before
    ``cursor`` (the latest when none), oldest first as the chart draws them."""
    steps = await _steps_of(task)
    step_ids = [str(s["id"]) for s in steps]
    criterion = task["mastery_sessions"]
    kept = await _kept(task["id"])
    total = kept["sessions"] if kept else 0
    key = _key(cursor) if cursor else None
    rows = await _newest(task["id"], _before(key) if key else None, limit + 1)
    older = _cursor(rows[limit - 1]) if len(rows) > limit else None
    rows = rows[:limit]
    newer = 0
    if key is not None:  # the sessions of the pages before this one (cursor given: not the first)
        t = TrainingSession
        newer = await t.count().where((t.task == task["id"]) & _beside(key, older=False))
    rows.reverse()
    levels = await _levels(rows)
    sessions = [
        progress.Session(str(r["id"]), r["started_at"], levels[str(r["id"])], r["session_date"])
        for r in rows
    ]
    coaches = {str(r["id"]): r["coach_name"] for r in rows}
    streaks = await _streaks(task["id"], step_ids)
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
                independent_streak=(streak := streaks[str(st["id"])]),
                ready_to_fade=streak >= criterion,
                mastered=st["mastered"],
                self_prompts=prompts.get(str(st["id"]), 0),
            )
            for st in steps
        ],
        sessions_to_mastery=kept["sessions_to_mastery"] if kept else None,
        mastered_at=kept["mastered_at"] if kept else None,
        days_to_independence=kept["days_to_independence"] if kept else None,
        session_count=total,
        first_session_number=max(total - newer - len(rows), 0) + 1,
        older_cursor=older,
    )


async def my_progress(task: dict[str, Any]) -> wire.MyProgress:
    step_count = await Step.count().where(Step.task == task["id"])
    kept = await _kept(task["id"])
    ends: dict[str, dict[str, Any]] = {}
    if kept and kept["latest"] is not None:
        ids = [i for i in (kept["latest"], kept["previous"]) if i is not None]
        rows = await TrainingSession.select(*_COLUMNS).where(TrainingSession.id.is_in(ids))
        ends = {str(r["id"]): r for r in rows}

    def mine(session_id: Any) -> wire.MySession | None:
        r = ends.get(str(session_id))
        if r is None:
            return None
        return wire.MySession(
            at=r["started_at"], on_your_own=r["independent"], total=step_count,
            date=r["session_date"],
        )  # fmt: skip

    run = await marks.last_run(task)
    return wire.MyProgress(
        task_id=str(task["id"]),
        title=task["title"],
        step_count=step_count,
        sessions=kept["sessions"] if kept else 0,
        latest=mine(kept["latest"]) if kept else None,
        previous=mine(kept["previous"]) if kept else None,
        mastered=bool(kept and kept["sessions_to_mastery"] is not None),
        last_run=wire.MyRun(
            run_id=run["run_id"], at=run["at"], steps_done=run["steps_done"], total=step_count
        )
        if run
        else None,
    )
