"""(Longer than 400 lines: each of the day's parts is built here beside the others, so that one
reading shows how the whole answer is made from one statement's rows.)

The client's day, assembled from the rows of ``queries`` into the wire Structs the
endpoints it replaces at start give (``/api/me``, the upcoming shifts, the tasks with each
player and the client's progress, the goals), so that each part reads the same as there.

The answer is a function of those rows and of the time (which shifts have ended, what is "today"
at the workplace, which goals have ended). ``encoded_day`` keeps each client's last answer,
encoded, with the client's day stamp it was read at (``backend/today/tables.py``: database
triggers move it on with every change to the day, from any process) and until when it holds in
time; a request in that time whose stamp has not moved gets the same bytes without the day's
statement. The stamp is read from the database on every request, so a change shows at once.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, get_args
from zoneinfo import ZoneInfo

import msgspec

from backend.lib import clock
from backend.lib.db import hear
from backend.lib.db import moment as db_moment
from backend.lib.localtime import hhmm, today
from backend.lib.owned_photos import OwnedPhotos, as_photo, file_name
from backend.lib.told import Told, holds
from backend.piccolo_conf import DB
from backend.shifts import Occurrence, ShiftPlan, starting_between
from backend.today import queries
from backend.today.queries import PART, Row, day, flag, from_json, instant, moment, number, real
from shared_schemas import accounts, employers, goals, shifts, tasks
from shared_schemas.handover import WorkFeedback
from shared_schemas.opportunities import Interview
from shared_schemas.today import Day, DayInterview, DayTask

SHIFT_DAYS = 28
"""How far ahead the day's shifts reach: "next shift" after a holiday, small enough to send
at every start (the PWA's list of upcoming shifts asks for the same four weeks)."""
GOALS_AFTER_END = timedelta(days=28)
"""An ended goal stays in the day this long: the client rates it in its last week or after."""
GOAL_PHOTOS = OwnedPhotos(root="goals", url_root="/api/goals")
LAST_WEEK = 6  # a goal's final evaluation opens on its last day − 6 (``backend/goals``)
HOLDS_AT_MOST = timedelta(seconds=60)
"""A kept answer is made again after this long at the latest: a shift four weeks ahead enters
the list at most this late."""
KEPT_DAYS = 1024
DAY_CHANNEL = "stepwise_days"  # told by the migration ``today_2026_12_06t21_00…`` (PostgreSQL)
"""Answers kept, one per client, the least recently asked for dropped first (about 10 KB each)."""


def _language(value: str | None) -> tasks.Language | None:
    return value if value in get_args(tasks.Language) else None  # type: ignore[return-value]


# --- the person ---------------------------------------------------------------------------


def _me(user_id: str, c: Row) -> tuple[accounts.Me, int]:
    me = accounts.Me(
        id=user_id,
        display_name=c[0],
        role=c[1],
        team_id=c[2],
        locale=c[3],
        # Stored in the wire form; fields added later take their defaults.
        preferences=msgspec.convert(from_json(c[4]) or {}, accounts.Preferences),
        passkey_count=int(c[5]),
    )
    return me, int(c[6])


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


def _occurrence(client_id: str, o: Occurrence, today_there: date) -> shifts.Occurrence:
    return shifts.Occurrence(
        shift_id=o.shift_id,
        owner_id=client_id,
        date=o.day,
        day=_day_word(o.day, today_there),
        weekday=o.day.isoweekday(),
        starts_at=hhmm(o.starts_at),
        ends_at=hhmm(o.ends_at),
        workplace=o.workplace,
        zone=o.zone,
        start=o.start,
        end=o.end,
        cancelled=o.cancelled,  # type: ignore[arg-type]
        job_id=o.job,
    )


def _shift_span(at: datetime) -> tuple[datetime, datetime, date, date]:
    """Occurrences starting from a day before ``at`` (one may be under way) to ``SHIFT_DAYS``
    after it; local dates differ from UTC's by less than a day either way, so the dates read
    reach a day further on each side and the schedule keeps the exact instants."""
    start, end = at - timedelta(days=1), at + timedelta(days=SHIFT_DAYS)
    return start, end, start.date() - timedelta(days=1), end.date() + timedelta(days=1)


def _shifts(client_id: str, rows: list[Row], at: datetime) -> list[shifts.Occurrence]:
    """Not yet ended, starting within ``SHIFT_DAYS`` days, cancelled dates marked."""
    plans: dict[str, ShiftPlan] = {}
    for c in rows:
        plan = plans.get(c[0])
        if plan is None:
            plan = plans[c[0]] = ShiftPlan(
                id=c[0],
                client=client_id,
                workplace=c[1],
                zone=c[2],
                starts_at=queries.clock_time(c[3]),
                ends_at=queries.clock_time(c[4]),
                repeat=c[5],
                on_date=day(c[6]),
                weekdays=tuple(sorted(int(d) for d in from_json(c[7]) or [])),
                from_date=day(c[8]),
                until=day(c[9]),
                cancelled={},
                job=c[12],
            )
        cancelled_on = day(c[10])
        if cancelled_on is not None:
            plan.cancelled[cancelled_on] = c[11]
    start, end, _, _ = _shift_span(at)
    found = [o for o in starting_between(plans.values(), start, end, cancelled=True) if o.end > at]
    today_in = {zone: today(at, zone) for zone in {o.zone for o in found}}
    return [_occurrence(client_id, o, today_in[o.zone]) for o in found]


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


def _voice(task_id: str, c: Row) -> tasks.Voice | None:
    voice_hash, kind = c[13], c[14]
    if not voice_hash:
        return None
    ext = "webm" if kind == "audio/webm" else "m4a"
    return tasks.Voice(
        url=f"/api/tasks/{task_id}/steps/{c[6]}/voice/{voice_hash[:16]}.{ext}",
        content_type=kind,
        seconds=real(c[15]),
    )


def _help(c: Row) -> tasks.HelpRequest:
    return tasks.HelpRequest(
        id=c[0],
        local_id=c[1],
        task_id=c[2],
        task_title=c[3],
        step_id=c[4],
        step_position=number(c[5]),
        step_text=c[6],
        at=moment(c[7]),
        resolved_at=None,
        reached=c[8] or None,  # type: ignore[arg-type]
        escalated_at=instant(c[9]),
    )


@dataclass(frozen=True, slots=True)
class _TaskProgress:
    """A task's kept progress: how many sessions, whether mastered, the latest two."""

    sessions: int
    mastered: bool
    latest: tasks.MySession | None = None
    previous: tasks.MySession | None = None


def _task_progress(rows: list[Row], step_counts: dict[str, int]) -> dict[str, _TaskProgress]:
    out: dict[str, _TaskProgress] = {}
    for c in rows:
        task_id = c[0]
        kept = out.get(task_id) or _TaskProgress(sessions=int(c[5]), mastered=c[6] is not None)
        one = tasks.MySession(
            at=moment(c[1]),
            on_your_own=int(c[4]),
            total=step_counts.get(task_id, 0),
            date=day(c[2]),
        )
        if flag(c[3]):
            kept = _TaskProgress(kept.sessions, kept.mastered, one, kept.previous)
        else:
            kept = _TaskProgress(kept.sessions, kept.mastered, kept.latest, one)
        out[task_id] = kept
    return out


def _progress(
    t: Row, step_count: int, kept: _TaskProgress | None, run: Row | None
) -> tasks.MyProgress:
    return tasks.MyProgress(
        task_id=t[0],
        title=t[1],
        step_count=step_count,
        sessions=kept.sessions if kept else 0,
        latest=kept.latest if kept else None,
        previous=kept.previous if kept else None,
        mastered=kept.mastered if kept else False,
        last_run=tasks.MyRun(
            run_id=run[1], at=moment(run[2]), steps_done=int(run[3]), total=step_count
        )
        if run
        else None,
    )


def _tasks(
    client_id: str, parts: dict[int, list[Row]], help_requests: list[tasks.HelpRequest]
) -> list[DayTask]:
    runs = {c[0]: c for c in parts[PART.RUN]}
    open_help: dict[str, int] = {}
    for h in help_requests:
        open_help[h.task_id] = open_help.get(h.task_id, 0) + 1
    grouped: dict[str, tuple[Row, list[tasks.PlayerStep]]] = {}
    for c in parts[PART.STEP]:
        task_id = c[0]
        entry = grouped.get(task_id)
        if entry is None:
            entry = grouped[task_id] = (c, [])
        if c[6] is not None:
            entry[1].append(
                tasks.PlayerStep(
                    id=c[6],
                    position=int(c[7]),
                    text=c[8],
                    photo=_step_photo(c[10], c[11], c[12]),
                    voice=_voice(task_id, c),
                    compact=flag(c[9]),
                )
            )
    kept = _task_progress(parts[PART.SESSION], {k: len(v[1]) for k, v in grouped.items()})
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
                    mastery_sessions=int(t[3]),
                    open_help_requests=open_help.get(task_id, 0),
                    updated_at=moment(t[4]),
                    language=language,
                    job_id=t[16],
                ),
                player=tasks.Player(
                    task_id=task_id,
                    title=t[1],
                    workplace=t[2],
                    step_count=len(steps),
                    steps=steps,
                    language=language,
                ),
                progress=_progress(t, len(steps), kept.get(task_id), runs.get(task_id)),
            )
        )
    return out


