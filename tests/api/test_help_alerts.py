""" "I need help" as an alert: open staff screens hear of a new request within
a poll or two and no other caseload does; the client is told the truth about whether the
coach's phone or screen got it (a real push service on loopback answers); an unanswered request
made during a shift goes to the team's other coaches and its coordinator after the team's time
(the controlled clock, the engine's own round); "I have helped" reaches the client's phone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar import Litestar

from backend.reminders.engine import Engine
from backend.tasks import help_stream
from tests.api.conftest import Api
from tests.support import tasks
from tests.support.clock import FakeClock, install
from tests.support.push_service import PushService, Subscription
from tests.support.sse import Stream
from tests.support.world import World, make_user

STREAM = "/api/help-requests/stream"


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
async def push(fake_clock: FakeClock) -> AsyncIterator[PushService]:
    service = await PushService(clock=fake_clock).start()
    yield service
    await service.stop()


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(help_stream, "POLL_SECONDS", 0.05)


async def _device(api: Api, push: PushService, as_: str, answer: int = 201) -> Subscription:
    sub = push.subscribe(answer=answer)
    posted = await api.post("/api/me/push-subscriptions", as_=as_, json=sub.as_json())
    assert posted.status_code == 201, posted.text
    return sub


def _kinds(push: PushService, sub: Subscription) -> list[str]:
    return [str(m.payload["kind"]) for m in push.for_subscription(sub) if m.payload]


async def _ask(api: Api, task: str, step: str | None, as_: str = "client") -> dict[str, Any]:
    body = {"localId": tasks.new_id(), "at": tasks.timestamp(), "stepId": step}
    answer = await api.post(f"/api/tasks/{task}/help-requests", as_=as_, json=body)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def _state(api: Api, task: str, key: str, as_: str = "client") -> dict[str, Any]:
    answer = await api.get(f"/api/tasks/{task}/help-requests/{key}", as_=as_)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def _bobs_task(api: Api) -> str:
    """Bob (team South, coach Ben) gets a task of his own."""
    w = _w(api)
    made = await api.post(
        f"/api/clients/{w.ids['other_client']}/tasks",
        as_="other_coach",
        json={"title": "Stack chairs", "workplace": "Cafe"},
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def test_an_open_staff_screen_hears_of_a_new_request_and_no_other_caseload_does(
    app: Litestar, world_api: Api
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    bobs_task = await _bobs_task(world_api)
    async with (
        Stream(app, STREAM, w.tokens["coach"]) as ada,
        Stream(app, STREAM, w.tokens["coordinator"]) as cora,
        Stream(app, STREAM, w.tokens["other_coach"]) as ben,
    ):
        assert ada.status == 200 and ada.headers["content-type"].startswith("text/event-stream")
        for screen in (ada, cora, ben):
            assert (await screen.next("ready")).json() == {"resumed": False}

        alices = await _ask(world_api, w.ids["task"], w.ids["step2"])
        told = await ada.next("help", timeout=5)
        assert told.json() == {"id": alices["id"], "open": True}
        assert (await cora.next("help", timeout=5)).json()["id"] == alices["id"]

        # Bob asks: his coach Ben hears of it, and of nothing else; Ada and Cora never do.
        bobs = await _ask(world_api, bobs_task, None, as_="other_client")
        assert (await ben.next("help", timeout=5)).json()["id"] == bobs["id"]
        resolved = await world_api.post(
            f"/api/tasks/{w.ids['task']}/help-requests/{alices['id']}/resolve", as_="coach"
        )
        assert resolved.status_code == 200
        assert (await ada.next("help", timeout=5)).json() == {"id": alices["id"], "open": False}
        assert (await cora.next("help", timeout=5)).json() == {"id": alices["id"], "open": False}
    assert {e.json()["id"] for e in ben.received if e.event == "help"} == {bobs["id"]}
    assert all(e.json()["id"] == alices["id"] for s in (ada, cora) for e in s.received[1:])

    # A screen that comes back resumes from its last event id: what it missed is told.
    missed = await _ask(world_api, w.ids["task"], w.ids["step2"])
    async with Stream(app, STREAM, w.tokens["coach"], last_event_id=ada.last_id) as back:
        assert (await back.next("ready")).json() == {"resumed": True}
        # (Changes just before the last id may be told again: a repeat costs one refetch.)
        told = (await back.next("help", timeout=5)).json()
        while told["id"] != missed["id"]:
            assert told["id"] != bobs["id"]
            told = (await back.next("help", timeout=5)).json()
        assert told == {"id": missed["id"], "open": True}

    # Only staff who answer for help have a stream.
    for actor in ("client", "family", "admin"):
        async with Stream(app, STREAM, w.tokens[actor]) as refused:
            assert refused.status == 403, actor


async def test_the_client_is_told_whether_the_coachs_phone_or_screen_got_it(
    world_api: Api, push: PushService
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    task, step = w.ids["task"], w.ids["step2"]

    # No device of the coach can be reached: nothing is claimed.
    unheard = await _ask(world_api, task, step)
    assert unheard["reached"] is None
    assert (await _state(world_api, task, unheard["localId"]))["reached"] is None

    # A device whose push service refuses it (gone): still not reached.
    await _device(world_api, push, "coach", answer=410)
    refused = await _ask(world_api, task, step)
    assert refused["reached"] is None

    # A push service that accepts it for the coach's phone: "phone".
    phone = await _device(world_api, push, "coach")
    heard = await _ask(world_api, task, step)
    assert heard["reached"] == "phone"
    assert _kinds(push, phone) == ["help_request"]
    assert (await _state(world_api, task, heard["id"]))["reached"] == "phone"

    # The coach's open Stepwise fetches the list: reading it changes nothing …
    listed = await world_api.get("/api/help-requests", as_="coach")
    shown = [r["id"] for r in listed.json()]
    assert {unheard["id"], refused["id"], heard["id"]} <= set(shown)
    assert (await _state(world_api, task, unheard["id"]))["reached"] is None
    # … another coach saying they show them changes nothing either …
    elsewhere = await world_api.post(
        "/api/help-requests/seen", as_="other_coach", json={"ids": shown}
    )
    assert elsewhere.status_code == 204, elsewhere.text
    assert (await _state(world_api, task, unheard["id"]))["reached"] is None
    # … and once the screen says it shows them, they are on the coach's screen.
    seen = await world_api.post("/api/help-requests/seen", as_="coach", json={"ids": shown})
    assert seen.status_code == 204, seen.text
    assert (await _state(world_api, task, unheard["id"]))["reached"] == "screen"
    assert (await _state(world_api, task, refused["id"]))["reached"] == "screen"
    assert (await _state(world_api, task, heard["id"]))["reached"] == "phone"
    # Saying it again changes nothing: the request keeps its first "reached" time.
    first = await _state(world_api, task, unheard["id"])
    again = await world_api.post("/api/help-requests/seen", as_="coach", json={"ids": shown})
    assert again.status_code == 204
    assert await _state(world_api, task, unheard["id"]) == first
    assert (await world_api.get("/api/help-requests", as_="coach")).json() == listed.json()
    # The coordinator's screen is not the coach's screen.
    fresh = await _ask(world_api, task, step)
    assert fresh["reached"] == "phone"
    await push.stop()  # the push service is down now
    down = await _ask(world_api, task, step)
    assert down["reached"] is None
    assert (await world_api.get("/api/help-requests", as_="coordinator")).status_code == 200
    told = await world_api.post(
        "/api/help-requests/seen", as_="coordinator", json={"ids": [down["id"]]}
    )
    assert told.status_code == 204
    assert (await _state(world_api, task, down["id"]))["reached"] is None

    # What is not a request's id is refused, naming it.
    bad = await world_api.post("/api/help-requests/seen", as_="coach", json={"ids": ["help"]})
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["body.ids.0"]

    # Someone else's request stays out of reach.
    other = await world_api.get(f"/api/tasks/{task}/help-requests/{down['id']}", as_="other_coach")
    assert other.status_code == 404


async def test_an_unanswered_request_during_a_shift_goes_to_the_team_after_the_teams_time(
    app: Litestar, world_api: Api, push: PushService, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    await make_user(w, "north_coach", "Nina Coach", "coach", "North")
    task, step = w.ids["task"], w.ids["step2"]
    team = f"/api/teams/{w.teams['North']}"
    set_time = await world_api.patch(team, as_="coordinator", json={"helpEscalationMinutes": 5})
    assert set_time.status_code == 200 and set_time.json()["helpEscalationMinutes"] == 5
    shift = await world_api.post(
        f"/api/clients/{w.ids['client']}/shifts",
        as_="coach",
        json={
            "localId": tasks.new_id(),
            "workplace": "Hotel Aurora",
            "zone": "UTC",
            "startsAt": "08:00",
            "endsAt": "16:00",
            "repeat": "once",
            "date": "2026-12-01",
        },
    )
    assert shift.status_code == 201, shift.text
    ada = await _device(world_api, push, "coach")
    nina = await _device(world_api, push, "north_coach")
    cora = await _device(world_api, push, "coordinator")
    ben = await _device(world_api, push, "other_coach")
    alice = await _device(world_api, push, "client")

    asked = await _ask(world_api, task, step)
    assert _kinds(push, ada) == ["help_request"] and _kinds(push, nina) == []
    before = await world_api.get("/api/help-requests", as_="north_coach")
    assert before.json() == [], "not Nina's client, and not passed on yet"

    engine = Engine(name="test")
    try:
        async with Stream(app, STREAM, w.tokens["north_coach"]) as ninas_screen:
            await ninas_screen.next("ready")
            fake_clock.advance(minutes=4, seconds=59)
            await engine.tick()
            assert _kinds(push, nina) == [] and _kinds(push, cora) == []
            fake_clock.advance(seconds=1)
            await engine.tick()
            await engine.tick()  # a second round (or another process) sends nothing more
            # Nina's open screen is told too (it was not, while the request was Ada's alone).
            told = await ninas_screen.next("help", timeout=5)
            assert told.json() == {"id": asked["id"], "open": True}
    finally:
        await engine.close()
    assert _kinds(push, nina) == ["help_request"] and _kinds(push, cora) == ["help_request"]
    assert _kinds(push, ada) == ["help_request"], "the coach was told already"
    assert _kinds(push, ben) == [], "another team"
    state = await _state(world_api, task, asked["id"])
    assert state["escalatedAt"] is not None and state["resolvedAt"] is None

    # Nina's open screen shows it, naming Alice's coach, and Nina may answer it.
    shown = (await world_api.get("/api/help-requests", as_="north_coach")).json()
    assert [(r["id"], r["coachName"]) for r in shown] == [(asked["id"], "Ada Coach")]
    assert shown[0]["escalatedAt"] is not None
    assert (await world_api.get("/api/help-requests", as_="other_coach")).json() == []
    helped = await world_api.post(
        f"/api/tasks/{task}/help-requests/{asked['id']}/resolve", as_="north_coach"
    )
    assert helped.status_code == 200 and helped.json()["resolvedAt"] is not None
    assert _kinds(push, alice) == ["help_resolved"]

    # Outside a shift, a request waits for the coach: nobody else is told.
    fake_clock.advance(hours=8)
    later = await _ask(world_api, task, step)
    fake_clock.advance(minutes=30)
    engine = Engine(name="test")
    try:
        await engine.tick()
    finally:
        await engine.close()
    assert (await _state(world_api, task, later["id"]))["escalatedAt"] is None
    assert _kinds(push, nina) == ["help_request"]


async def test_i_have_helped_reaches_the_clients_phone_and_screen(
    world_api: Api, push: PushService
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    alice = await _device(world_api, push, "client")
    asked = await _ask(world_api, w.ids["task"], w.ids["step2"])
    url = f"/api/tasks/{w.ids['task']}/help-requests/{asked['id']}/resolve"
    assert (await world_api.post(url, as_="client")).status_code == 403
    assert (await world_api.post(url, as_="other_coach")).status_code == 404
    assert (await world_api.post(url, as_="coach")).status_code == 200
    assert (await world_api.post(url, as_="coach")).status_code == 200  # once is enough
    assert _kinds(push, alice) == ["help_resolved"]
    state = await _state(world_api, w.ids["task"], asked["localId"])
    assert state["resolvedAt"] is not None


async def test_the_teams_time_is_set_by_its_coordinator_within_bounds(world_api: Api) -> None:
    w = _w(world_api)
    north = f"/api/teams/{w.teams['North']}"
    listed = (await world_api.get("/api/teams", as_="coordinator")).json()
    assert listed[0]["helpEscalationMinutes"] == 10  # the default
    too_long = await world_api.patch(north, as_="coordinator", json={"helpEscalationMinutes": 241})
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "body.helpEscalationMinutes"
    negative = await world_api.patch(north, as_="admin", json={"helpEscalationMinutes": -1})
    assert negative.status_code == 422
    never = await world_api.patch(north, as_="coordinator", json={"helpEscalationMinutes": 0})
    assert never.status_code == 200 and never.json()["helpEscalationMinutes"] == 0
    south = f"/api/teams/{w.teams['South']}"
    assert (
        await world_api.patch(south, as_="coordinator", json={"helpEscalationMinutes": 5})
    ).status_code == 404
    assert (
        await world_api.patch(north, as_="coach", json={"helpEscalationMinutes": 5})
    ).status_code == 403
    audit = (await world_api.get("/api/audit", as_="admin")).json()
    assert any(e["action"] == "team_settings_changed" for e in audit)
