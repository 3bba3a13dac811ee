"""HTTP handlers for tasks, steps, photos, voice prompts, the player, training and progress."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.response import ServerSentEvent
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.lib import images, uploads
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.openapi_files import (
    PhotoFileOperation,
    PhotoUploadOperation,
    VoiceFileOperation,
    VoiceUploadOperation,
)
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed as _created_or_replayed
from backend.lib.replay import replayed as _replayed
from backend.lib.storage import get_storage
from backend.tasks import access, help, help_stream, marks, photos, services, training, voice
from shared_schemas import tasks as wire

# Content-hashed names never change content: keep them (private: they are a client's photos).
IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}
# The upload limit plus room for the multipart framing; larger bodies are refused unread.
PHOTO_BODY = images.MAX_BYTES + uploads.OVERHEAD
VOICE_BODY = voice.MAX_BYTES + uploads.OVERHEAD
# Already compressed: a compression middleware configured with this key leaves them alone.
NO_COMPRESSION = {"skip_compression": True}


async def _audit_task_read(
    request: Request[Any, Any, Any],
    actor: Actor,
    action: str,
    task: dict[str, Any],
    record: clients.ClientRow | None,
) -> None:
    """Every read of a client's tasks by staff is audit-logged; templates are nobody's data."""
    if record is not None:
        await clients.audit_read(request, actor, action, record, {"task": str(task["id"])})


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
        page = services.tasks_request(cursor, limit)
        record = await clients.visible_record(actor, client_id)
        await clients.audit_read(request, actor, "tasks_listed", record)
        return paged(request, *await services.tasks_of(record.client_id, page))

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
        return await services.detail(task_id)


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
        page = services.tasks_request(cursor, limit)
        return paged(request, *await services.templates(actor, workplace, page))

    @get("/{task_id:str}", summary="A task with its steps, for editing")
    async def get_task(
        self, request: Request[Any, Any, Any], actor: CurrentActor, task_id: FromPath[str]
    ) -> wire.TaskDetail:
        task, record = await services.visible_task(actor, task_id)
        await _audit_task_read(request, actor, "task_read", task, record)
        return await services.detail(task["id"])

    @patch("/{task_id:str}", summary="Rename a task, change its workplace or mastery criterion")
    async def update_task(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.TaskUpdate]
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        await services.update(task, data)
        return await services.detail(task["id"])

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
        return await services.player(task["id"])

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
        return await services.detail(new_id)

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
        return await services.detail(new_id)

    @post("/{task_id:str}/steps", status_code=HTTP_201_CREATED, summary="Add a step")
    async def add_step(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.StepCreate]
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        await services.add_step(task, data)
        return await services.detail(task["id"])

    @patch("/{task_id:str}/steps/{step_id:str}", summary="Change a step's sentence or mastery")
    async def update_step(
        self,
        actor: CurrentActor,
        task_id: FromPath[str],
        step_id: FromPath[str],
        data: JSONBody[wire.StepUpdate],
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        await services.update_step(task, step, data)
        return await services.detail(task["id"])

    @delete(
        "/{task_id:str}/steps/{step_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a step",
    )
    async def remove_step(
        self, actor: CurrentActor, task_id: FromPath[str], step_id: FromPath[str]
    ) -> None:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        await services.remove_step(task, step)

    @put("/{task_id:str}/order", summary="Put the steps in a new order")
    async def reorder_steps(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.StepOrder]
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        await services.reorder(task, data.step_ids)
        return await services.detail(task["id"])

    @put(
        "/{task_id:str}/steps/{step_id:str}/photo",
        summary="Set a step's photo (multipart, field file)",
        operation_class=PhotoUploadOperation,
        request_max_body_size=PHOTO_BODY,
    )
    async def set_photo(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        step_id: FromPath[str],
    ) -> wire.Step:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        data = await uploads.read_file(request, images.MAX_BYTES, "photo")
        processed = await photos.process(data)
        del data  # the upload as received is never stored, only what processing made of it
        old = step["photo"]

        async def attach(photo_id: str) -> None:  # in the new photo's transaction
            await services.set_photo(step, photo_id)
            if old is not None:
                await photos.forget(str(old))

        await photos.store(str(task["id"]), processed, actor, attach)
        if old is not None:
            await photos.remove_files(str(task["id"]), str(old))
        await services.touch(task["id"])
        return await _step_wire(task, step_id)

    @delete(
        "/{task_id:str}/steps/{step_id:str}/photo",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a step's photo",
    )
    async def remove_photo(
        self, actor: CurrentActor, task_id: FromPath[str], step_id: FromPath[str]
    ) -> None:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        if step["photo"] is not None:
            await services.set_photo(step, None)
            await photos.remove(str(task["id"]), str(step["photo"]))

    @put(
        "/{task_id:str}/steps/{step_id:str}/voice",
        summary="Set a step's voice prompt (multipart, field file)",
        operation_class=VoiceUploadOperation,
        request_max_body_size=VOICE_BODY,
    )
    async def set_voice(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        step_id: FromPath[str],
    ) -> wire.Step:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        data = await uploads.read_file(request, voice.MAX_BYTES, "recording")
        try:
            recording = voice.check(data)
            # Only the sound is kept: a new container, none of the phone's metadata.
            data = await asyncio.to_thread(voice.clean, data, recording)
        except voice.VoiceRefused as refused:
            raise field_error("file", refused.reason, refused.status, refused.code) from None
        digest = hashlib.sha256(data).hexdigest()
        storage = get_storage()
        prefix = f"{services.task_prefix(str(task['id']))}/voice/{step['id']}"
        await storage.delete_prefix(prefix)
        await storage.put(
            f"{prefix}/{services.voice_name(digest, recording.content_type)}",
            data,
            recording.content_type,
        )
        await services.set_voice(step, digest, recording.content_type, recording.seconds)
        await services.touch(task["id"])
        return await _step_wire(task, step_id)

    @delete(
        "/{task_id:str}/steps/{step_id:str}/voice",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a step's voice prompt",
    )
    async def remove_voice(
        self, actor: CurrentActor, task_id: FromPath[str], step_id: FromPath[str]
    ) -> None:
        task, _ = await services.managed_task(actor, task_id)
        step = await services.step_row(task, step_id)
        await services.set_voice(step, "", "", None)
        await get_storage().delete_prefix(
            f"{services.task_prefix(str(task['id']))}/voice/{step['id']}"
        )

    @get(
        "/{task_id:str}/steps/{step_id:str}/voice/{file_name:str}",
        summary="A step's voice prompt (audio)",
        operation_class=VoiceFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_voice(
        self,
        actor: CurrentActor,
        task_id: FromPath[str],
        step_id: FromPath[str],
        file_name: FromPath[str],
    ) -> Response[bytes]:
        task, _ = await services.visible_task(actor, task_id)
        step = await services.step_row(task, step_id)
        name = services.voice_name(step["voice_hash"], step["voice_type"])
        data = None
        if step["voice_hash"] and file_name == name:
            data = await get_storage().get(
                f"{services.task_prefix(str(task['id']))}/voice/{step['id']}/{name}"
            )
        if data is None:
            raise not_found("There is no such recording.")
        return Response(data, media_type=step["voice_type"], headers=IMMUTABLE)

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


class HelpRequestsController(Controller):
    path = "/api/help-requests"
    tags = ["tasks"]

    @get("/", summary="Unanswered requests for help in the caller's caseload, newest first")
    async def list_open_help(
        self, request: Request[Any, Any, Any], actor: CurrentActor
    ) -> list[wire.OpenHelpRequest]:
        access.require(access.can_list_open_help(actor))
        found = await help.open_for(actor)
        for client_id in sorted({r.client_id for r in found}):  # one audit event per client seen
            record = await clients.record_of(client_id)
            await audit(
                "help_requests_read",
                request=request,
                actor=actor.id,
                subject=client_id,
                team=record.audit_team if record else "",
            )
        return found

    @get(
        "/stream",
        summary="Server-sent events for an open staff screen: a request for help was made, "
        "reached its coach, was passed to the team or answered",
        description="text/event-stream (WHATWG HTML §9.2). First `ready` with "
        '`{"resumed": bool}` (false: fetch the list again), then `help` with `{"id", "open"}` '
        "for each request the caller is told of. The stream ends after about 30 seconds; the "
        "browser reconnects with `Last-Event-ID` and resumes where it was.",
        opt=NO_COMPRESSION,
        media_type="text/event-stream",
    )
    async def stream(self, request: Request[Any, Any, Any], actor: CurrentActor) -> ServerSentEvent:
        access.require(access.can_open_help_stream(actor))
        return ServerSentEvent(
            help_stream.staff_events(actor, request.headers.get("last-event-id")),
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )


class PhotoController(Controller):
    path = "/api/photos"
    tags = ["tasks"]

    @get(
        "/{photo_id:str}/{file_name:str}",
        summary="A step photo in one size; access is checked on every request",
        operation_class=PhotoFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_photo(
        self, actor: CurrentActor, photo_id: FromPath[str], file_name: FromPath[str]
    ) -> Response[bytes]:
        task_id = await services.photo_task(photo_id)
        if task_id is None:
            raise not_found("There is no such photo.")
        await services.visible_task(actor, task_id)  # 404 for anyone who may not see the task
        found = await photos.read(photo_id, file_name)
        if found is None:
            raise not_found("There is no such photo.")
        content_type, data = found
        return Response(data, media_type=content_type, headers=IMMUTABLE)


async def _own_task(actor: Actor, task_id: str, refusal: str) -> dict[str, Any]:
    task, _ = await services.visible_task(actor, task_id)
    access.require(access.is_own_task(actor, task), refusal)
    return task


async def _step_wire(task: dict[str, Any], step_id: str) -> wire.Step:
    detail = await services.detail(task["id"])
    return next(s for s in detail.steps if s.id == as_uuid(step_id))


router = Router(
    path="/",
    route_handlers=[
        ClientTasksController,
        TaskController,
        HelpRequestsController,
        PhotoController,
    ],
)
