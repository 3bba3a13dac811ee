"""HTTP handlers for tasks themselves: a client's list, create, read, change, remove, the
player's preview, copies and templates."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.lib.actor import CurrentActor
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.tasks import access, reading, services
from backend.tasks.controllers.common import (
    _audit_task_read,
)
from shared_schemas import tasks as wire


class ClientTasksController(Controller):
    path = "/api/clients/{client_id:str}/tasks"
    tags = ["tasks"]

    @get(
        "/",
        summary="A client's tasks (the client: my tasks), by title, a page at a time",
        response_headers=LINK,
    )
    async def list_tasks(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.TaskSummary]]:
        page = reading.tasks_request(cursor, limit)
        record = await clients.visible_record(actor, client_id)
        await clients.audit_read(request, actor, "tasks_listed", record)
        return paged(request, *await reading.tasks_of(record.client_id, page))

    @post("/", status_code=HTTP_201_CREATED, summary="Create a task for a client")
    async def create_task(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.TaskCreate],
    ) -> wire.TaskDetail:
        record = await clients.visible_record(actor, client_id)
        access.require(access.can_make_tasks(actor, record), "Your coach makes tasks with you.")
        task_id = await services.create(actor, record.client_id, data)
        await audit(
            "task_created",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"task": task_id},
        )
        return await reading.detail(task_id)


class TaskController(Controller):
    path = "/api/tasks"
    tags = ["tasks"]

    @get(
        "/templates",
        summary="The team's task templates, optionally for one workplace, a page at a time",
        response_headers=LINK,
    )
    async def list_templates(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        workplace: FromQuery[str | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.TaskSummary]]:
        access.require(access.can_use_templates(actor))
        page = reading.tasks_request(cursor, limit)
        return paged(request, *await reading.templates(actor, workplace, page))

    @get("/{task_id:str}", summary="A task with its steps, for editing")
    async def get_task(
        self, request: Request[Any, Any, Any], actor: CurrentActor, task_id: FromPath[str]
    ) -> wire.TaskDetail:
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "task_read", task, record)
        return await reading.detail(task["id"])

    @patch("/{task_id:str}", summary="Rename a task, change its workplace or mastery criterion")
    async def update_task(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.TaskUpdate]
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        await services.update(task, data)
        return await reading.detail(task["id"])

    @delete("/{task_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a task")
    async def remove_task(
        self, request: Request[Any, Any, Any], actor: CurrentActor, task_id: FromPath[str]
    ) -> None:
        task, record = await services.managed_task(actor, task_id)
        await services.remove(task)
        await audit(
            "task_removed",
            request=request,
            actor=actor.id,
            subject=str(task["client"] or ""),
            team=services.audit_team(task, record),
            detail={"task": str(task["id"]), "title": task["title"]},
        )

    @get("/{task_id:str}/player", summary="The task as the client's player shows it (preview)")
    async def get_player(
        self, request: Request[Any, Any, Any], actor: CurrentActor, task_id: FromPath[str]
    ) -> wire.Player:
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "task_read", task, record)
        return await reading.player(task["id"])

    @post("/{task_id:str}/copy", status_code=HTTP_201_CREATED, summary="Copy to a client")
    async def copy_task(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        data: JSONBody[wire.TaskCopy],
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        client_id = await services.copy_target(actor, data.to_client_id)
        new_id = await services.copy(
            actor, task, client_id=client_id, team_id=None, title=data.title
        )
        await audit(
            "task_copied",
            request=request,
            actor=actor.id,
            subject=client_id,
            detail={"task": new_id, "from": str(task["id"])},
        )
        return await reading.detail(new_id)

    @post(
        "/{task_id:str}/template",
        status_code=HTTP_201_CREATED,
        summary="Keep a copy as a template of the team, for a workplace",
    )
    async def make_template(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.TemplateCreate]
    ) -> wire.TaskDetail:
        task, record = await services.managed_task(actor, task_id)
        team = await services.template_team(actor, task, record)
        new_id = await services.copy(
            actor, task, client_id=None, team_id=team, title=data.title, workplace=data.workplace
        )
        return await reading.detail(new_id)
