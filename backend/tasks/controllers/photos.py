"""HTTP handler for a step photo's files, with access checked on every request."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get
from litestar.params import FromPath

from backend.lib.actor import CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import not_found
from backend.lib.openapi_files import (
    PhotoFileOperation,
)
from backend.tasks import photos, services
from backend.tasks.controllers.common import (
    IMMUTABLE,
    NO_COMPRESSION,
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
    ) -> Response[Any]:
        task_id = await services.photo_task(photo_id)
        if task_id is None:
            raise not_found("There is no such photo.")
        await services.visible_task(actor, task_id)  # 404 for anyone who may not see the task
        found = await photos.read(photo_id, file_name)
        if found is None:
            raise not_found("There is no such photo.")
        content_type, opened = found
        return streamed(opened, content_type, IMMUTABLE)
