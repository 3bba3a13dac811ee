"""On PostgreSQL the stamps that tell readers a client's day, a person's activities or the kept
figures have moved (``day_stamps``, ``activity_stamps``, ``outcome_changes``) move once in a
transaction however many of the rows they watch it changes: moving one row again for every row
changed cost PostgreSQL a walk past each earlier version (n²/2 for n rows: an erasure of a
client's 2,000 rows spent most of its deletes there). What readers rely on still holds: every
transaction that changes what they show moves them, a savepoint rolled back takes its move with
it, and the next transaction moves them again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from backend.outcomes.tables import FigureChanges
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import activities, tasks
from tests.support.world import World

pytestmark = pytest.mark.postgres


@pytest.fixture
async def other() -> AsyncIterator[Any]:
    """A connection of its own, as a worker or the command line writes."""
    connection = await asyncpg.connect(get_settings().database_url)
    yield connection
    await connection.close()


async def _alice(api: Api) -> tuple[World, str]:
    world = api.world
    assert world is not None
    await tasks.build_tasks(world)
    await activities.build_activities(world)
    # The counter's one row, as the migration made it (each test starts with empty tables).
    await FigureChanges.raw(
        "INSERT INTO outcome_changes (changes) SELECT 0"
        " WHERE NOT EXISTS (SELECT 1 FROM outcome_changes)"
    )
    return world, world.ids["client"]


async def _stamps(connection: Any, client: str) -> tuple[int, int, int]:
    """Alice's day stamp, her activity stamp and the kept figures' counter."""
    day = await connection.fetchval("SELECT changes FROM day_stamps WHERE client = $1", client)
    acts = await connection.fetchval(
        "SELECT changes FROM activity_stamps WHERE person = $1", client
    )
    figures = await connection.fetchval("SELECT changes FROM outcome_changes")
    return int(day or 0), int(acts or 0), int(figures)


async def _change_everything(connection: Any, world: World) -> None:
    """Every step of Alice's task, every record of its sessions and her shift, each row
    changed (to what it was: a change all the same)."""
    task, shift = world.ids["task"], world.ids["visit_shift"]
    steps = await connection.execute("UPDATE steps SET text = text WHERE task = $1", task)
    records = await connection.execute(
        "UPDATE step_records SET level = level WHERE session IN"
        " (SELECT id FROM training_sessions WHERE task = $1)",
        task,
    )
    shifts = await connection.execute("UPDATE shifts SET zone = zone WHERE id = $1", shift)
    assert steps == "UPDATE 2" and records != "UPDATE 0" and shifts == "UPDATE 1"


async def test_a_transaction_of_many_rows_moves_each_stamp_once(world_api: Api, other: Any) -> None:
    world, alice = await _alice(world_api)
    before = await _stamps(other, alice)
    async with other.transaction():
        await _change_everything(other, world)
        await _change_everything(other, world)
    assert await _stamps(other, alice) == tuple(n + 1 for n in before)
    # The next transaction on the same connection is a change of its own.
    async with other.transaction():
        await _change_everything(other, world)
    assert await _stamps(other, alice) == tuple(n + 2 for n in before)


async def test_a_move_undone_with_its_savepoint_is_made_again(world_api: Api, other: Any) -> None:
    world, alice = await _alice(world_api)
    before = await _stamps(other, alice)
    async with other.transaction():
        await other.execute("SAVEPOINT first_try")
        await _change_everything(other, world)
        await other.execute("ROLLBACK TO SAVEPOINT first_try")
        await _change_everything(other, world)
    assert await _stamps(other, alice) == tuple(n + 1 for n in before)


async def test_a_transaction_that_changes_nothing_watched_moves_nothing(
    world_api: Api, other: Any
) -> None:
    world, alice = await _alice(world_api)
    before = await _stamps(other, alice)
    async with other.transaction():
        await other.execute("UPDATE steps SET text = text WHERE task = $1", world.ids["coach"])
    assert await _stamps(other, alice) == before
