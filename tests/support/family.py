"""Alice's sharing with her father Finn, built through the services, for the access matrix and
the family tests: Finn may see "updates"; one update Alice wrote (shared, with a photo) and one
her coach wrote (waiting for Alice). Ids go into ``world.ids``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from backend.clients import services as clients
from backend.family import consent, updates
from shared_schemas import family as wire
from tests.support.photos import processed as processed_photo
from tests.support.tasks import actor
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


async def grant(
    world: World, kind: str, granted: bool = True, by: str = "client", version: int = 1
) -> None:
    """Record a choice about Finn as ``by`` (the client, or staff helping), with the wording
    of ``version`` shown (version 2 adds "workplace")."""
    role = {"client": "client", "coach": "coach", "coordinator": "coordinator", "admin": "admin"}
    team = "North" if by in {"coach", "coordinator"} else None
    await consent.record_consent(
        actor(world, by, role[by], team),
        world.ids["client"],
        wire.ConsentCreate(
            local_id=new_id(),
            family_id=world.ids["family"],
            kind=kind,  # type: ignore[arg-type]
            granted=granted,
            text_version=version,
        ),
    )


async def write(world: World, by: str, text: str, kind: str = "updates") -> str:
    role = "client" if by == "client" else "coach"
    record = await clients.record_of(world.ids["client"])
    assert record is not None
    created, _ = await updates.create(
        actor(world, by, role, None if by == "client" else "North"),
        record,
        wire.UpdateCreate(local_id=new_id(), text=text, kind=kind),  # type: ignore[arg-type]
        None,
    )
    return created.id


async def add_photo(world: World, by: str, update_id: str) -> str:
    """Give an update a photo; the file name of its 800 px JPEG."""
    role = "client" if by == "client" else "coach"
    update, record = await updates.visible_update(
        actor(world, by, role, None if by == "client" else "North"), update_id
    )
    processed = processed_photo(1000, 750, 6, 85)
    await updates.set_photo(
        actor(world, by, role, None if by == "client" else "North"), update, record, processed
    )
    detail = await updates.detail(update_id, "en")
    assert detail.photo is not None
    return detail.photo.src.rsplit("/", 1)[1]


async def build_family(world: World) -> None:
    if "update" in world.ids:
        return
    await grant(world, "updates")
    shared = await write(world, "client", "I folded all the towels today.")
    file_name = await add_photo(world, "client", shared)
    pending = await write(world, "coach", "Alice ran the coffee machine alone today!")
    world.ids.update(update=shared, update_file=file_name, pending=pending)


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds the family world, then fills ``template``."""

    async def make(world: World) -> str:
        await build_family(world)
        return template.format(**world.ids)

    return make


__all__ = ["add_photo", "at", "build_family", "grant", "new_id", "write"]