# --- goals --------------------------------------------------------------------------------


def _evaluation(rating: str | None, comment: str, at: str | None) -> goals.Evaluation | None:
    if rating is None or at is None:
        return None
    return goals.Evaluation(rating=int(rating), comment=comment, at=moment(at))


def _levels(value: str | None) -> goals.GoalLevels | None:
    levels = from_json(value)
    if not isinstance(levels, dict) or not levels.get("expected"):
        return None
    keys = ("much_less", "less", "expected", "more", "much_more")
    return goals.GoalLevels(**{k: str(levels.get(k) or "") for k in keys})


def _goals(client_id: str, parts: dict[int, list[Row]], on: date) -> list[goals.Goal]:
    check_ins: dict[str, list[goals.CheckIn]] = {}
    for c in parts[PART.CHECK_IN]:
        check_ins.setdefault(c[0], []).append(
            goals.CheckIn(
                id=c[1],
                local_id=c[2],
                mood=int(c[3]),
                note=c[4],
                at=moment(c[5]),
                level=number(c[6]),
            )
        )
    out = []
    for c in parts[PART.GOAL]:
        goal_id = c[0]
        starts_on, ends_on, early = day(c[3]), day(c[4]), day(c[19])
        assert starts_on is not None and ends_on is not None
        status = "ended" if c[6] == "active" and ends_on < on else c[6]
        sizes = from_json(c[17])
        out.append(
            goals.Goal(
                id=goal_id,
                owner_id=client_id,
                title=c[1],
                means=list(from_json(c[2]) or []),
                starts_on=starts_on,
                ends_on=ends_on,
                weight=float(c[5]),
                status=status,  # type: ignore[arg-type]
                conversation_id=c[7],
                check_ins=check_ins.get(goal_id, []),
                client_evaluation=_evaluation(c[8], c[9], c[10]),
                coach_evaluation=_evaluation(c[11], c[12], c[13]),
                created_at=moment(c[14]),
                updated_at=moment(c[15]),
                photo=GOAL_PHOTOS.to_wire(goal_id, c[16], sizes if isinstance(sizes, list) else []),
                levels=_levels(c[18]),
                evaluation_opens_on=early or ends_on - timedelta(days=LAST_WEEK),
                ended_early=goals.EarlyEnd(on=early, reason=c[20]) if early else None,
            )
        )
    return out


# --- jobs ---------------------------------------------------------------------------------


def _work_place(c: Row) -> employers.WorkPlace:
    return employers.WorkPlace(
        job_id=c[0],
        title=c[1],
        employer_name=c[2] or "",
        address=c[3] or "",
        start_date=date.fromisoformat(c[4][:10]),
    )


# --- the day ------------------------------------------------------------------------------


async def _rows(client_id: str, at: datetime) -> list[Row]:
    _, _, first, last = _shift_span(at)
    return await queries.day_rows(client_id, first, last, at.date() - GOALS_AFTER_END, at.date())


def _day(client_id: str, rows: list[Row], at: datetime) -> Day | None:
    parts: dict[int, list[Row]] = {part: [] for part in range(PART.FEEDBACK + 1)}
    for row in rows:
        parts[row[0]].append(row[2:])
    if not parts[PART.ME]:
        return None  # the person is gone
    me, waiting = _me(client_id, parts[PART.ME][0])
    help_requests = [_help(c) for c in parts[PART.HELP]]
    return Day(
        me=me,
        shift_days=SHIFT_DAYS,
        shifts=_shifts(client_id, parts[PART.SHIFT], at),
        tasks=_tasks(client_id, parts, help_requests),
        goals=_goals(client_id, parts, at.date()),
        news_waiting=waiting,
        help_requests=help_requests,
        jobs=[_work_place(c) for c in parts[PART.JOB]],
        interviews=_interviews(parts[PART.INTERVIEW], at),
        work_feedback=_feedback(parts[PART.FEEDBACK], at),
    )


