"""Evidence from practice of the workplace through the API (docs/competence.md, "Evidence from
practice"): a client's task that reached mastery is proposed to who made it, and a week in which
a fading plan reached one of the field's marks to who made or changed the plan; another coach's
are not, nor those older than the six months; attaching one lands once.

Team North: coordinator Cora, coach Ada (client Alice). Team South: coach Ben (client Bob).
The records are written straight into the tables, as the tasks and fading domains keep them
(``task_progress.mastered_at``; ``fading_alerts`` told once per plan and mark).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.employers.tables import Job
from backend.fading.tables import FadingAlert, FadingPlan, FadingVersion
from backend.tasks.tables import Task, TaskProgress
from tests.api.conftest import Api
from tests.support.clock import FakeClock, install
from tests.support.world import World

TODAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # a Sunday; the window opens on 6 Jun 2026
E = "/api/competence/evidence"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


def new_id() -> str:
    return str(uuid.uuid4())


async def _task(client: str, made_by: str, mastered: datetime | None, title: str = "Fold") -> str:
    task = Task(
        client=client,
        title=title,
        created_by=made_by,
        created_at=TODAY - timedelta(days=300),
        updated_at=TODAY - timedelta(days=300),
    )
    await task.save()
    await TaskProgress(
        task=task.id,
        sessions=3,
        sessions_to_mastery=3 if mastered else None,
        mastered_at=mastered,
        days_to_independence=14 if mastered else None,
    ).save()
    return str(task.id)


async def _plan(client: str, made_by: list[str]) -> str:
    """A plan of a job of the client, with a version made by each of ``made_by`` in turn."""
    job = Job(
        client_uuid=uuid.uuid4(),
        client=client,
        title="Kitchen helper",
        start_date=date(2026, 1, 5),
        created_at=TODAY - timedelta(days=340),
        updated_at=TODAY - timedelta(days=340),
    )
    await job.save()
    plan = FadingPlan(
        client=client,
        job=job.id,
        zone="Europe/Helsinki",
        version=len(made_by),
        created_by=made_by[0],
        created_at=TODAY - timedelta(days=330),
        updated_at=TODAY - timedelta(days=330),
    )
    await plan.save()
    for number, who in enumerate(made_by, start=1):
        await FadingVersion(
            client_uuid=uuid.uuid4(),
            plan=plan.id,
            number=number,
            steps=[{"fromDate": "2026-01-05", "hoursTenths": 100, "percent": None}],
            made_by=who,
            made_at=TODAY - timedelta(days=330 - number),
        ).save()
    return str(plan.id)


async def _mark(plan: str, client: str, kind: str, week: date) -> str:
    alert = FadingAlert(
        plan=plan,
        client=client,
        kind=kind,
        since=date(2026, 1, 5),
        week=week,
        created_at=datetime.combine(week + timedelta(days=9), datetime.min.time(), tzinfo=UTC),
    )
    await alert.save()
    return str(alert.id)


def _of(proposed: list[dict[str, object]], kind: str) -> list[tuple[object, object]]:
    return [(s["sourceId"], s["occurredOn"]) for s in proposed if s["kind"] == kind]


async def _attach_once(api: Api, person: str, kind: str, source: str, competence: str) -> None:
    """Attached by its coach: 201, the same write again and the same record on the same
    indicator with another id answer the one there (200), and the suggestion says so."""
    body = {
        "localId": new_id(),
        "personId": person,
        "competence": competence,
        "indicator": 0 if kind == "task_mastered" else 2,
        "kind": kind,
        "sourceId": source,
        "note": "",
    }
    first = await api.post(E, as_="coach", json=body)
    assert first.status_code == 201, first.text
    assert (first.json()["kind"], first.json()["sourceId"]) == (kind, source)
    again = await api.post(E, as_="coach", json=body)
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    other = await api.post(E, as_="coach", json={**body, "localId": new_id()})
    assert (other.status_code, other.json()["id"]) == (200, first.json()["id"])
    listed = (await api.get(E, as_="coach")).json()
    assert [(e["kind"], e["sourceId"]) for e in listed] == [(kind, source)]
    now = (await api.get(f"{E}/suggestions", as_="coach")).json()
    assert next(s for s in now if s["sourceId"] == source)["attached"] == [
        {"competence": competence, "indicator": body["indicator"]}
    ]


async def test_a_task_a_coach_made_that_reached_mastery_is_proposed_to_her(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada made three of Alice's tasks that reached mastery: on 1 Dec, on 7 Jun (the window's
    second day) and on 1 Jun (too old); and one not mastered yet. Ben made one of Alice's that
    reached mastery on 2 Dec (before she came to Ada, say) and one of Bob's on 3 Dec: his, not
    hers. Proposed to Ada: 1 Dec, then 7 Jun."""
    w = _w(world_api)
    ada, ben, alice, bob = (w.ids[k] for k in ("coach", "other_coach", "client", "other_client"))
    recent = await _task(alice, ada, datetime(2026, 12, 1, 14, tzinfo=UTC))
    early = await _task(alice, ada, datetime(2026, 6, 7, 8, tzinfo=UTC))
    old = await _task(alice, ada, datetime(2026, 6, 1, 8, tzinfo=UTC))
    await _task(alice, ada, None)
    bens = await _task(alice, ben, datetime(2026, 12, 2, 9, tzinfo=UTC))
    bobs = await _task(bob, ben, datetime(2026, 12, 3, 9, tzinfo=UTC))

    proposed = (await world_api.get(f"{E}/suggestions", as_="coach")).json()
    assert _of(proposed, "task_mastered") == [(recent, "2026-12-01"), (early, "2026-06-07")]
    assert next(s for s in proposed if s["sourceId"] == recent)["fits"] == [
        {"competence": "workplace.task_analysis", "indicator": 0},
        {"competence": "workplace.prompting", "indicator": 0},
        {"competence": "workplace.prompting", "indicator": 1},
    ]
    theirs = (await world_api.get(f"{E}/suggestions", as_="other_coach")).json()
    assert _of(theirs, "task_mastered") == [(bobs, "2026-12-03"), (bens, "2026-12-02")]

    # Neither a task too old nor one of Ben's is hers to attach.
    for source in (old, bens):
        bad = await world_api.post(
            E,
            as_="coach",
            json={
                "localId": new_id(),
                "personId": ada,
                "competence": "workplace.task_analysis",
                "indicator": 0,
                "kind": "task_mastered",
                "sourceId": source,
            },
        )
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "body.sourceId")
    await _attach_once(world_api, ada, "task_mastered", recent, "workplace.task_analysis")


async def test_at_most_twenty_mastered_tasks_are_proposed_the_latest_first(
    world_api: Api, clock: FakeClock
) -> None:
    w = _w(world_api)
    ada, alice = w.ids["coach"], w.ids["client"]
    for n in range(22):
        await _task(alice, ada, TODAY - timedelta(days=n + 1), title=f"Task {n}")
    proposed = (await world_api.get(f"{E}/suggestions", as_="coach")).json()
    days = [day for _, day in _of(proposed, "task_mastered")]
    assert len(days) == 20
    assert days[0] == "2026-12-05" and days[-1] == "2026-11-16"


async def test_a_fading_mark_on_a_plan_the_coach_made_is_proposed_to_her(
    world_api: Api, clock: FakeClock
) -> None:
    """Ada made Alice's plan: it reached a quarter of the shift in the week of 16 Nov and was
    stable in the week of 23 Nov; an earlier run of weeks over plan is no mark. Ben made a plan
    of Bob's that Ada changed once: its quarter of 2 Nov is hers too. Ada's plan of a second job
    of Alice's reached a quarter in the week of 25 May (too old). Ben's plan of Bob's third job,
    stable in the week of 30 Nov, is his alone."""
    w = _w(world_api)
    ada, ben, alice, bob = (w.ids[k] for k in ("coach", "other_coach", "client", "other_client"))
    plan = await _plan(alice, [ada])
    quarter = await _mark(plan, alice, "quarter", date(2026, 11, 16))
    stable = await _mark(plan, alice, "stable", date(2026, 11, 23))
    await _mark(plan, alice, "not_faded", date(2026, 11, 30))
    changed = await _plan(bob, [ben, ada])
    shared = await _mark(changed, bob, "quarter", date(2026, 11, 2))
    old = await _mark(await _plan(alice, [ada]), alice, "quarter", date(2026, 5, 25))
    bens = await _mark(await _plan(bob, [ben]), bob, "stable", date(2026, 11, 30))

    proposed = (await world_api.get(f"{E}/suggestions", as_="coach")).json()
    assert _of(proposed, "fading_on_plan") == [
        (stable, "2026-11-23"),
        (quarter, "2026-11-16"),
        (shared, "2026-11-02"),
    ]
    assert next(s for s in proposed if s["sourceId"] == stable)["fits"] == [
        {"competence": "workplace.prompting", "indicator": 2},
        {"competence": "workplace.prompting", "indicator": 1},
        {"competence": "workplace.natural_supports", "indicator": 1},
    ]
    theirs = (await world_api.get(f"{E}/suggestions", as_="other_coach")).json()
    assert _of(theirs, "fading_on_plan") == [(bens, "2026-11-30"), (shared, "2026-11-02")]
    # Her coordinator sees hers.
    mine = (await world_api.get(f"{E}/suggestions?person={ada}", as_="coordinator")).json()
    assert _of(mine, "fading_on_plan") == _of(proposed, "fading_on_plan")

    for source in (old, bens):
        bad = await world_api.post(
            E,
            as_="coach",
            json={
                "localId": new_id(),
                "personId": ada,
                "competence": "workplace.prompting",
                "indicator": 2,
                "kind": "fading_on_plan",
                "sourceId": source,
            },
        )
        assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "body.sourceId")
    await _attach_once(world_api, ada, "fading_on_plan", stable, "workplace.prompting")
