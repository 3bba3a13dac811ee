"""Alice's activity log and a shift of hers yesterday, built straight in the database, for the
access matrix and the activity tests. Ids go into ``world.ids``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from backend.activities.tables import Activity, ActivityClient
from backend.lib.clock import now
from backend.shifts import services as shifts
from shared_schemas import shifts as shifts_wire
from tests.support.tasks import actor
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


async def build_activities(world: World) -> None:
    """An activity Ada logged with Alice an hour ago, and a one-off shift of Alice's yesterday
    (08:00–12:00 in Helsinki), from which a visit can be logged."""
    if "activity" in world.ids:
        return
    at = now()
    row = Activity(
        client_uuid=new_id(),
        author=world.ids["coach"],
        with_whom="client",
        mode="workplace",
        occurred_at=at - timedelta(hours=1),
        minutes=30,
        purposes=",training,",
        created_at=at,
        updated_at=at,
    )
    await Activity.insert(row)
    await ActivityClient.insert(
        ActivityClient(activity=row.id, client=world.ids["client"], occurred_at=row.occurred_at)
    )
    world.ids["activity"] = str(row.id)
    yesterday = (at - timedelta(days=1)).date()
    shift_id, _ = await shifts.create(
        actor(world, "coach", "coach", "North"),
        world.ids["client"],
        shifts_wire.ShiftCreate(
            local_id=new_id(),
            workplace="Hotel Aurora",
            zone="Europe/Helsinki",
            starts_at="08:00",
            ends_at="12:00",
            repeat="once",
            date=yesterday,
        ),
    )
    world.ids["visit_shift"] = shift_id
    world.ids["visit_day"] = yesterday.isoformat()


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's log, then fills ``template``."""

    async def make(world: World) -> str:
        await build_activities(world)
        return template.format(**world.ids)

    return make


def activity_body(world: World) -> dict[str, Any]:
    return {
        "localId": new_id(),
        "clientIds": [world.ids["client"]],
        "mode": "phone",
        "occurredAt": (now() - timedelta(minutes=30)).isoformat(),
        "minutes": 10,
        "purposes": ["follow_along"],
    }


def visit_body(world: World) -> dict[str, Any]:
    return {
        "localId": new_id(),
        "shiftId": world.ids["visit_shift"],
        "date": world.ids["visit_day"],
    }