INTERVIEWS_AHEAD = timedelta(days=7)
"""How far ahead the day names job interviews."""


def _interviews(rows: list[Row], at: datetime) -> list[DayInterview]:
    """Those not begun that start within ``INTERVIEWS_AHEAD``, soonest first."""
    out = []
    for c in rows:
        starts = moment(c[6])
        if at < starts <= at + INTERVIEWS_AHEAD:
            out.append(
                DayInterview(
                    opportunity_id=c[0],
                    employer_name=c[1] or "",
                    job_title=c[2],
                    interview=Interview(
                        on=date.fromisoformat(c[3][:10]),
                        at=c[4],
                        zone=c[5],
                        starts_at=starts,
                        place=c[7],
                    ),
                )
            )
    return out


FEEDBACK_SHOWN = timedelta(days=28)
"""How long a reader's feedback stays on the client's home (as on the client's page)."""


def _feedback(rows: list[Row], at: datetime) -> list[WorkFeedback]:
    """The newest readers' feedback, those of the last ``FEEDBACK_SHOWN``."""
    return [
        WorkFeedback(
            id=c[0],
            job_id=c[1],
            job_title=c[2],
            employer_name=c[3] or "",
            kind=c[4],
            task_title=c[5],
            step=number(c[6]),
            at=moment(c[7]),
        )
        for c in rows
        if moment(c[7]) >= at - FEEDBACK_SHOWN
    ]


@dataclass(frozen=True, slots=True)
class _Kept:
    stamp: str | None
    made_at: datetime
    holds_until: datetime
    body: bytes
    etag: str
    moment: tuple[int, int] | None  # the database's moment before the rows were read
    told: int  # ``_told.count`` before the rows were read


_kept: OrderedDict[str, _Kept] = OrderedDict()


_told = Told(at_most=4 * KEPT_DAYS)
"""Which clients' day stamps moved, as this process heard (PostgreSQL: the migration
``today_2026_12_06t21_00…`` makes every change to ``day_stamps`` a ``NOTIFY``)."""
hear(DB, DAY_CHANNEL, _told)


def told_count() -> int:
    """How many moved stamps this process has heard of (to keep with a copy, read before it)."""
    return _told.count


def unmoved(
    client_id: str, kept_at: tuple[int, int] | None, told: int, now: tuple[int, int] | None
) -> bool:
    """A copy read at the moment ``kept_at`` (``told_count()`` then ``told``) of rows whose
    changes move the client's stamp still holds at the moment ``now``, without a read: the
    same moment (every change heard, no write of this process's own since; on SQLite no other
    connection committed), and nothing was told about this client's stamp since."""
    return holds(kept_at, now, _told, told, (client_id,))


def _still_holds(client_id: str, kept: _Kept, moment: tuple[int, int] | None) -> bool:
    """Without a round trip: the database's moment now (``moment``) is the one the answer was
    made in (every notification heard, no write of this process's own since, which the
    notification of may still be on its way; on SQLite no other connection committed), and
    nothing was told about this client's stamp since."""
    return unmoved(client_id, kept.moment, kept.told, moment)


_encode = msgspec.json.Encoder().encode


def etag_of(body: bytes) -> str:
    """A weak validator (RFC 9110 §8.8.1): the same day, byte for byte, has the same tag; weak
    because the compressed and plain forms of the answer share it."""
    return f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def _holds_until(day_answer: Day, at: datetime) -> datetime:
    """Until when the same rows give the same answer: the next shift listed ends (it leaves the
    list), a new day starts at a workplace (its words: today, tomorrow) or in UTC (a goal ends),
    and ``HOLDS_AT_MOST`` after ``at`` at the latest."""
    until = at + HOLDS_AT_MOST
    midnight = datetime.combine(at.date() + timedelta(days=1), datetime.min.time(), UTC)
    until = min(until, midnight)
    for i in day_answer.interviews:
        until = min(until, i.interview.starts_at)  # it leaves the list as it begins
    for o in day_answer.shifts:
        until = min(until, o.end)
        local = at.astimezone(ZoneInfo(o.zone))
        tomorrow = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
        until = min(until, tomorrow.replace(tzinfo=local.tzinfo).astimezone(UTC))
    return until


async def _stamp_unmoved(client_id: str, kept: _Kept) -> bool:
    """The stamp read now is the kept answer's: it holds, and it holds without a round trip
    from the moment before this read on (a change after it will be heard)."""
    before, told = db_moment(DB), _told.count
    if await queries.stamp(client_id) != kept.stamp:
        return False
    if before is not None and _kept.get(client_id) is kept:
        _kept[client_id] = replace(kept, moment=before, told=told)
    return True


async def encoded_day(client_id: str) -> tuple[bytes, str] | None:
    """The client's day as JSON bytes and their ETag, or None when the person is gone.

    The answer kept for the client is sent again while it holds in time and the client's day
    stamp has not moved: one small indexed read instead of the day's statement and the work of
    making the answer."""
    at = clock.now()
    kept = _kept.get(client_id)
    now_moment, now_told = db_moment(DB), _told.count
    if (
        kept is not None
        and kept.made_at <= at < kept.holds_until
        and (_still_holds(client_id, kept, now_moment) or await _stamp_unmoved(client_id, kept))
    ):
        # Other requests ran during the read: they may have let this answer go (the least
        # recently used go first when more than ``KEPT_DAYS`` are kept); it still holds.
        if client_id in _kept:
            _kept.move_to_end(client_id)
        return kept.body, kept.etag
    rows = await _rows(client_id, at)
    answer = _day(client_id, rows, at)
    if answer is None:
        _kept.pop(client_id, None)
        return None
    stamp = next(r[2 + 7] for r in rows if r[0] == PART.ME)
    body = _encode(answer)
    kept = _kept[client_id] = _Kept(
        stamp, at, _holds_until(answer, at), body, etag_of(body), now_moment, now_told
    )
    _kept.move_to_end(client_id)
    while len(_kept) > KEPT_DAYS:
        _kept.popitem(last=False)
    return kept.body, kept.etag
