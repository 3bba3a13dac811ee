"""Erasure reads the rows pointing at each level of the walk a few statements at a time (keys
in ``IN`` lists of fixed sizes, every value as text): a client with more rows than one statement
takes at a level, rows reached through several foreign keys, and rows keyed by numbers are all
erased, each counted once, and nobody else's rows are touched."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend.lib.clock import now
from backend.privacy import walk
from backend.reminders.tables import Delivery, ReminderRule
from backend.tasks.tables import Step, StepCompletion, Task
from tests.api.conftest import Api
from tests.support import scan, tasks

TASKS = 70
"""More than 64 keys: the tasks' children are read with the 500-key statements."""
STEPS = 8
"""560 steps: more than 500 keys, so their children are read in two chunks."""


async def _many(client: str, coach: str) -> tuple[list[str], int, int]:
    at = now()
    made = [
        Task(client=client, title=f"Task {n}", created_by=coach, created_at=at, updated_at=at)
        for n in range(TASKS)
    ]
    await Task.insert(*made)
    steps = [
        Step(task=task.id, position=p + 1, text=f"Step {p + 1}.", created_at=at, updated_at=at)
        for task in made
        for p in range(STEPS)
    ]
    await Step.insert(*steps)
    # One press of each step: found by the client, by the task and by the step.
    await StepCompletion.insert(
        *[
            StepCompletion(
                client_uuid=uuid.uuid4(),
                task=step.task,
                step=step.id,
                user=client,
                run_id=uuid.uuid4(),
                at=at,
                received_at=at,
            )
            for step in steps
        ]
    )
    rule = ReminderRule(
        client_uuid=uuid.uuid4(),
        user=client,
        kind="coach",
        planned_until=at,
        created_by=coach,
        created_at=at,
        updated_at=at,
    )
    await rule.save()
    deliveries = 30
    await Delivery.insert(
        *[
            Delivery(
                rule=rule.id,
                user=client,
                kind="coach",
                occurrence_at=at + timedelta(days=n),
                due_at=at + timedelta(days=n),
                status="sent",
                created_at=at,
            )
            for n in range(deliveries)
        ]
    )
    return [str(t.id) for t in made], len(steps), deliveries


async def test_erasure_removes_every_row_of_a_client_with_many(world_api: Api) -> None:
    w = world_api.world
    assert w is not None
    await tasks.build_tasks(w)
    alice, coach = w.ids["client"], w.ids["coach"]
    many, steps, deliveries = await _many(alice, coach)
    her_tasks = [str(t["id"]) for t in await Task.select(Task.id).where(Task.client == alice)]
    her_steps = await Step.count().where(Step.task.is_in(her_tasks))
    pressed = await StepCompletion.count().where(StepCompletion.user == alice)
    others = {
        "tasks": await Task.count().where(Task.id.not_in(her_tasks)),
        "steps": await Step.count().where(Step.task.not_in(her_tasks)),
        "deliveries": await Delivery.count().where(Delivery.user != alice),
    }
    assert set(many) <= set(her_tasks) and her_steps >= steps and pressed >= steps

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    rows = erased.json()["rows"]
    assert rows["tasks"] == len(her_tasks)
    assert rows["steps"] == her_steps
    assert rows["step_completions"] == pressed  # each counted once, whichever key found it
    assert rows["reminder_deliveries"] == deliveries
    assert rows["reminder_rules"] == 1 and rows["users"] == 1

    with_id = await scan.rows_containing(alice, *her_tasks)
    assert set(with_id) <= {"audit_events"}, {t: len(r) for t, r in with_id.items()}
    assert others == {
        "tasks": await Task.count(),
        "steps": await Step.count(),
        "deliveries": await Delivery.count(),
    }


async def test_walks_prepared_at_start_leave_an_erasure_nothing_to_work_out(
    world_api: Api,
) -> None:
    """A serving process prepares the walks a moment after start (``backend/app.py``): the
    first erasure of the process then works out no table, level or row shape of its own."""
    w = world_api.world
    assert w is not None
    await tasks.build_tasks(w)
    alice, coach = w.ids["client"], w.ids["coach"]
    await _many(alice, coach)
    worked_out = [walk._level, walk._shape, walk._children_first, walk.table_classes]
    for f in worked_out:
        f.cache_clear()  # as in a process that has not walked yet
    walk.prepare()
    before = [f.cache_info().misses for f in worked_out]

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["rows"]["steps"] >= TASKS * STEPS
    assert [f.cache_info().misses for f in worked_out] == before
