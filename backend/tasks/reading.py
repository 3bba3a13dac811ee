"""Tasks as the wire shows them, read: one task with its steps, the player's view of it, a
client's tasks and a team's templates. Everything here reads; ``services.py`` writes."""

from __future__ import annotations

from typing import Any, get_args

from backend.lib.actor import Actor
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.tasks import photos
from backend.tasks.tables import HelpRequest, Step, Task
from shared_schemas import tasks as wire


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def language(value: str | None) -> wire.Language | None:
    return value if value in get_args(wire.Language) else None  # type: ignore[return-value]


async def steps_of(task_id: Any) -> list[dict[str, Any]]:
    return list(
        await Step.select(
            *Step.all_columns(),
            Step.photo.content_hash.as_alias("photo_hash"),
            Step.photo.sizes.as_alias("photo_sizes"),
        )
        .where(Step.task == task_id)
        .order_by(Step.position)
        .output(load_json=True)
    )


def _voice(task_id: str, step: dict[str, Any]) -> wire.Voice | None:
    if not step["voice_hash"]:
        return None
    ext = "webm" if step["voice_type"] == "audio/webm" else "m4a"
    return wire.Voice(
        url=f"/api/tasks/{task_id}/steps/{step['id']}/voice/{step['voice_hash'][:16]}.{ext}",
        content_type=step["voice_type"],
        seconds=step["voice_seconds"],
    )


def _photo(step: dict[str, Any]) -> wire.Photo | None:
    if step["photo"] is None or not step.get("photo_hash"):
        return None
    return photos.to_wire(str(step["photo"]), step["photo_hash"], step["photo_sizes"] or [])


def _step(task_id: str, step: dict[str, Any]) -> wire.Step:
    return wire.Step(
        id=str(step["id"]),
        position=step["position"],
        text=step["text"],
        photo=_photo(step),
        voice=_voice(task_id, step),
        mastered=step["mastered"],
    )


async def detail(task_id: Any) -> wire.TaskDetail:
    task = await Task.select(*Task.all_columns()).where(Task.id == task_id).first()
    assert task is not None
    steps = await steps_of(task_id)
    return wire.TaskDetail(
        id=str(task["id"]),
        client_id=_s(task["client"]),
        title=task["title"],
        workplace=task["workplace"],
        is_template=task["is_template"],
        mastery_sessions=task["mastery_sessions"],
        steps=[_step(str(task["id"]), s) for s in steps],
        created_at=task["created_at"],
        updated_at=task["updated_at"],
        copied_from=task["copied_from"] or None,
        language=language(task["language"]),
        job_id=_s(task["job"]),
    )


async def player(task_id: Any) -> wire.Player:
    task = await (
        Task.select(Task.id, Task.title, Task.workplace, Task.language)
        .where(Task.id == task_id)
        .first()
    )
    assert task is not None
    steps = await steps_of(task_id)
    return wire.Player(
        task_id=str(task["id"]),
        title=task["title"],
        workplace=task["workplace"],
        step_count=len(steps),
        steps=[
            wire.PlayerStep(
                id=str(s["id"]),
                position=s["position"],
                text=s["text"],
                photo=_photo(s),
                voice=_voice(str(task["id"]), s),
                compact=s["mastered"],
            )
            for s in steps
        ],
        language=language(task["language"]),
    )


TASKS = "tasks"
"""The task lists' name in their cursors."""


def tasks_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of tasks: by title, then id."""
    return page_request(TASKS, cursor, limit, str, str)


async def _summaries(where: Any, page: PageRequest) -> tuple[list[wire.TaskSummary], str | None]:
    if (after := after_key(page, Task.title, Task.id)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Task.select(*Task.all_columns())
        .where(where)
        .order_by(Task.title, Task.id)
        .limit(page.fetch),
        page,
        TASKS,
        lambda r: (r["title"], str(r["id"])),
    )
    ids = [r["id"] for r in rows]
    counts: dict[str, int] = {}
    open_help: dict[str, int] = {}
    if ids:
        for r in await Step.select(Step.task).where(Step.task.is_in(ids)):
            counts[str(r["task"])] = counts.get(str(r["task"]), 0) + 1
        for r in await HelpRequest.select(HelpRequest.task).where(
            HelpRequest.task.is_in(ids) & HelpRequest.resolved_at.is_null()
        ):
            open_help[str(r["task"])] = open_help.get(str(r["task"]), 0) + 1
    return [
        wire.TaskSummary(
            id=str(r["id"]),
            client_id=_s(r["client"]),
            title=r["title"],
            workplace=r["workplace"],
            is_template=r["is_template"],
            step_count=counts.get(str(r["id"]), 0),
            mastery_sessions=r["mastery_sessions"],
            open_help_requests=open_help.get(str(r["id"]), 0),
            updated_at=r["updated_at"],
            language=language(r["language"]),
            job_id=_s(r["job"]),
        )
        for r in rows
    ], next_cursor


async def tasks_of(client_id: str, page: PageRequest) -> tuple[list[wire.TaskSummary], str | None]:
    """A client's tasks, by title: one page and the next page's cursor."""
    return await _summaries((Task.client == client_id) & (Task.is_template.eq(False)), page)


async def templates(
    actor: Actor, workplace: str | None, page: PageRequest
) -> tuple[list[wire.TaskSummary], str | None]:
    """Administrators: every team's templates; coordinators and coaches: their team's."""
    where: Any = Task.is_template.eq(True)
    if actor.role != "admin":
        if actor.team_id is None:
            return [], None
        where &= Task.team == actor.team_id
    if workplace:
        where &= Task.workplace == workplace.strip()
    return await _summaries(where, page)
