"""Updates: the coach's wait for the client's approval, the client's own go at once, auto-share
sends a kind without asking, a change by staff asks again, photos go through the step-photo
pipeline, and a mastered task suggests an update."""

from __future__ import annotations

from typing import Any

from backend.family.tables import Update
from tests.api.conftest import Api
from tests.support import family, photos, tasks
from tests.support.world import World


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _write(api: Api, as_: str, text: str, kind: str = "updates", **extra: Any) -> Any:
    w = _world(api)
    return await api.post(
        f"/api/clients/{w.ids['client']}/updates",
        as_=as_,
        json={"localId": family.new_id(), "text": text, "kind": kind},
        **extra,
    )


async def _feed(api: Api) -> list[str]:
    return [i["text"] for i in (await api.get("/api/family/feed", as_="family")).json()["items"]]


async def test_the_coachs_update_waits_for_the_client(world_api: Api) -> None:
    w = _world(world_api)
    await family.grant(w, "updates")
    written = await _write(world_api, "coach", "Alice ran the coffee machine alone today!")
    assert written.status_code == 201, written.text
    update = written.json()
    assert update["status"] == "pending" and update["sharedAt"] is None
    assert update["authorName"] == "Ada Coach" and update["source"] == "coach"
    assert await _feed(world_api) == []
    assert (await world_api.get(f"/api/updates/{update['id']}", as_="family")).status_code == 404

    # Staff cannot approve for her, not even the administrator.
    for staff in ("coach", "coordinator", "admin"):
        refused = await world_api.post(f"/api/updates/{update['id']}/approve", as_=staff)
        assert refused.status_code == 403
    approved = await world_api.post(f"/api/updates/{update['id']}/approve", as_="client")
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == "shared" and body["sharedHow"] == "client"
    assert body["audience"] == [{"id": w.ids["family"], "displayName": "Finn Family"}]
    assert await _feed(world_api) == ["Alice ran the coffee machine alone today!"]

    # Stop sharing: gone from the feed with the next request.
    declined = await world_api.post(f"/api/updates/{update['id']}/decline", as_="client")
    assert declined.json()["status"] == "declined"
    assert await _feed(world_api) == []

    entries = (await world_api.get("/api/audit", as_="coordinator")).json()
    actions = [e["action"] for e in entries if e["subject"] == w.ids["client"]]
    assert actions[:3] == ["update_unshared", "update_shared", "update_created"]
    shared = next(e for e in entries if e["action"] == "update_shared")
    assert shared["actor"] == w.ids["client"]
    assert shared["detail"] == {"update": update["id"], "kind": "updates", "how": "client"}


async def test_the_clients_own_update_is_shared_as_written(world_api: Api) -> None:
    await family.grant(_world(world_api), "updates")
    written = await _write(world_api, "client", "I got my first pay slip.")
    assert written.json()["status"] == "shared" and written.json()["sharedHow"] == "client"
    assert await _feed(world_api) == ["I got my first pay slip."]


async def test_auto_share_sends_a_kind_without_asking(world_api: Api) -> None:
    w = _world(world_api)
    await family.grant(w, "updates")
    on = await world_api.post(
        f"/api/clients/{w.ids['client']}/auto-share",
        as_="client",
        json={"localId": family.new_id(), "kind": "updates", "enabled": True, "textVersion": 1},
    )
    assert on.status_code == 201 and on.json()["enabled"] is True
    sharing = (await world_api.get(f"/api/clients/{w.ids['client']}/sharing", as_="client")).json()
    assert {a["kind"]: a["enabled"] for a in sharing["autoShare"]}["updates"] is True

    written = (await _write(world_api, "coach", "New uniform today.")).json()
    assert written["status"] == "shared" and written["sharedHow"] == "auto_share"
    other_kind = (await _write(world_api, "coach", "Goal reached.", "goals")).json()
    assert other_kind["status"] == "pending"
    assert await _feed(world_api) == ["New uniform today."]

    history = (await world_api.get(f"/api/clients/{w.ids['client']}/consents", as_="client")).json()
    assert [(a["kind"], a["enabled"], a["textVersion"]) for a in history["autoShare"]] == [
        ("updates", True, 1)
    ]


async def test_a_change_by_staff_asks_the_client_again(world_api: Api) -> None:
    await family.grant(_world(world_api), "updates")
    written = (await _write(world_api, "coach", "Folded 200 towels.")).json()
    await world_api.post(f"/api/updates/{written['id']}/approve", as_="client")
    edited = await world_api.patch(
        f"/api/updates/{written['id']}", as_="coach", json={"text": "Folded 300 towels."}
    )
    assert edited.json()["status"] == "pending"
    assert await _feed(world_api) == []
    await world_api.post(f"/api/updates/{written['id']}/approve", as_="client")
    own = await world_api.patch(
        f"/api/updates/{written['id']}", as_="client", json={"text": "Folded 300 towels!"}
    )
    assert own.json()["status"] == "shared"
    assert await _feed(world_api) == ["Folded 300 towels!"]


