"""HTTP handlers for working through a task: the client's marks, self-prompts and requests for
help, the coach's training sessions, and progress."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.lib.actor import CurrentActor
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed as _created_or_replayed
from backend.lib.replay import replayed as _replayed
from backend.tasks import help, marks, services, training
from backend.tasks.controllers.common import (
    _audit_task_read,
    _own_task,
)
from shared_schemas import tasks as wire


class TrainingController(Controller):
    path = "/api/tasks"
    tags = ["tasks"]

    @post(
        "/{task_id:str}/completions",
        status_code=HTTP_201_CREATED,
        summary="The client marks a step done (idempotent by localId)",
        responses=_replayed(wire.Completion),
    )
    async def complete_step(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.CompletionCreate]
    ) -> Response[wire.Completion]:
        task = await _own_task(actor, task_id, "Only the client marks steps done.")
        return _created_or_replayed(*await marks.complete(actor, task, data))

    @post(
        "/{task_id:str}/self-prompts",
        status_code=HTTP_201_CREATED,
        summary="The client opened the photo of a mastered step (idempotent by localId)",
        responses=_replayed(wire.SelfPrompt),
    )
    async def self_prompt(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.SelfPromptCreate]
    ) -> Response[wire.SelfPrompt]:
        task = await _own_task(actor, task_id, "Only the client opens photos in the player.")
        return _created_or_replayed(*await marks.self_prompt(actor, task, data))

    @post(
        "/{task_id:str}/help-requests",
        status_code=HTTP_201_CREATED,
        summary="The client needs help (idempotent by localId)",
        responses=_replayed(wire.HelpRequest),
    )
    async def ask_for_help(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.HelpRequestCreate]
    ) -> Response[wire.HelpRequest]:
        task = await _own_task(actor, task_id, "Only the client asks for help from the player.")
        return _created_or_replayed(*await marks.ask_for_help(actor, task, data))

    @get(
        "/{task_id:str}/help-requests",
        summary="Requests for help with a task, newest first, a page at a time",
        response_headers=LINK,
    )
    async def list_help_requests(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.HelpRequest]]:
        page = marks.help_requests_request(cursor, limit)
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "help_requests_read", task, record)
        return paged(request, *await marks.help_requests(task, page=page))

    @get(
        "/{task_id:str}/help-requests/{help_id:str}",
        summary="One request for help (its id or its localId): has the coach got it, answered?",
    )
    async def get_help_request(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        help_id: FromPath[str],
    ) -> wire.HelpRequest:
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "help_requests_read", task, record)
        return await help.one(task, help_id)

    @post(
        "/{task_id:str}/help-requests/{help_id:str}/resolve",
        status_code=HTTP_200_OK,
        summary="I have helped: the request is answered and the client's phone is told",
    )
    async def resolve_help(
        self, actor: CurrentActor, task_id: FromPath[str], help_id: FromPath[str]
    ) -> wire.HelpRequest:
        task, client_id = await help.answerable(actor, task_id, help_id)
        await help.resolve(actor, task, client_id, help_id)
        return await help.one(task, help_id)

    @post(
        "/{task_id:str}/sessions",
        status_code=HTTP_201_CREATED,
        summary="Start a training session, optionally with prompt levels (idempotent by localId)",
        responses=_replayed(wire.TrainingSession),
    )
    async def start_session(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.SessionCreate]
    ) -> Response[wire.TrainingSession]:
        task, _ = await services.managed_task(actor, task_id)
        return _created_or_replayed(*await training.start(actor, task, data))

    @put(
        "/{task_id:str}/sessions/{session_id:str}/records/{step_id:str}",
        summary="Record the prompt level a step needed (session: its id or its localId)",
    )
    async def record_step(
        self,
        actor: CurrentActor,
        task_id: FromPath[str],
        session_id: FromPath[str],
        step_id: FromPath[str],
        data: JSONBody[wire.StepRecordUpdate],
    ) -> wire.TrainingSession:
        task, _ = await services.managed_task(actor, task_id)
        session = await training.session_row(task, session_id)
        return await training.record(task, session, step_id, data)

    @get("/{task_id:str}/progress", summary="Fading: prompt levels over sessions and mastery")
    async def get_progress(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, Parameter(ge=1, le=training.MAX_PAGE)] = training.PAGE,
    ) -> wire.Progress:
        """Mastery over all sessions, and a page of them: the latest ``limit``, or with
        ``cursor`` (the answer's ``olderCursor``) the ``limit`` before the previous page."""
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "task_progress_read", task, record)
        return await training.task_progress(task, limit=limit, cursor=cursor)

    @get("/{task_id:str}/my-progress", summary="The client's own progress, as plain numbers")
    async def get_my_progress(
        self, request: Request[Any, Any, Any], actor: CurrentActor, task_id: FromPath[str]
    ) -> wire.MyProgress:
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "task_progress_read", task, record)
        return await training.my_progress(task)
