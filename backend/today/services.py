"""The client's day, assembled from ``queries`` into the wire Structs the five endpoints it
replaces at start give (``/api/me``, the upcoming shifts, the tasks with each player and the
client's progress, the goals), so that each part reads the same as there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, get_args

import msgspec

from backend.lib import clock
from backend.lib.localtime import hhmm, today
from backend.lib.owned_photos import OwnedPhotos, as_photo, file_name
from backend.shifts.schedule import Occurrence, ShiftPlan, starting_between
from backend.tasks.progress import Session, mastery
from backend.today import queries
from backend.today.queries import day, from_json, instant
from shared_schemas import accounts, goals, shifts, tasks
from shared_schemas.today import Day, DayTask

SHIFT_DAYS = 28
"""How far ahead the day's shifts reach: "next shift" after a holiday, small enough to send
at every start (the PWA's list of upcoming shifts asks for the same four weeks)."""
GOALS_AFTER_END = timedelta(days=28)
"""An ended goal stays in the day this long: the client rates it in its last week or after."""
GOAL_PHOTOS = OwnedPhotos(root="goals", url_root="/api/goals")
LAST_WEEK = 6  # a goal's final evaluation opens on its last day − 6 (``backend/goals``)


def _language(value: str | None) -> tasks.Language | None:
    return value if value in get_args(tasks.Language) else None  # type: ignore[return-value]


# --- the person ---------------------------------------------------------------------------


def _me(user_id: str, row: Sequence[Any]) -> tuple[accounts.Me, int]:
    name, role, team, locale, prefs, passkeys, waiting = row
    me = accounts.Me(
        id=user_id,
        display_name=name,
        role=role,
        team_id=team,
        locale=locale,
        preferences=msgspec.convert(from_json(prefs) or {}, accounts.Preferences),
        passkey_count=int(passkeys),
    )
    return me, int(waiting)


# --- shifts -------------------------------------------------------------------------------


def _day_word(on: date, today_there: date) -> shifts.DayWord:
    delta = (on - today_there).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 1 < delta < 7:
        return "weekday"
    return "date"


def _occurrence(client_id: str, o: Occurrence, at: datetime) -> shifts.Occurrence:
    return shifts.Occurrence(
        shift_id=o.shift_id,
        owner_id=client_id,
        date=o.day,
        day=_day_word(o.day, today(at, o.zone)),
        weekday=o.day.isoweekday(),
        starts_at=hhmm(o.starts_at),
        ends_at=hhmm(o.ends_at),
        workplace=o.workplace,
        zone=o.zone,
        start=o.start,
        end=o.end,
        cancelled=o.cancelled,  # type: ignore[arg-type]
    )


async def _shifts(client_id: str, at: datetime) -> list[shifts.Occurrence]:
    """Not yet ended, starting within ``SHIFT_DAYS`` days; one that started in the last day may
    be under way. Local dates differ from UTC's by less than a day either way: the span read
    is a day wider on each side, and the schedule keeps the exact instants."""
    start, end = at - timedelta(days=1), at + timedelta(days=SHIFT_DAYS)
    first, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    plans: dict[str, ShiftPlan] = {}
    for r in await queries.shifts(client_id, first, last):
        plan = plans.get(r[0])
        if plan is None:
            weekdays = from_json(r[7]) or []
            plan = plans[r[0]] = ShiftPlan(
                id=r[0],
                client=client_id,
                workplace=r[1],
                zone=r[2],
                starts_at=queries.clock_time(r[3]),
                ends_at=queries.clock_time(r[4]),
                repeat=r[5],
                on_date=day(r[6]),
                weekdays=tuple(sorted(int(d) for d in weekdays)),
                from_date=day(r[8]),
                until=day(r[9]),
                cancelled={},
            )
        if r[10] is not None:
            cancelled_on = day(r[10])
            assert cancelled_on is not None
            plan.cancelled[cancelled_on] = r[11]
    found = starting_between(plans.values(), start, end, cancelled=True)
    return [_occurrence(client_id, o, at) for o in found if o.end > at]


# --- tasks --------------------------------------------------------------------------------


def _step_photo(photo_id: str | None, content_hash: str | None, sizes: Any) -> tasks.Photo | None:
    sizes = from_json(sizes) or []
    if photo_id is None or not content_hash or not sizes:
        return None
    files = [
        tasks.PhotoFile(
            size=s["size"],
            width=s["width"],
            height=s["height"],
            webp=f"/api/photos/{photo_id}/{file_name(s['size'], content_hash, 'webp')}",
            jpeg=f"/api/photos/{photo_id}/{file_name(s['size'], content_hash, 'jpg')}",
        )
        for s in sizes
    ]
    return as_photo(photo_id, files)


def _voice(task_id: str, step_id: str, voice_hash: str, kind: str, secs: Any) -> tasks.Voice | None:
    if not voice_hash:
        return None
    ext = "webm" if kind == "audio/webm" else "m4a"
    return tasks.Voice(
        url=f"/api/tasks/{task_id}/steps/{step_id}/voice/{voice_hash[:16]}.{ext}",
        content_type=kind,  # type: ignore[arg-type]
        seconds=secs,
    )


def _help(r: Sequence[Any]) -> tasks.HelpRequest:
    return tasks.HelpRequest(
        id=r[0],
        client_id=r[1],
        task_id=r[2],
        task_title=r[3],
        step_id=r[4],
        step_position=r[5],
        step_text=r[6],
        at=queries.moment(r[7]),
        resolved_at=None,
        reached=r[8] or None,
        escalated_at=instant(r[9]),
    )


def _sessions(rows: Sequence[Sequence[Any]]) -> dict[str, list[tuple[Session, int]]]:
    """Per task, its sessions in the order progress counts them (by the day of the session,
    then when it started and was recorded), each with its steps done on the client's own."""
    keyed: dict[str, list[tuple[tuple[Any, ...], Session, int]]] = {}
    for task_id, started, on, created, independent in rows:
        started_at = queries.moment(started)
        session = Session(id="", started_at=started_at, levels={}, day=day(on))
        key = (session.date, started_at, queries.moment(created))
        keyed.setdefault(task_id, []).append((key, session, int(independent)))
    return {
        task_id: [(s, n) for _, s, n in sorted(items, key=lambda item: item[0])]
        for task_id, items in keyed.items()
    }


def _mine(session: Session, independent: int, total: int) -> tasks.MySession:
    return tasks.MySession(
        at=session.started_at, on_your_own=independent, total=total, date=session.date
    )


def _progress(
    task_id: str,
    title: str,
    criterion: int,
    step_count: int,
    sessions: list[tuple[Session, int]],
    run: Sequence[Any] | None,
) -> tasks.MyProgress:
    # Mastery counts a session all-independent when every current step is: with one record
    # per step and session, when the count of independent records is the count of steps.
    step_ids = [str(i) for i in range(step_count)]
    every = {i: "independent" for i in step_ids}
    judged = [
        Session(id="", started_at=s.started_at, levels=every if n == step_count else {}, day=s.day)
        for s, n in sessions
    ]
    reached = mastery(judged, step_ids, criterion)
    return tasks.MyProgress(
        task_id=task_id,
        title=title,
        step_count=step_count,
        sessions=len(sessions),
        latest=_mine(*sessions[-1], step_count) if sessions else None,
        previous=_mine(*sessions[-2], step_count) if len(sessions) > 1 else None,
        mastered=reached.sessions_to_mastery is not None,
        last_run=tasks.MyRun(
            run_id=run[1], at=queries.moment(run[2]), steps_done=int(run[3]), total=step_count
        )
        if run
        else None,
    )


async def _tasks(client_id: str) -> tuple[list[DayTask], list[tasks.HelpRequest]]:
    rows = await queries.tasks(client_id)
    help_requests = [_help(r) for r in await queries.open_help(client_id)]
    sessions = _sessions(await queries.sessions(client_id)) if rows else {}
    runs = {r[0]: r for r in await queries.last_runs(client_id)} if rows else {}
    open_help: dict[str, int] = {}
    for h in help_requests:
        open_help[h.task_id] = open_help.get(h.task_id, 0) + 1
    grouped: dict[str, tuple[Sequence[Any], list[tasks.PlayerStep]]] = {}
    for r in rows:
        task_id = r[0]
        entry = grouped.get(task_id)
        if entry is None:
            entry = grouped[task_id] = (r, [])
        if r[6] is not None:
            entry[1].append(
                tasks.PlayerStep(
                    id=r[6],
                    position=r[7],
                    text=r[8],
                    photo=_step_photo(r[10], r[11], r[12]),
                    voice=_voice(task_id, r[6], r[13], r[14], r[15]),
                    compact=bool(r[9]),
                )
            )
    out = []
    for task_id, (t, steps) in grouped.items():
        language = _language(t[5])
        out.append(
            DayTask(
                summary=tasks.TaskSummary(
                    id=task_id,
                    client_id=client_id,
                    title=t[1],
                    workplace=t[2],
                    is_template=False,
                    step_count=len(steps),
                    mastery_sessions=t[3],
                    open_help_requests=open_help.get(task_id, 0),
                    updated_at=queries.moment(t[4]),
                    language=language,
                ),
                player=tasks.Player(
                    task_id=task_id,
                    title=t[1],
                    workplace=t[2],
                    step_count=len(steps),
                    steps=steps,
                    language=language,
                ),
                progress=_progress(
                    task_id, t[1], t[3], len(steps), sessions.get(task_id, []), runs.get(task_id)
                ),
            )
        )
    return out, help_requests


# --- goals --------------------------------------------------------------------------------


def _evaluation(rating: Any, comment: str, at: Any) -> goals.Evaluation | None:
    if rating is None or at is None:
        return None
    return goals.Evaluation(rating=rating, comment=comment, at=queries.moment(at))


def _levels(value: Any) -> goals.GoalLevels | None:
    value = from_json(value)
    if not isinstance(value, dict) or not value.get("expected"):
        return None
    keys = ("much_less", "less", "expected", "more", "much_more")
    return goals.GoalLevels(**{k: str(value.get(k) or "") for k in keys})


async def _goals(client_id: str, on: date) -> list[goals.Goal]:
    since = on - GOALS_AFTER_END
    check_ins: dict[str, list[goals.CheckIn]] = {}
    for goal_id, check_in_id, client_uuid, mood, note, at, level in await queries.check_ins(
        client_id, since
    ):
        check_ins.setdefault(goal_id, []).append(
            goals.CheckIn(
                id=check_in_id,
                client_id=client_uuid,
                mood=mood,
                note=note,
                at=queries.moment(at),
                level=level,
            )
        )
    out = []
    for r in await queries.goals(client_id, since):
        goal_id = r[0]
        ends_on, early = day(r[4]), day(r[19])
        assert ends_on is not None
        status = "ended" if r[6] == "active" and ends_on < on else r[6]
        sizes = from_json(r[17])
        out.append(
            goals.Goal(
                id=goal_id,
                owner_id=client_id,
                title=r[1],
                means=list(from_json(r[2]) or []),
                starts_on=day(r[3]),  # type: ignore[arg-type]
                ends_on=ends_on,
                weight=float(r[5]),
                status=status,  # type: ignore[arg-type]
                conversation_id=r[7],
                check_ins=check_ins.get(goal_id, []),
                client_evaluation=_evaluation(r[8], r[9], r[10]),
                coach_evaluation=_evaluation(r[11], r[12], r[13]),
                created_at=queries.moment(r[14]),
                updated_at=queries.moment(r[15]),
                photo=GOAL_PHOTOS.to_wire(goal_id, r[16], sizes if isinstance(sizes, list) else []),
                levels=_levels(r[18]),
                evaluation_opens_on=early
                if early is not None
                else ends_on - timedelta(days=LAST_WEEK),
                ended_early=goals.EarlyEnd(on=early, reason=r[20]) if early is not None else None,
            )
        )
    return out


# --- the day ------------------------------------------------------------------------------


async def day_of(client_id: str) -> Day | None:
    """The client's day, or None when the person is gone."""
    row = await queries.me(client_id)
    if row is None:
        return None
    me, waiting = _me(client_id, row)
    at = clock.now()
    day_tasks, help_requests = await _tasks(client_id)
    return Day(
        me=me,
        shift_days=SHIFT_DAYS,
        shifts=await _shifts(client_id, at),
        tasks=day_tasks,
        goals=await _goals(client_id, at.date()),
        news_waiting=waiting,
        help_requests=help_requests,
    )
