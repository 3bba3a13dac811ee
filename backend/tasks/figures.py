"""What the outcomes' figures ask of training and the player: each a read bounded by the
clients (a list, or a scope's sub-select) and the period, never the whole history.

- ``levels_between``: per client and prompt level, the steps recorded in the training sessions
  held on the days asked (a session's day is the one the coach gave, else its UTC day).
- ``mastered_between``: the client tasks that met their mastery criterion (``progress.py``: every
  step independent in the task's N consecutive sessions) in an interval, with the sessions and
  days it took (kept in ``task_progress``).
- ``after_mastery_between``: per client, the self-prompts and "I need help" taps in an interval
  on tasks that had met their criterion before the tap.
- ``tasks_mastered_by``: a staff member's own evidence (``backend/competence``): the client tasks
  they made that met their criterion in an interval, bounded by the tasks they made (the index
  on ``tasks.created_by``) and a limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from backend.clients import InScope, among
from backend.lib.ids import as_uuid
from backend.tasks.tables import HelpRequest, SelfPrompt, StepRecord, TaskProgress

Clients = Sequence[str] | InScope


@dataclass(frozen=True, slots=True)
class LevelCount:
    client_id: str
    level: str
    steps: int


@dataclass(frozen=True, slots=True)
class Mastered:
    task_id: str
    client_id: str
    title: str
    sessions: int
    days: int
    mastered_at: datetime


@dataclass(frozen=True, slots=True)
class AfterMastery:
    client_id: str
    self_prompts: int
    help_requests: int


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def levels_between(clients: Clients, first: date, last: date) -> list[LevelCount]:
    """Steps recorded per client and level in the sessions of ``first`` … ``last``."""
    session: Any = StepRecord.session
    client: Any = session.task.client
    on_day: Any = (session.session_date >= first) & (session.session_date <= last)
    by_start: Any = (
        session.session_date.is_null()
        & (session.started_at >= _utc(first))
        & (session.started_at < _utc(last + timedelta(days=1)))
    )
    rows = (
        await StepRecord.select(client.as_alias("client"), StepRecord.level, Count())
        .where(among(client, clients) & (on_day | by_start))
        .group_by(client, StepRecord.level)
    )
    return [
        LevelCount(str(r["client"]), r["level"], int(r["count"]))
        for r in rows
        if r["client"] is not None
    ]


def _instant(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def mastered_between(clients: Clients, start: datetime, end: datetime) -> list[Mastered]:
    """The clients' own tasks that met their mastery criterion in [start, end)."""
    task = TaskProgress.task
    rows = await TaskProgress.select(
        task.id.as_alias("task_id"),
        task.client.as_alias("client"),
        task.title.as_alias("title"),
        TaskProgress.sessions_to_mastery,
        TaskProgress.days_to_independence,
        TaskProgress.mastered_at,
    ).where(
        among(task.client, clients)
        & (TaskProgress.mastered_at >= start)
        & (TaskProgress.mastered_at < end)
    )
    return [
        Mastered(
            str(r["task_id"]),
            str(r["client"]),
            r["title"],
            int(r["sessions_to_mastery"] or 0),
            int(r["days_to_independence"] or 0),
            _instant(r["mastered_at"]),
        )
        for r in rows
        if r["client"] is not None
    ]


async def after_mastery_between(
    clients: Clients, start: datetime, end: datetime
) -> list[AfterMastery]:
    """Per client: self-prompts and help requests in [start, end) on tasks that had met their
    mastery criterion by then (clients with none are left out)."""
    taps: list[tuple[str, str, datetime, bool]] = []
    for table, is_help in ((SelfPrompt, False), (HelpRequest, True)):
        rows = await table.select(table.user, table.task, table.at).where(
            among(table.user, clients) & (table.at >= start) & (table.at < end)
        )
        taps += [(str(r["user"]), str(r["task"]), _instant(r["at"]), is_help) for r in rows]
    if not taps:
        return []
    mastered = {
        str(r["task"]): _instant(r["mastered_at"])
        for r in await TaskProgress.select(TaskProgress.task, TaskProgress.mastered_at).where(
            TaskProgress.task.is_in(sorted({as_uuid(t) for _, t, _, _ in taps}, key=str))
            & TaskProgress.mastered_at.is_not_null()
        )
    }
    counts: dict[str, list[int]] = {}
    for client, task_id, at, is_help in taps:
        since = mastered.get(task_id)
        if since is not None and at >= since:
            counts.setdefault(client, [0, 0])[1 if is_help else 0] += 1
    return [AfterMastery(c, s, h) for c, (s, h) in sorted(counts.items())]


async def tasks_mastered_by(
    person_id: str, start: datetime, end: datetime, limit: int
) -> list[tuple[str, datetime]]:
    """(task id, when it met its mastery criterion) of the clients' tasks ``person_id`` made
    (``tasks.created_by``: who wrote the task analysis; a task copied from a template is made by
    who copied it) that met it in [start, end), the latest first, at most ``limit``. Templates
    have no client and are never mastered."""
    who = as_uuid(person_id)
    if who is None or limit <= 0:
        return []
    task = TaskProgress.task
    rows = (
        await TaskProgress.select(task.id.as_alias("task_id"), TaskProgress.mastered_at)
        .where(
            (task.created_by == who)
            & task.client.is_not_null()
            & (TaskProgress.mastered_at >= start)
            & (TaskProgress.mastered_at < end)
        )
        .order_by(TaskProgress.mastered_at, task.id, ascending=False)
        .limit(limit)
    )
    return [(str(r["task_id"]), _instant(r["mastered_at"])) for r in rows]
