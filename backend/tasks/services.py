"""Tasks and their steps: finding them within reach, building, editing, copying, templates.

With ``photos``, ``training`` and ``marks`` beside it, the only writer of the tasks tables;
``reading.py`` reads them for the wire.
"""

from __future__ import annotations

from typing import Any

import msgspec

from backend import clients
from backend.clients.access import can_manage_client
from backend.employers import client_of_job
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import ProblemError, field_error, not_found
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.lib.storage import get_storage
from backend.tasks import photos, training
from backend.tasks.access import can_manage_task, can_view_task, require
from backend.tasks.events import TaskMastered
from backend.tasks.reading import language, steps_of
from backend.tasks.tables import Photo, Step, Task
from shared_schemas import tasks as wire

NO_TASK = "There is no such task in your reach."


def task_prefix(task_id: str) -> str:
    return f"tasks/{task_id}"


async def _task_row(task_id: str) -> dict[str, Any] | None:
    if as_uuid(task_id) is None:
        return None
    return await Task.select(*Task.all_columns()).where(Task.id == as_uuid(task_id)).first()


async def _record(task: dict[str, Any]) -> clients.ClientRow | None:
    if task["is_template"] or task["client"] is None:
        return None
    return await clients.record_of(str(task["client"]))


async def task_and_record(task_id: str) -> tuple[dict[str, Any] | None, clients.ClientRow | None]:
    """The task and its client's record, unchecked (the caller decides with access.py)."""
    task = await _task_row(task_id)
    return task, (await _record(task) if task else None)


async def visible_task(
    actor: Actor, task_id: str
) -> tuple[dict[str, Any], clients.ClientRow | None]:
    """The task and the client's record, or 404 when the task is out of the actor's reach."""
    task = await _task_row(task_id)
    record = await _record(task) if task else None
    if task is None or not can_view_task(actor, task, record):
        raise not_found(NO_TASK)
    return task, record


async def managed_task(
    actor: Actor, task_id: str
) -> tuple[dict[str, Any], clients.ClientRow | None]:
    """404 out of reach; 403 for the client, who sees the task but changes it with the coach."""
    task, record = await visible_task(actor, task_id)
    require(can_manage_task(actor, task, record), "Your coach changes this task with you.")
    return task, record


async def step_row(task: dict[str, Any], step_id: str) -> dict[str, Any]:
    step = None
    if as_uuid(step_id) is not None:
        step = (
            await Step.select(*Step.all_columns())
            .where((Step.id == as_uuid(step_id)) & (Step.task == task["id"]))
            .first()
        )
    if step is None:
        raise not_found("There is no such step in this task.")
    return step


def audit_team(task: dict[str, Any], record: clients.ClientRow | None) -> str:
    return record.audit_team if record else str(task["team"] or "")


# --- writing ------------------------------------------------------------------------------


async def _job(client_id: Any, job_id: str | None) -> str | None:
    """A job the task names: one of its own client's (422 naming ``body.jobId`` otherwise)."""
    if job_id is None:
        return None
    if client_id is None or await client_of_job(job_id) != str(client_id):
        raise field_error("body.jobId", "Choose one of the client's jobs.")
    return as_uuid(job_id)


