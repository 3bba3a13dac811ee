"""Alice's job search for the access matrix and the opportunity tests: an opportunity at Hotel
Aurora (team North's register) her coach Ada added, at the idea step. Ids go into
``world.ids``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from backend.clients import record_of
from backend.opportunities import services
from shared_schemas import opportunities as wire
from tests.support.employers import build_employers
from tests.support.tasks import actor
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


async def build_opportunities(world: World) -> None:
    if "opportunity" in world.ids:
        return
    await build_employers(world)
    record = await record_of(world.ids["client"])
    assert record is not None
    made, _ = await services.create(
        actor(world, "coach", "coach", "North"),
        record,
        wire.OpportunityCreate(
            local_id=new_id(),
            employer_person_id=world.ids["person"],
            job_title="Breakfast host",
            themes=["people", "food"],
        ),
    )
    world.ids["opportunity"] = made.id


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's opportunity, then fills
    ``template``."""

    async def make(world: World) -> str:
        await build_opportunities(world)
        return template.format(**world.ids)

    return make


def idea_body(world: World) -> dict[str, Any]:
    return {"localId": new_id(), "idea": "The bakery on the corner", "themes": ["food"]}


def step_body(world: World) -> dict[str, Any]:
    return {"localId": new_id(), "step": "contacted", "zone": "Europe/Helsinki"}


def contact_body(world: World) -> dict[str, Any]:
    return {"localId": new_id(), "mode": "phone"}
