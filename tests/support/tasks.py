"""A task for Alice, built through the services, for the access matrix and the task tests:
two steps, a photo and a voice prompt on the first, a training session, a request for help,
and a template of team North. Ids go into ``world.ids``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import msgspec

from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.storage import get_storage
from backend.settings import get_settings
from backend.tasks import marks, photos, reading, services, training
from shared_schemas import tasks as wire
from tests.support import audio, openapi
from tests.support.photos import processed as processed_photo
from tests.support.world import World


def actor(world: World, key: str, role: str, team: str | None = None) -> Actor:
    return Actor(
        id=world.ids[key],
        role=role,
        team_id=world.teams[team] if team else None,
        display_name=key,
        session_hash="",
    )


async def build_tasks(world: World) -> None:
    if "task" in world.ids:
        return
    coach = actor(world, "coach", "coach", "North")
    client = actor(world, "client", "client")
    task_id = await services.create(
        coach,
        world.ids["client"],
        wire.TaskCreate(title="Set up the salad bar", workplace="Café Aalto"),
    )
    task, record = await services.visible_task(coach, task_id)
    first = await services.add_step(task, wire.StepCreate(text="Take the bowls from the fridge."))
    second = await services.add_step(task, wire.StepCreate(text="Put the bowls in the bar."))
    step = await services.step_row(task, first)
    processed = processed_photo(1000, 750, 6, 85)
    photo_id = await photos.store(task_id, processed, coach)
    await services.set_photo(step, photo_id)
    recording = audio.webm(4.0)
    digest = "ab" * 32
    await get_storage().put(
        f"tasks/{task_id}/voice/{first}/{services.voice_name(digest, 'audio/webm')}",
        recording,
        "audio/webm",
    )
    await services.set_voice(step, digest, "audio/webm", 4.0)
    session, _ = await training.start(
        coach,
        task,
        wire.SessionCreate(
            local_id=str(uuid.uuid4()),
            started_at=now(),
            records=[wire.StepRecordSet(step_id=first, level="verbal")],
        ),
    )
    help_request, _ = await marks.ask_for_help(
        client,
        task,
        wire.HelpRequestCreate(local_id=str(uuid.uuid4()), step_id=second, at=now()),
    )
    template = await services.copy(
        coach, task, client_id=None, team_id=world.teams["North"], title="Salad bar"
    )
    detail = await reading.detail(task_id)
    world.ids.update(
        task=task_id,
        step=first,
        step2=second,
        photo=photo_id,
        photo_file=detail.steps[0].photo.files[1].webp.rsplit("/", 1)[1]
        if detail.steps[0].photo
        else "",
        voice_file=services.voice_name(digest, "audio/webm"),
        session=session.id,
        help=help_request.id,
        template=template,
    )
    del record


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds the task world, then fills ``template``."""

    async def make(world: World) -> str:
        await build_tasks(world)
        return template.format(**world.ids)

    return make


def new_id() -> str:
    return str(uuid.uuid4())


def timestamp() -> str:
    return msgspec.json.encode(now()).decode().strip('"')


async def upload(
    api: Any,
    path: str,
    data: bytes,
    *,
    as_: str,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    field: str = "file",
) -> httpx.Response:
    """A multipart upload as the PWA's ``<input type=file>`` sends it, validated against the
    OpenAPI document like every other response in the tests."""
    client: httpx.AsyncClient = api.client
    client.cookies.clear()
    client.cookies.set("stepwise_session", api.world.tokens[as_])
    response = await client.put(
        path,
        files={field: (filename, data, content_type)},
        headers={"x-requested-with": "stepwise"},
    )
    openapi.validate(
        "PUT",
        path,
        response.status_code,
        response.content,
        response.headers.get("content-type", ""),
    )
    return response


def stored_files() -> dict[str, bytes]:
    """Every file in the storage directory, by its key."""
    root = get_settings().data_dir / "files"
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }
