"""Alice's handover pack for the access matrix and the API tests: her job at Hotel Aurora
(tests/support/employers.py), her photo task made for that job (tests/support/tasks.py), the
sections "tasks" and "phone" shared, and a link for the supervisor Sam."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from backend.clients import record_of
from backend.handover import reading, services
from backend.lib.ids import as_uuid
from backend.tasks.tables import Task
from shared_schemas import handover as wire
from tests.support.employers import build_employers
from tests.support.tasks import actor, build_tasks
from tests.support.world import World

SHARED = ("tasks", "phone")


async def build_handover(world: World) -> None:
    if "handover_token" in world.ids:
        return
    await build_employers(world)
    await build_tasks(world)
    await Task.update({Task.job: as_uuid(world.ids["job"])}).where(
        Task.id == as_uuid(world.ids["task"])
    )
    client = actor(world, "client", "client")
    coach = actor(world, "coach", "coach", "North")
    record = await record_of(world.ids["client"])
    assert record is not None
    for section in SHARED:
        await services.consent(
            client,
            record,
            world.ids["job"],
            section,
            wire.ConsentWrite(local_id=str(uuid.uuid4()), granted=True),
        )
    job = await reading.job_row(world.ids["client"], world.ids["job"])
    assert job is not None
    row, token = await services.make_link(
        coach,
        record,
        job,
        wire.LinkCreate(local_id=str(uuid.uuid4()), reader_name="Sam", reader_role="supervisor"),
    )
    assert token is not None
    world.ids.update(handover_token=token, handover_link=str(row["id"]))


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's pack, then fills ``template``."""

    async def make(world: World) -> str:
        await build_handover(world)
        return template.format(**world.ids)

    return make
