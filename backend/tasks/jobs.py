"""What the job analysis (``backend/workplace``) asks of the photo tasks: a few tasks by id, with
whose and which job's they are, and a new task for a client's job. The analysis and the
training are one thing: a task of the analysis opens its photo task."""

from __future__ import annotations

from dataclasses import dataclass

from backend.lib.actor import Actor
from backend.lib.ids import as_uuid
from backend.tasks import services
from backend.tasks.tables import Task
from shared_schemas import tasks as wire


@dataclass(frozen=True, slots=True)
class TaskRef:
    id: str
    title: str
    client_id: str | None
    job_id: str | None


async def task_refs(task_ids: list[str]) -> dict[str, TaskRef]:
    """The tasks of these ids that exist (templates have no client), unchecked."""
    ids = [u for u in (as_uuid(t) for t in task_ids) if u is not None]
    if not ids:
        return {}
    rows = await Task.select(Task.id, Task.title, Task.client, Task.job).where(Task.id.is_in(ids))
    return {
        str(r["id"]): TaskRef(
            id=str(r["id"]),
            title=r["title"],
            client_id=str(r["client"]) if r["client"] else None,
            job_id=str(r["job"]) if r["job"] else None,
        )
        for r in rows
    }


async def make_job_task(actor: Actor, client_id: str, job_id: str, title: str) -> str:
    """A new photo task of the client, done at ``job_id``'s workplace, with no steps yet (the
    coach photographs them next). The caller has checked that the actor manages the client."""
    return await services.create(actor, client_id, wire.TaskCreate(title=title, job_id=job_id))
