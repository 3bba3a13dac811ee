"""A task's progress is kept as its sessions are recorded, so that reading it never walks the
whole history: it must say what the sessions say after every kind of change, and the coach's
view pages the sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backend.tasks import refresh_every_task
from backend.tasks.tables import TaskProgress, TrainingSession
from tests.api.conftest import Api
from tests.support import tasks

DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def _task(api: Api, steps: int = 2) -> dict[str, Any]:
    assert api.world is not None
    created = await api.post(
        f"/api/clients/{api.world.ids['client']}/tasks",
        as_="coach",
        json={"title": "Fold towels", "workplace": "Hotel Kämp"},
    )
    assert created.status_code == 201, created.text
    detail: dict[str, Any] = {}
    for n in range(steps):
        answer = await api.post(
            f"/api/tasks/{created.json()['id']}/steps", as_="coach", json={"text": f"Step {n}."}
        )
        detail = answer.json()
    return detail


async def _session(api: Api, task: dict[str, Any], days: int, levels: list[str]) -> str:
    steps = [s["id"] for s in task["steps"]]
    body = {
        "localId": tasks.new_id(),
        "startedAt": (DAY0 + timedelta(days=days)).isoformat(),
        "records": [{"stepId": s, "level": lv} for s, lv in zip(steps, levels, strict=False)],
    }
    created = await api.post(f"/api/tasks/{task['id']}/sessions", as_="coach", json=body)
    assert created.status_code == 201, created.text
    session_id: str = created.json()["id"]
    return session_id


async def _views(api: Api, task_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The coach's progress, the client's, and the client's progress in their day."""
    coach = (await api.get(f"/api/tasks/{task_id}/progress", as_="coach")).json()
    mine = (await api.get(f"/api/tasks/{task_id}/my-progress", as_="client")).json()
    day = (await api.get("/api/me/day", as_="client")).json()
    in_day = next(t["progress"] for t in day["tasks"] if t["summary"]["id"] == task_id)
    return coach, mine, in_day


async def test_mastery_follows_steps_added_and_removed_and_records_changed(
    world_api: Api,
) -> None:
    task = await _task(world_api)
    ind = ["independent", "independent"]
    first = await _session(world_api, task, 0, ind)
    for day in (1, 2):
        await _session(world_api, task, day, ind)
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] == 3 and coach["daysToIndependence"] == 2
    assert mine["mastered"] and in_day == mine
    assert mine["latest"]["onYourOwn"] == 2 and mine["previous"]["onYourOwn"] == 2

    # A new step is in no session yet: not every step was independent.
    added = await world_api.post(
        f"/api/tasks/{task['id']}/steps", as_="coach", json={"text": "Stack them."}
    )
    new_step = added.json()["steps"][-1]["id"]
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] is None and not mine["mastered"] and in_day == mine
    assert mine["latest"]["total"] == 3

    # Removing it again: the sessions are all on the client's own once more.
    removed = await world_api.delete(f"/api/tasks/{task['id']}/steps/{new_step}", as_="coach")
    assert removed.status_code == 204
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] == 3 and mine["mastered"] and in_day == mine

    # The first session corrected: one step needed a word. Three in a row come one later.
    step = task["steps"][0]["id"]
    await world_api.request(
        "PUT",
        f"/api/tasks/{task['id']}/sessions/{first}/records/{step}",
        as_="coach",
        json={"level": "verbal"},
    )
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] is None and not mine["mastered"] and in_day == mine
    await _session(world_api, task, 3, ind)
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] == 4 and coach["daysToIndependence"] == 3
    assert mine["mastered"] and in_day == mine and mine["sessions"] == 4

    # A session typed in later, from paper, that falls before the run breaks it in its place.
    await _session(world_api, task, 1, ["verbal", "independent"])
    coach, mine, in_day = await _views(world_api, task["id"])
    assert [s["independent"] for s in coach["sessions"]] == [1, 2, 1, 2, 2]
    assert coach["sessionsToMastery"] is None and not mine["mastered"] and in_day == mine
    assert mine["latest"]["onYourOwn"] == 2 and mine["sessions"] == 5
    # A new criterion is judged over every session, not only the latest.
    await world_api.patch(f"/api/tasks/{task['id']}", as_="coach", json={"masterySessions": 2})
    coach, mine, in_day = await _views(world_api, task["id"])
    assert coach["sessionsToMastery"] == 5 and coach["daysToIndependence"] == 3
    assert mine["mastered"] and in_day == mine


