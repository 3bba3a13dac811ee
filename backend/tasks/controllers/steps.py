"""HTTP handlers for a task's steps: add, change, remove, order, and each step's photo and
voice prompt."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.lib import images, uploads
from backend.lib.actor import CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import field_error, not_found
from backend.lib.openapi_files import (
    PhotoUploadOperation,
    VoiceFileOperation,
    VoiceUploadOperation,
)
from backend.lib.storage import get_storage
from backend.tasks import photos, reading, services, voice
from backend.tasks.controllers.common import (
    IMMUTABLE,
    NO_COMPRESSION,
    PHOTO_BODY,
    VOICE_BODY,
    _step_wire,
)
from shared_schemas import tasks as wire


class StepController(Controller):
    path = "/api/tasks"
    tags = ["tasks"]

    @post("/{task_id:str}/steps", status_code=HTTP_201_CREATED, summary="Add a step")
    async def add_step(
        self, actor: CurrentActor, task_id: FromPath[str], data: JSONBody[wire.StepCreate]
    ) -> wire.TaskDetail:
        task, _ = await services.managed_task(actor, task_id)
        await services.add_step(task, data)
        return await reading.detail(task["id"])

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
        return await reading.detail(task["id"])

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
        return await reading.detail(task["id"])

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
    ) -> Response[Any]:
        task, _ = await services.visible_task(actor, task_id)
        step = await services.step_row(task, step_id)
        name = services.voice_name(step["voice_hash"], step["voice_type"])
        opened = None
        if step["voice_hash"] and file_name == name:
            opened = await get_storage().open(
                f"{services.task_prefix(str(task['id']))}/voice/{step['id']}/{name}"
            )
        if opened is None:
            raise not_found("There is no such recording.")
        return streamed(opened, step["voice_type"], IMMUTABLE)
