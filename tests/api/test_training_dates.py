"""A training session has a day: sessions recorded later (on the laptop, from paper) are dated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from backend.tasks.tables import Task
from tests.api.conftest import Api
from tests.support import tasks

HELSINKI = "Europe/Helsinki"


async def _task(api: Api) -> dict[str, Any]:
    assert api.world is not None
    created = await api.post(
        f"/api/clients/{api.world.ids['client']}/tasks",
        as_="coach",
        json={"title": "Fold towels", "workplace": "Hotel Kämp"},
    )
    assert created.status_code == 201, created.text
    answer = await api.post(
        f"/api/tasks/{created.json()['id']}/steps", as_="coach", json={"text": "Fold in half."}
    )
    detail: dict[str, Any] = answer.json()
    return detail


def _today() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(HELSINKI)).date()


async def _session(api: Api, task: dict[str, Any], day: date | None, level: str) -> Any:
    body: dict[str, Any] = {
        "localId": tasks.new_id(),
        "startedAt": tasks.timestamp(),
        "zone": HELSINKI,
        "records": [{"stepId": task["steps"][0]["id"], "level": level}],
    }
    if day is not None:
        body["date"] = day.isoformat()
    return await api.post(f"/api/tasks/{task['id']}/sessions", as_="coach", json=body)


async def test_a_dated_session_is_stored_and_progress_is_ordered_by_its_day(
    world_api: Api,
) -> None:
    task = await _task(world_api)
    # The task was made two weeks ago; sessions are typed in today from paper, newest first.
    await Task.update({Task.created_at: datetime.now(UTC) - timedelta(days=14)}).where(
        Task.id == task["id"]
    )
    today = _today()
    week_ago = today - timedelta(days=7)
    ten_days_ago = today - timedelta(days=10)
    undated = await _session(world_api, task, None, "independent")
    assert undated.status_code == 201, undated.text
    assert undated.json()["date"] == today.isoformat()  # default: today at the place
    late = await _session(world_api, task, week_ago, "verbal")
    assert late.status_code == 201, late.text
    assert late.json()["date"] == week_ago.isoformat()
    assert (await _session(world_api, task, ten_days_ago, "physical")).status_code == 201

    progress = (await world_api.get(f"/api/tasks/{task['id']}/progress", as_="coach")).json()
    assert [s["date"] for s in progress["sessions"]] == [
        ten_days_ago.isoformat(),
        week_ago.isoformat(),
        today.isoformat(),
    ]
    assert progress["steps"][0]["levels"] == ["physical", "verbal", "independent"]
    mine = (await world_api.get(f"/api/tasks/{task['id']}/my-progress", as_="client")).json()
    assert mine["latest"]["date"] == today.isoformat()
    assert mine["previous"]["date"] == week_ago.isoformat()


async def test_a_future_date_or_one_before_the_task_is_refused_naming_the_field(
    world_api: Api,
) -> None:
    task = await _task(world_api)
    future = await _session(world_api, task, _today() + timedelta(days=1), "verbal")
    assert future.status_code == 422
    assert future.json()["errors"][0]["field"] == "body.date"
    assert "future" in future.json()["errors"][0]["reason"]

    before = await _session(world_api, task, _today() - timedelta(days=3), "verbal")
    assert before.status_code == 422
    assert before.json()["errors"][0]["field"] == "body.date"
    assert "before the task was made" in before.json()["errors"][0]["reason"]

    body = {"localId": tasks.new_id(), "startedAt": tasks.timestamp(), "zone": "Mars/Olympus"}
    bad_zone = await world_api.post(f"/api/tasks/{task['id']}/sessions", as_="coach", json=body)
    assert bad_zone.status_code == 422
    assert bad_zone.json()["errors"][0]["field"] == "body.zone"
    progress = (await world_api.get(f"/api/tasks/{task['id']}/progress", as_="coach")).json()
    assert progress["sessions"] == []
