"""The PTA goal tool through the API: a coach sets a goal with its levels in plain words, the
client sees it and checks in by picking a level, both evaluate side by side once the final
evaluation opens, and the coach sees GAS T-scores per period and their trend."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from backend.goals.tables import CheckIn
from tests.api.conftest import Api
from tests.support import coaching, photos, tasks
from tests.support.clock import FakeClock, install
from tests.support.world import World


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


def goal_body(**extra: Any) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "title": "  Arrive   on time  every day ",
        "means": ["Set the alarm at 6:30", "Take the 7:15 bus", "  "],
        "endsOn": "2026-12-15",
        "levels": {
            "expected": "  I arrive on time   every day. ",
            "less": "I am late once or twice.",
            "more": "I arrive early most days.",
        },
        **extra,
    }


async def _goal(api: Api, as_: str = "coach", **extra: Any) -> dict[str, Any]:
    answer = await api.post(
        f"/api/clients/{_w(api).ids['client']}/goals", as_=as_, json=goal_body(**extra)
    )
    assert answer.status_code == 201, answer.text
    goal: dict[str, Any] = answer.json()
    return goal


async def test_set_see_check_in_and_evaluate_side_by_side(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    goal = await _goal(world_api)
    assert goal["title"] == "Arrive on time every day"
    assert goal["means"] == ["Set the alarm at 6:30", "Take the 7:15 bus"]
    assert (goal["startsOn"], goal["endsOn"], goal["status"]) == (
        "2026-12-01",
        "2026-12-15",
        "active",
    )
    mine = (await world_api.get(f"/api/clients/{w.ids['client']}/goals", as_="client")).json()
    assert [g["id"] for g in mine] == [goal["id"]]

    check_in = {"localId": coaching.new_id(), "mood": 2, "at": "2026-12-03T07:00:00Z"}
    first = await world_api.post(f"/api/goals/{goal['id']}/check-ins", as_="client", json=check_in)
    again = await world_api.post(f"/api/goals/{goal['id']}/check-ins", as_="client", json=check_in)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert await CheckIn.count() == 1
    out_of_scale = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="client",
        json={**check_in, "localId": coaching.new_id(), "mood": 3},
    )
    assert out_of_scale.status_code == 400
    by_coach = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="coach",
        json={**check_in, "localId": coaching.new_id()},
    )
    assert by_coach.status_code == 403

    fake_clock.set(datetime(2026, 12, 15, 15, 0, tzinfo=UTC))
    client_rating = await world_api.request(
        "PUT",
        f"/api/goals/{goal['id']}/evaluation",
        as_="client",
        json={"rating": 1, "comment": "I was late once."},
    )
    coach_rating = await world_api.request(
        "PUT",
        f"/api/goals/{goal['id']}/evaluation",
        as_="coach",
        json={"rating": 0, "comment": "As we expected."},
    )
    assert client_rating.status_code == coach_rating.status_code == 200
    seen = coach_rating.json()
    assert seen["clientEvaluation"]["rating"] == 1
    assert seen["clientEvaluation"]["comment"] == "I was late once."
    assert seen["coachEvaluation"]["rating"] == 0
    assert [c["mood"] for c in seen["checkIns"]] == [2]

    fake_clock.set(datetime(2026, 12, 16, 9, 0, tzinfo=UTC))
    ended = (await world_api.get(f"/api/goals/{goal['id']}", as_="client")).json()
    assert ended["status"] == "ended"
    listed = await world_api.get(f"/api/clients/{w.ids['client']}/goals?status=ended", as_="coach")
    assert [g["id"] for g in listed.json()] == [goal["id"]]
    reads = await AuditEvent.count().where(
        (AuditEvent.action == "goals_read") & (AuditEvent.actor == w.ids["coach"])
    )
    assert reads == 1


async def test_goals_last_one_to_four_weeks_with_one_to_five_means(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    url = f"/api/clients/{w.ids['client']}/goals"
    too_short = await world_api.post(url, as_="client", json=goal_body(endsOn="2026-12-04"))
    assert too_short.status_code == 422 and too_short.json()["errors"][0]["field"] == "body.endsOn"
    too_long = await world_api.post(url, as_="coach", json=goal_body(endsOn="2027-01-05"))
    assert too_long.status_code == 422
    six = await world_api.post(url, as_="coach", json=goal_body(means=["a"] * 6))
    assert six.status_code == 400
    blank = await world_api.post(url, as_="coach", json=goal_body(means=["  "]))
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "body.means"

    draft = await _goal(world_api, as_="client", status="draft")
    assert draft["status"] == "draft"
    not_yet = await world_api.post(
        f"/api/goals/{draft['id']}/check-ins",
        as_="client",
        json={"localId": coaching.new_id(), "mood": 0, "at": "2026-12-02T08:00:00Z"},
    )
    assert not_yet.status_code == 409
    started = await world_api.patch(
        f"/api/goals/{draft['id']}", as_="client", json={"status": "active"}
    )
    assert started.json()["status"] == "active"
    dropped = await world_api.patch(
        f"/api/goals/{draft['id']}", as_="coach", json={"status": "cancelled"}
    )
    assert dropped.json()["status"] == "cancelled"
    assert (await world_api.delete(f"/api/goals/{draft['id']}", as_="client")).status_code == 403
    assert (await world_api.delete(f"/api/goals/{draft['id']}", as_="coach")).status_code == 204


async def test_gas_t_scores_per_period_and_their_trend(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    fake_clock.set(datetime(2026, 12, 14, 9, 0, tzinfo=UTC))  # December's goal's last day
    # October: two goals the coach rated −1 and 0; November: +1 and +1; December: +2.
    periods = [
        ("2026-10-01", "2026-10-15", [-1, 0]),
        ("2026-11-01", "2026-11-20", [1, 1]),
        ("2026-12-01", "2026-12-14", [2]),
    ]
    for starts, ends, ratings in periods:
        for rating in ratings:
            goal = await _goal(world_api, startsOn=starts, endsOn=ends)
            answer = await world_api.request(
                "PUT", f"/api/goals/{goal['id']}/evaluation", as_="coach", json={"rating": rating}
            )
            assert answer.status_code == 200
    summary = (await world_api.get(f"/api/clients/{w.ids['client']}/gas", as_="coach")).json()
    assert summary["rho"] == 0.3
    assert [(p["period"], p["goals"], p["coachT"]) for p in summary["periods"]] == [
        ("2026-10", 2, 43.8),  # 50 + 10·(−1)/√(0.7·2 + 0.3·4)
        ("2026-11", 2, 62.4),
        ("2026-12", 1, 70.0),
    ]
    assert summary["periods"][0]["clientT"] is None
    assert summary["trend"] == "up" and summary["slope"] == pytest.approx(13.1, abs=0.1)


async def test_a_goal_has_an_optional_photo_seen_only_by_those_who_see_the_goal(
    world_api: Api, fake_clock: FakeClock
) -> None:
    goal = await _goal(world_api)
    assert goal["photo"] is None
    path = f"/api/goals/{goal['id']}/photo"
    not_a_photo = await tasks.upload(world_api, path, b"not a picture", as_="coach")
    assert not_a_photo.status_code in {400, 415, 422}
    assert not_a_photo.json()["errors"][0]["field"] == "file"

    answer = await tasks.upload(world_api, path, photos.phone_jpeg(), as_="client")
    assert answer.status_code == 200, answer.text
    photo = answer.json()["photo"]
    assert (photo["width"], photo["height"]) == (1200, 1600)  # upright, re-encoded
    stored = {k: v for k, v in tasks.stored_files().items() if k.startswith(f"goals/{goal['id']}/")}
    assert stored and all(b"Exif" not in data for data in stored.values())
    url = photo["files"][1]["jpeg"]
    assert (await world_api.get(url, as_="client")).status_code == 200
    assert (await world_api.get(url, as_="coach")).status_code == 200
    assert (await world_api.get(url, as_="other_coach")).status_code == 404
    assert (await world_api.get(url, as_="family")).status_code == 404

    removed = await world_api.delete(path, as_="coach")
    assert removed.status_code == 204
    assert (await world_api.get(f"/api/goals/{goal['id']}", as_="coach")).json()["photo"] is None
    assert not [k for k in tasks.stored_files() if k.startswith(f"goals/{goal['id']}")]

    await tasks.upload(world_api, path, photos.phone_jpeg(800, 600, 1, 80), as_="coach")
    assert (await world_api.delete(f"/api/goals/{goal['id']}", as_="coach")).status_code == 204
    assert not [k for k in tasks.stored_files() if k.startswith(f"goals/{goal['id']}")]


# --- Goal Attainment Scaling as practised -----------------------------------------


async def _suggestions(client_id: str) -> list[str]:
    from backend.family.tables import Update

    rows = await Update.select(Update.source).where(Update.client == client_id)
    return [r["source"] for r in rows]


async def _rate(api: Api, goal_id: str, rating: int, as_: str = "client") -> Any:
    return await api.request(
        "PUT", f"/api/goals/{goal_id}/evaluation", as_=as_, json={"rating": rating}
    )


async def test_the_expected_level_is_written_when_the_goal_is_set(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    url = f"/api/clients/{w.ids['client']}/goals"
    body = goal_body()
    del body["levels"]
    missing = await world_api.post(url, as_="coach", json=body)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "body.levels.expected"
    blank = await world_api.post(url, as_="client", json=goal_body(levels={"expected": "   "}))
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "body.levels.expected"
    too_long = await world_api.post(
        url, as_="coach", json=goal_body(levels={"expected": "x", "muchMore": "y" * 201})
    )
    assert too_long.status_code == 400
    assert too_long.json()["errors"][0]["field"] == "body.levels.muchMore"

    # Every field to blame is named at once: the coach sees all that is missing.
    everything = await world_api.post(
        url,
        as_="coach",
        json=goal_body(title=" ", endsOn="2026-12-04", levels={"expected": ""}),
    )
    assert everything.status_code == 422
    assert [e["field"] for e in everything.json()["errors"]] == [
        "body.endsOn",
        "body.title",
        "body.levels.expected",
    ]

    goal = await _goal(world_api)
    assert goal["levels"] == {
        "muchLess": "",
        "less": "I am late once or twice.",
        "expected": "I arrive on time every day.",
        "more": "I arrive early most days.",
        "muchMore": "",
    }
    assert goal["evaluationOpensOn"] == "2026-12-09"  # the last week: 9 … 15 December
    changed = await world_api.patch(
        f"/api/goals/{goal['id']}",
        as_="client",
        json={"levels": {"expected": "On time every day.", "muchMore": "Early every day."}},
    )
    assert changed.json()["levels"]["muchMore"] == "Early every day."
    assert changed.json()["levels"]["less"] == ""


async def test_a_check_in_picks_one_of_the_goals_levels(
    world_api: Api, fake_clock: FakeClock
) -> None:
    goal = await _goal(world_api)
    url = f"/api/goals/{goal['id']}/check-ins"
    at = "2026-12-03T07:00:00Z"
    picked = await world_api.post(
        url, as_="client", json={"localId": coaching.new_id(), "level": -1, "at": at}
    )
    assert picked.status_code == 201, picked.text
    assert (picked.json()["level"], picked.json()["mood"]) == (-1, -1)
    neither = await world_api.post(url, as_="client", json={"localId": coaching.new_id(), "at": at})
    assert neither.status_code == 422
    assert neither.json()["errors"][0]["field"] == "body.level"
    # An older app on the phone still sends a face: it is kept as such.
    face = await world_api.post(
        url, as_="client", json={"localId": coaching.new_id(), "mood": 2, "at": at}
    )
    assert (face.json()["level"], face.json()["mood"]) == (None, 2)
    seen = (await world_api.get(f"/api/goals/{goal['id']}", as_="coach")).json()
    assert [(c["level"], c["mood"]) for c in seen["checkIns"]] == [(-1, -1), (None, 2)]


async def test_a_goal_set_before_levels_existed_still_works(
    world_api: Api, fake_clock: FakeClock
) -> None:
    from backend.goals.tables import Goal

    goal = await _goal(world_api)
    await Goal.update({Goal.levels: None}).where(Goal.id == goal["id"])
    old = (await world_api.get(f"/api/goals/{goal['id']}", as_="client")).json()
    assert old["levels"] is None
    checked = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="client",
        json={"localId": coaching.new_id(), "mood": 0, "at": "2026-12-03T07:00:00Z"},
    )
    assert checked.status_code == 201
    fake_clock.set(datetime(2026, 12, 15, 9, 0, tzinfo=UTC))
    assert (await _rate(world_api, goal["id"], 0)).status_code == 200


async def test_the_final_evaluation_opens_in_the_goals_last_week(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    goal = await _goal(world_api)  # 1 … 15 December
    on_the_first_day = await _rate(world_api, goal["id"], 2)
    assert on_the_first_day.status_code == 409
    assert on_the_first_day.json()["code"] == "evaluation_not_open"
    assert "2026-12-09" in on_the_first_day.json()["title"]
    fake_clock.set(datetime(2026, 12, 8, 20, 0, tzinfo=UTC))
    assert (await _rate(world_api, goal["id"], 2, as_="coach")).status_code == 409
    # Nothing was "reached": no suggestion for the family.
    assert await _suggestions(w.ids["client"]) == []

    fake_clock.set(datetime(2026, 12, 9, 8, 0, tzinfo=UTC))
    below = await _rate(world_api, goal["id"], -1)
    assert below.status_code == 200
    assert below.json()["clientEvaluation"]["rating"] == -1
    assert await _suggestions(w.ids["client"]) == []  # less than expected: nothing to tell
    reached = await _rate(world_api, goal["id"], 0, as_="coach")
    assert reached.status_code == 200
    assert await _suggestions(w.ids["client"]) == [f"goal:{goal['id']}"]
    # The levels stay as they were once evaluated: the rating picked one of them.
    rewrite = await world_api.patch(
        f"/api/goals/{goal['id']}", as_="coach", json={"levels": {"expected": "Other words."}}
    )
    assert rewrite.status_code == 409


async def test_staff_end_a_goal_early_with_a_reason_and_the_final_evaluation_opens(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    goal = await _goal(world_api)  # 1 … 15 December
    end = f"/api/goals/{goal['id']}/end"
    fake_clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
    by_client = await world_api.post(end, as_="client", json={"reason": "I want to stop."})
    assert by_client.status_code == 403
    no_reason = await world_api.post(end, as_="coach", json={"reason": "  "})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "body.reason"
    ended = await world_api.post(end, as_="coach", json={"reason": "Her shifts  changed."})
    assert ended.status_code == 200, ended.text
    done = ended.json()
    assert done["status"] == "ended"
    assert done["endedEarly"] == {"on": "2026-12-04", "reason": "Her shifts changed."}
    assert done["evaluationOpensOn"] == "2026-12-04"
    assert await AuditEvent.count().where(AuditEvent.action == "goal_ended_early") == 1

    again = await world_api.post(end, as_="coach", json={"reason": "Again."})
    assert again.status_code == 409
    late_check_in = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="client",
        json={"localId": coaching.new_id(), "level": 0, "at": "2026-12-04T10:00:00Z"},
    )
    assert late_check_in.status_code == 409
    assert (await _rate(world_api, goal["id"], 1)).status_code == 200
    assert (await _rate(world_api, goal["id"], 0, as_="coach")).status_code == 200
    assert await _suggestions(w.ids["client"]) == [f"goal:{goal['id']}"]
    summary = (await world_api.get(f"/api/clients/{w.ids['client']}/gas", as_="coach")).json()
    assert [(p["period"], p["coachT"], p["clientT"]) for p in summary["periods"]] == [
        ("2026-12", 50.0, 60.0)
    ]


async def test_a_goal_that_starts_later_cannot_be_checked_in_or_rated_before_it_starts(
    world_api: Api, fake_clock: FakeClock
) -> None:
    goal = await _goal(world_api, startsOn="2026-12-14", endsOn="2026-12-27")
    assert (goal["status"], goal["startsOn"]) == ("active", "2026-12-14")
    early = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="client",
        json={"localId": coaching.new_id(), "level": 0, "at": "2026-12-01T09:00:00Z"},
    )
    assert early.status_code == 409 and early.json()["code"] == "goal_not_started"
    assert (await _rate(world_api, goal["id"], 0)).status_code == 409
    not_started = await world_api.post(
        f"/api/goals/{goal['id']}/end", as_="coach", json={"reason": "Changed plans."}
    )
    assert not_started.status_code == 409
    fake_clock.set(datetime(2026, 12, 14, 8, 0, tzinfo=UTC))
    on_time = await world_api.post(
        f"/api/goals/{goal['id']}/check-ins",
        as_="client",
        json={"localId": coaching.new_id(), "level": 0, "at": "2026-12-14T08:00:00Z"},
    )
    assert on_time.status_code == 201