async def test_the_coach_reads_the_sessions_a_page_at_a_time(world_api: Api) -> None:
    task = await _task(world_api)
    levels = ["physical", "verbal", "independent", "independent", "independent"]
    for day, level in enumerate(levels):
        await _session(world_api, task, day, [level, "independent"])
    base = f"/api/tasks/{task['id']}/progress"
    everything = (await world_api.get(base, as_="coach")).json()
    assert everything["sessionCount"] == 5 and everything["firstSessionNumber"] == 1
    assert everything["olderCursor"] is None

    pages = []
    page = (await world_api.get(f"{base}?limit=2", as_="coach")).json()
    pages.append(page)
    while page["olderCursor"] is not None:
        answer = await world_api.get(f"{base}?limit=2&cursor={page['olderCursor']}", as_="coach")
        assert answer.status_code == 200, answer.text
        page = answer.json()
        pages.append(page)
    # The latest first; within a page, oldest first as the chart draws them.
    assert [p["firstSessionNumber"] for p in pages] == [4, 2, 1]
    assert [[s["date"] for s in p["sessions"]] for p in pages] == [
        [everything["sessions"][i]["date"] for i in (3, 4)],
        [everything["sessions"][i]["date"] for i in (1, 2)],
        [everything["sessions"][0]["date"]],
    ]
    assert [p["steps"][0]["levels"] for p in pages] == [levels[3:], levels[1:3], levels[:1]]
    for p in pages:  # the summary and the streaks are the whole history's on every page
        assert p["sessionsToMastery"] == everything["sessionsToMastery"] == 5
        assert [s["independentStreak"] for s in p["steps"]] == [3, 5]
        assert p["sessionCount"] == 5


async def test_a_cursor_that_is_not_a_place_is_refused(world_api: Api) -> None:
    task = await _task(world_api)
    for cursor in ("nonsense", "c2Vzc2lvbnMtYmVmb3JlOng", "x" * 300):
        answer = await world_api.get(
            f"/api/tasks/{task['id']}/progress?cursor={cursor}", as_="coach"
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == "query.cursor"
    too_many = await world_api.get(f"/api/tasks/{task['id']}/progress?limit=201", as_="coach")
    assert too_many.status_code == 400


async def test_progress_is_made_again_from_rows_written_without_the_server(
    world_api: Api,
) -> None:
    """What a migration of older data and the seeded benchmark organisation rely on."""
    task = await _task(world_api)
    for day in range(4):
        await _session(
            world_api, task, day, ["independent", "verbal" if day == 0 else "independent"]
        )
    before = await _views(world_api, task["id"])
    await TaskProgress.delete(force=True)
    await TrainingSession.update({TrainingSession.independent: 0}, force=True)
    assert await refresh_every_task() >= 1
    assert await _views(world_api, task["id"]) == before
    assert before[0]["sessionsToMastery"] == 4 and before[1]["latest"]["onYourOwn"] == 2


async def test_what_each_write_keeps_is_what_all_the_sessions_say(world_api: Api) -> None:
    """The usual write reads only the latest sessions: after each, progress made from every
    session must say the same."""
    task = await _task(world_api)
    step = task["steps"][1]["id"]
    plan = [
        ["verbal", "independent"],
        ["independent", "independent"],
        ["independent", "independent"],
        ["independent", "gestural"],  # corrected below to independent: mastered by it
        ["independent", "independent"],
    ]
    for day, levels in enumerate(plan):
        session = await _session(world_api, task, day, levels)
        if levels[1] == "gestural":
            kept = await _views(world_api, task["id"])
            await refresh_every_task()
            assert await _views(world_api, task["id"]) == kept
            await world_api.request(
                "PUT",
                f"/api/tasks/{task['id']}/sessions/{session}/records/{step}",
                as_="coach",
                json={"level": "independent"},
            )
        kept = await _views(world_api, task["id"])
        await refresh_every_task()
        assert await _views(world_api, task["id"]) == kept, day
    coach, mine, _ = kept
    assert coach["sessionsToMastery"] == 4 and mine["mastered"] and mine["sessions"] == 5