async def create(actor: Actor, client_id: str, data: wire.TaskCreate) -> str:
    at = now()
    job = await _job(client_id, data.job_id)
    task = Task(
        client=client_id,
        title=data.title.strip(),
        workplace=data.workplace.strip(),
        mastery_sessions=data.mastery_sessions,
        # Stored as written: a reader in another language still gets these words' own voice.
        language=data.language or language(actor.locale) or "",
        job=job,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    await task.save()
    return str(task.id)


def _need_text(value: str, field: str, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise field_error(field, f"Please write {what}.")
    return text


async def update(task: dict[str, Any], data: wire.TaskUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.title is not None:
        changes[Task.title] = _need_text(data.title, "body.title", "the task's name")
    if data.workplace is not None:
        changes[Task.workplace] = " ".join(data.workplace.split())
    if data.mastery_sessions is not None:
        changes[Task.mastery_sessions] = data.mastery_sessions
    if not isinstance(data.job_id, msgspec.UnsetType):
        changes[Task.job] = await _job(task["client"], data.job_id)
    if changes:
        changes[Task.updated_at] = now()
        async with Task._meta.db.transaction():
            await Task.update(changes).where(Task.id == task["id"])
            if data.mastery_sessions is not None:  # mastery is judged by the criterion
                await training.steps_changed(task["id"])


async def touch(task_id: Any) -> None:
    await Task.update({Task.updated_at: now()}).where(Task.id == task_id)


async def remove(task: dict[str, Any]) -> None:
    await Task.delete().where(Task.id == task["id"])  # steps, photos, sessions, marks cascade
    await get_storage().delete_prefix(task_prefix(str(task["id"])))


async def add_step(task: dict[str, Any], data: wire.StepCreate) -> str:
    text = _need_text(data.text, "body.text", "what to do in this step")
    at = now()
    async with Task._meta.db.transaction():
        count = await Step.count().where(Step.task == task["id"])
        position = min(data.position or count + 1, count + 1)
        await Step.update({Step.position: Step.position + 1}).where(
            (Step.task == task["id"]) & (Step.position >= position)
        )
        step = Step(
            task=task["id"], position=position, text=text, created_at=at, updated_at=at
        )  # fmt: skip
        await step.save()
        await touch(task["id"])
        await training.steps_changed(task["id"])  # a new step is in no session yet
    return str(step.id)


async def update_step(task: dict[str, Any], step: dict[str, Any], data: wire.StepUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.text is not None:
        changes[Step.text] = _need_text(data.text, "body.text", "what to do in this step")
    if data.mastered is not None and data.mastered != step["mastered"]:
        changes[Step.mastered] = data.mastered
        changes[Step.mastered_at] = now() if data.mastered else None
    if changes:
        changes[Step.updated_at] = now()
        await Step.update(changes).where(Step.id == step["id"])
        await touch(task["id"])
        if await _mastered(task):
            await emit(TaskMastered(str(task["id"]), str(task["client"]), task["title"]))


async def _mastered(task: dict[str, Any]) -> bool:
    """Whether this is a client's own task with every step mastered."""
    if task["is_template"] or task["client"] is None:
        return False
    steps = await Step.select(Step.mastered).where(Step.task == task["id"])
    return bool(steps) and all(s["mastered"] for s in steps)


async def remove_step(task: dict[str, Any], step: dict[str, Any]) -> None:
    async with Task._meta.db.transaction():
        await Step.delete().where(Step.id == step["id"])
        await Step.update({Step.position: Step.position - 1}).where(
            (Step.task == task["id"]) & (Step.position > step["position"])
        )
        await touch(task["id"])
        await training.steps_changed(task["id"])  # its records went with it
    if step["photo"] is not None:
        await photos.remove(str(task["id"]), str(step["photo"]))
    if step["voice_hash"]:
        await get_storage().delete_prefix(f"{task_prefix(str(task['id']))}/voice/{step['id']}")


async def reorder(task: dict[str, Any], step_ids: list[str]) -> None:
    current = [str(r["id"]) for r in await Step.select(Step.id).where(Step.task == task["id"])]
    wanted = [as_uuid(s) or s for s in step_ids]
    if sorted(wanted) != sorted(current) or len(set(wanted)) != len(wanted):
        raise field_error("body.stepIds", "List every step of this task once, in the new order.")
    async with Task._meta.db.transaction():
        for position, step_id in enumerate(wanted, start=1):
            await Step.update({Step.position: position}).where(Step.id == step_id)
        await touch(task["id"])


async def copy(
    actor: Actor,
    source: dict[str, Any],
    *,
    client_id: str | None,
    team_id: str | None,
    title: str | None = None,
    workplace: str | None = None,
) -> str:
    """A new task with the same steps, photos and voice prompts: for a client (``client_id``)
    or as a template of a team (``team_id``). Training history stays with the original."""
    at = now()
    task = Task(
        client=client_id,
        team=team_id,
        is_template=client_id is None,
        title=(title or source["title"]).strip(),
        workplace=(source["workplace"] if workplace is None else workplace).strip(),
        mastery_sessions=source["mastery_sessions"],
        language=source.get("language", ""),
        copied_from=str(source["id"]),
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    await task.save()
    new_id = str(task.id)
    storage = get_storage()
    old_prefix = task_prefix(str(source["id"]))
    for step in await steps_of(source["id"]):
        photo_id = None
        if step["photo"] is not None:
            photo_id = await photos.copy(str(source["id"]), str(step["photo"]), new_id, actor)
        new_step = Step(
            task=new_id,
            position=step["position"],
            text=step["text"],
            photo=photo_id,
            voice_hash=step["voice_hash"],
            voice_type=step["voice_type"],
            voice_seconds=step["voice_seconds"],
            created_at=at,
            updated_at=at,
        )
        await new_step.save()
        if step["voice_hash"]:
            name = voice_name(step["voice_hash"], step["voice_type"])
            data = await storage.get(f"{old_prefix}/voice/{step['id']}/{name}")
            if data is not None:
                await storage.put(
                    f"{task_prefix(new_id)}/voice/{new_step.id}/{name}", data, step["voice_type"]
                )
    return new_id


def voice_name(voice_hash: str, voice_type: str) -> str:
    return f"{voice_hash[:16]}.{'webm' if voice_type == 'audio/webm' else 'm4a'}"


async def copy_target(actor: Actor, to_client_id: str) -> str:
    record = await clients.record_of(to_client_id)
    if record is None or not can_manage_client(actor, record):
        raise field_error("body.toClientId", "Choose a client from your caseload.")
    return record.client_id


async def template_team(
    actor: Actor, task: dict[str, Any], record: clients.ClientRow | None
) -> str:
    team = actor.team_id or (record.team_id if record else task["team"])
    if team is None:
        raise ProblemError(
            422, "Templates are kept by a team, and this task's client has no team yet."
        )
    return str(team)


async def set_voice(
    step: dict[str, Any], voice_hash: str, voice_type: str, seconds: float | None
) -> None:
    await Step.update(
        {
            Step.voice_hash: voice_hash,
            Step.voice_type: voice_type,
            Step.voice_seconds: seconds,
            Step.updated_at: now(),
        }
    ).where(Step.id == step["id"])


async def set_photo(step: dict[str, Any], photo_id: str | None) -> None:
    await Step.update({Step.photo: photo_id, Step.updated_at: now()}).where(Step.id == step["id"])


async def photo_task(photo_id: str) -> str | None:
    if as_uuid(photo_id) is None:
        return None
    row = await Photo.select(Photo.task).where(Photo.id == as_uuid(photo_id)).first()
    return str(row["task"]) if row else None
