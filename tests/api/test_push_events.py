"""Push for things that just happened, through the real engine to a push service on loopback
that checks VAPID and decrypts every message: a shared update reaches the family member's
device only under a live consent, "I need help" reaches the coach (and the family members the
client lets see help alerts), a reached goal suggests an update. No message carries a name,
a task, a goal's words or an update's words."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.support import coaching, family, tasks
from tests.support.clock import FakeClock, install
from tests.support.push_service import Message, PushService, Subscription
from tests.support.world import World

FORBIDDEN = ("Alice", "Finn", "Ada", "salad", "bowls", "towels", "coffee", "time every day")


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


async def _device(api: Api, push: PushService, as_: str) -> Subscription:
    sub = push.subscribe()
    answer = await api.post("/api/me/push-subscriptions", as_=as_, json=sub.as_json())
    assert answer.status_code == 201, answer.text
    return sub


def _neutral(messages: list[Message]) -> None:
    for message in messages:
        assert message.plaintext is not None and len(message.plaintext) <= 1024
        text = message.plaintext.decode()
        assert not any(word.lower() in text.lower() for word in FORBIDDEN), text
        assert message.payload is not None and set(message.payload) == {
            "kind",
            "id",
            "url",
            "title",
            "tag",
        }


async def _consent(api: Api, kind: str, granted: bool) -> None:
    w = _w(api)
    answer = await api.post(
        f"/api/clients/{w.ids['client']}/consents",
        as_="client",
        json={
            "localId": family.new_id(),
            "familyId": w.ids["family"],
            "kind": kind,
            "granted": granted,
            "textVersion": 1,
        },
    )
    assert answer.status_code in (200, 201), answer.text


async def _write_and_approve(api: Api, text: str) -> dict[str, Any]:
    w = _w(api)
    written = await api.post(
        f"/api/clients/{w.ids['client']}/updates",
        as_="coach",
        json={"localId": family.new_id(), "text": text, "kind": "updates"},
    )
    assert written.status_code == 201, written.text
    approved = await api.post(f"/api/updates/{written.json()['id']}/approve", as_="client")
    assert approved.status_code == 200, approved.text
    update: dict[str, Any] = approved.json()
    return update


async def test_a_shared_update_reaches_the_family_device_until_consent_is_withdrawn(
    world_api: Api, push: PushService
) -> None:
    finns_phone = await _device(world_api, push, "family")
    await _consent(world_api, "updates", True)
    await _write_and_approve(world_api, "Alice ran the coffee machine alone today!")
    received = push.for_subscription(finns_phone)
    assert [m.payload["kind"] for m in received if m.payload] == ["family_update"]
    assert received[0].payload and received[0].payload["url"] == "/family"
    _neutral(received)

    await _consent(world_api, "updates", False)
    await _write_and_approve(world_api, "Alice folded the towels.")
    assert len(push.for_subscription(finns_phone)) == 1, "nothing more after the withdrawal"


async def test_i_need_help_reaches_the_coach_and_family_who_may_see_help_alerts(
    world_api: Api, push: PushService
) -> None:
    w = _w(world_api)
    await tasks.build_tasks(w)
    coach_phone = await _device(world_api, push, "coach")
    finns_phone = await _device(world_api, push, "family")
    other_coach = await _device(world_api, push, "other_coach")
    ask = {"localId": tasks.new_id(), "at": tasks.timestamp(), "stepId": w.ids["step2"]}
    base = f"/api/tasks/{w.ids['task']}/help-requests"
    first = await world_api.post(base, as_="client", json=ask)
    assert first.status_code == 201
    to_coach = push.for_subscription(coach_phone)
    assert [m.payload["kind"] for m in to_coach if m.payload] == ["help_request"]
    assert (to_coach[0].urgency, to_coach[0].ttl) == ("high", 1800)
    assert push.for_subscription(finns_phone) == [], "no help-alert consent: nothing"
    assert push.for_subscription(other_coach) == []
    # The outbox sends it again after a lost answer: the same request, no second push.
    again = await world_api.post(base, as_="client", json=ask)
    assert again.status_code == 200 and len(push.for_subscription(coach_phone)) == 1

    await _consent(world_api, "help_alerts", True)
    ask_again = {**ask, "localId": tasks.new_id()}
    assert (await world_api.post(base, as_="client", json=ask_again)).status_code == 201
    assert [m.payload["kind"] for m in push.for_subscription(finns_phone) if m.payload] == [
        "help_alert"
    ]
    assert len(push.for_subscription(coach_phone)) == 2
    _neutral(push.for_subscription(coach_phone) + push.for_subscription(finns_phone))


async def test_a_goal_rated_as_reached_suggests_an_update_for_the_client(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    created = await world_api.post(
        f"/api/clients/{w.ids['client']}/goals",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "title": "Arrive on time every day",
            "means": ["Take the 7:15 bus"],
            "endsOn": "2026-12-15",
            "levels": {"expected": "I arrive on time every day."},
        },
    )
    assert created.status_code == 201, created.text
    goal = created.json()
    fake_clock.set(datetime(2026, 12, 15, 15, 0, tzinfo=UTC))
    below = await world_api.request(
        "PUT",
        f"/api/goals/{goal['id']}/evaluation",
        as_="client",
        json={"rating": -1, "comment": ""},
    )
    assert below.status_code == 200
    updates_url = f"/api/clients/{w.ids['client']}/updates"
    assert (await world_api.get(updates_url, as_="client")).json() == []
    reached = await world_api.request(
        "PUT",
        f"/api/goals/{goal['id']}/evaluation",
        as_="coach",
        json={"rating": 1, "comment": "Well done."},
    )
    assert reached.status_code == 200
    listed = (await world_api.get(updates_url, as_="client")).json()
    assert len(listed) == 1 and listed[0]["status"] == "pending"
    assert "Arrive on time every day" in listed[0]["text"]
    assert json.dumps(listed).count("Well done.") == 0, "the coach's comment is not shared"


async def test_news_waiting_for_the_client_reaches_the_clients_phone_only(
    world_api: Api, push: PushService
) -> None:
    w = _w(world_api)
    alices_phone = await _device(world_api, push, "client")
    finns_phone = await _device(world_api, push, "family")
    await _consent(world_api, "updates", True)
    written = await world_api.post(
        f"/api/clients/{w.ids['client']}/updates",
        as_="coach",
        json={
            "localId": family.new_id(),
            "text": "Alice ran the coffee machine!",
            "kind": "updates",
        },
    )
    assert written.status_code == 201
    waiting = push.for_subscription(alices_phone)
    assert [m.payload["kind"] for m in waiting if m.payload] == ["update_waiting"]
    assert waiting[0].payload and waiting[0].payload["url"] == "/sharing"
    assert push.for_subscription(finns_phone) == [], "the family hears nothing before the yes"
    # Her own news is shared by her at once: nothing waits, nothing to tell her.
    own = await world_api.post(
        f"/api/clients/{w.ids['client']}/updates",
        as_="client",
        json={"localId": family.new_id(), "text": "I folded the towels.", "kind": "updates"},
    )
    assert own.status_code == 201
    assert len(push.for_subscription(alices_phone)) == 1
    assert [m.payload["kind"] for m in push.for_subscription(finns_phone) if m.payload] == [
        "family_update"
    ]
    _neutral(push.for_subscription(alices_phone) + push.for_subscription(finns_phone))
