"""Team North's employer register for the access matrix: Hotel Aurora with its supervisor Sam,
and Alice's job there (recorded by her coach Ada)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date

from backend.employers import jobs, register
from backend.employers.lookups import employer_of
from shared_schemas import employers as wire
from tests.support.tasks import actor
from tests.support.world import World


async def build_employers(world: World) -> None:
    if "employer" in world.ids:
        return
    coach = actor(world, "coach", "coach", "North")
    employer_id, _ = await register.create_employer(
        coach,
        wire.EmployerCreate(
            local_id=str(uuid.uuid4()), name="Hotel Aurora", address="Rantatie 2, Turku"
        ),
    )
    employer = await employer_of(employer_id)
    assert employer is not None
    person_id, _ = await register.add_person(
        coach,
        employer,
        wire.EmployerPersonCreate(local_id=str(uuid.uuid4()), name="Sam", role="supervisor"),
    )
    job_id, _ = await jobs.create(
        coach,
        world.ids["client"],
        employer,
        wire.JobCreate(
            local_id=str(uuid.uuid4()),
            employer_id=employer_id,
            title="Kitchen assistant",
            start_date=date(2026, 11, 2),
            hours_per_week=12.5,
            hourly_pay_cents=1140,
        ),
    )
    world.ids.update(employer=employer_id, person=person_id, job=job_id)


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds the register, then fills ``template``."""

    async def make(world: World) -> str:
        await build_employers(world)
        return template.format(**world.ids)

    return make