async def test_an_update_is_written_once_and_at_most_500_characters(world_api: Api) -> None:
    w = _world(world_api)
    body = {"localId": family.new_id(), "text": "Same words."}
    path = f"/api/clients/{w.ids['client']}/updates"
    first = await world_api.post(path, as_="coach", json=body)
    again = await world_api.post(path, as_="coach", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert await Update.count() == 1
    long = await world_api.post(
        path, as_="coach", json={"localId": family.new_id(), "text": "x" * 501}
    )
    assert long.status_code == 400 and long.json()["errors"][0]["field"] == "body.text"
    helpless = await world_api.post(
        path,
        as_="coach",
        json={"localId": family.new_id(), "text": "Help!", "kind": "help_alerts"},
    )
    assert helpless.status_code == 400


async def test_a_photo_goes_through_the_pipeline_and_follows_approval(world_api: Api) -> None:
    w = _world(world_api)
    await family.grant(w, "updates")
    written = (await _write(world_api, "coach", "At the coffee machine.")).json()
    answer = await tasks.upload(
        world_api, f"/api/updates/{written['id']}/photo", photos.phone_jpeg(), as_="coach"
    )
    assert answer.status_code == 200, answer.text
    photo = answer.json()["photo"]
    assert (photo["width"], photo["height"]) == (1200, 1600)  # upright, re-encoded
    stored = {
        k: v
        for k, v in tasks.stored_files().items()
        if k.startswith(f"family/updates/{written['id']}/")
    }
    assert len(stored) == 6
    assert all(b"Exif" not in data and b"GPS" not in data for data in stored.values())

    url = photo["files"][1]["jpeg"]
    assert (await world_api.get(url, as_="coach")).status_code == 200
    assert (await world_api.get(url, as_="family")).status_code == 404  # waiting for Alice
    await world_api.post(f"/api/updates/{written['id']}/approve", as_="client")
    assert (await world_api.get(url, as_="family")).status_code == 200
    assert (await world_api.get(url, as_="other_coach")).status_code == 404

    # A new photo from the coach is a change: Alice approves it again.
    again = await tasks.upload(
        world_api,
        f"/api/updates/{written['id']}/photo",
        photos.phone_jpeg(800, 600, 1, 80),
        as_="coach",
    )
    assert again.json()["status"] == "pending"
    assert (await world_api.get(again.json()["photo"]["src"], as_="family")).status_code == 404

    removed = await world_api.delete(f"/api/updates/{written['id']}", as_="client")
    assert removed.status_code == 204
    assert not [k for k in tasks.stored_files() if k.startswith(f"family/updates/{written['id']}")]


async def test_a_mastered_task_suggests_an_update_for_the_client(world_api: Api) -> None:
    w = _world(world_api)
    await tasks.build_tasks(w)
    task = w.ids["task"]
    await world_api.patch(
        f"/api/tasks/{task}/steps/{w.ids['step']}", as_="coach", json={"mastered": True}
    )
    assert await Update.count() == 0  # one step of two: not yet
    await world_api.patch(
        f"/api/tasks/{task}/steps/{w.ids['step2']}", as_="coach", json={"mastered": True}
    )
    suggested = (
        await world_api.get(f"/api/clients/{w.ids['client']}/updates", as_="client")
    ).json()
    assert len(suggested) == 1
    assert suggested[0]["text"] == "I can now do “Set up the salad bar” on my own."
    assert suggested[0]["kind"] == "training" and suggested[0]["status"] == "pending"
    assert suggested[0]["source"] == f"task:{task}" and suggested[0]["authorId"] is None
    await world_api.patch(
        f"/api/tasks/{task}/steps/{w.ids['step2']}", as_="coach", json={"text": "Bowls in."}
    )
    assert await Update.count() == 1  # suggested once per task

    await family.grant(w, "training")
    approved = await world_api.post(f"/api/updates/{suggested[0]['id']}/approve", as_="client")
    assert approved.json()["status"] == "shared"
    assert await _feed(world_api) == ["I can now do “Set up the salad bar” on my own."]


async def test_coordinators_review_sharing_in_their_own_team_only(world_api: Api) -> None:
    w = _world(world_api)
    await _write(world_api, "coach", "Alice's news.")
    bob = await world_api.post(
        f"/api/clients/{w.ids['other_client']}/updates",
        as_="other_coach",
        json={"localId": family.new_id(), "text": "Bob's news."},
    )
    assert bob.status_code == 201
    entries = (await world_api.get("/api/audit", as_="coordinator")).json()
    created = [e["subject"] for e in entries if e["action"] == "update_created"]
    assert created == [w.ids["client"]]
    everything = (await world_api.get("/api/audit", as_="admin")).json()
    assert {e["subject"] for e in everything if e["action"] == "update_created"} == {
        w.ids["client"],
        w.ids["other_client"],
    }


async def test_a_reached_goal_suggests_an_update_through_the_hook(world_api: Api) -> None:
    from backend.family import hooks
    from backend.goals import GoalEvaluated
    from backend.goals.tables import Goal
    from tests.support import coaching

    w = _world(world_api)
    await coaching.build_coaching(w)
    goal = await Goal.select().where(Goal.id == w.ids["goal"]).first()
    assert goal is not None

    def rated(rating: int) -> GoalEvaluated:
        return GoalEvaluated(str(goal["id"]), str(goal["client"]), goal["title"], rating)

    assert await hooks.goal_evaluated(rated(-1)) is None  # less than expected: nothing to tell
    first = await hooks.goal_evaluated(rated(1))
    assert first is not None and await hooks.goal_evaluated(rated(2)) == first
    update = (await world_api.get(f"/api/updates/{first}", as_="client")).json()
    assert update["text"] == "I reached my goal: “Arrive on time every day”."
    assert update["kind"] == "goals" and update["status"] == "pending"
