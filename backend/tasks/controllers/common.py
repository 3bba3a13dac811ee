"""What the tasks domain's HTTP handlers share: cache and body limits, the audited read of a
task, a task of the caller's own, a step as the wire shows it."""

from __future__ import annotations

from typing import Any

from litestar import Request

from backend import clients
from backend.lib import images, uploads
from backend.lib.actor import Actor
from backend.lib.ids import as_uuid
from backend.tasks import access, reading, services, voice
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


async def _own_task(actor: Actor, task_id: str, refusal: str) -> dict[str, Any]:
    task, _ = await services.visible_task(actor, task_id)
    access.require(access.is_own_task(actor, task), refusal)
    return task


async def _step_wire(task: dict[str, Any], step_id: str) -> wire.Step:
    detail = await reading.detail(task["id"])
    return next(s for s in detail.steps if s.id == as_uuid(step_id))
