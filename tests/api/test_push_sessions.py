"""A device's push subscription belongs to the session that made it and ends with it: after
sign-out, sign-out everywhere, an administrator's revoke-all, or the session's lifetime, the
real loopback push service (VAPID checked, every message decrypted) receives nothing more for
that device, not even a neutral notification, while a device whose session lives still does."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from backend.accounts.sessions import hash_token
from backend.accounts.tables import Session
from backend.lib import clock
from backend.reminders.engine import Engine
from backend.reminders.tables import PushSubscription
from tests.api.conftest import Api
from tests.support import tasks
from tests.support.clock import FakeClock, install
from tests.support.push_service import PushService, Subscription
from tests.support.world import World

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, START)


@pytest.fixture
async def push(fake_clock: FakeClock) -> AsyncIterator[PushService]:
    service = await PushService(clock=fake_clock).start()
    yield service
    await service.stop()


async def _second_session(w: World, who: str) -> str:
    """The same person signed in on another device (a session row, as the world's own)."""
    token = secrets.token_urlsafe(32)
    at = datetime.now(UTC)  # sign-in checks sessions against the wall clock
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=w.ids[who],
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=1),
        )
    )
    return token


async def _device(api: Api, push: PushService, token: str) -> Subscription:
    sub = push.subscribe()
    answer = await api.post("/api/me/push-subscriptions", token=token, json=sub.as_json())
    assert answer.status_code == 201, answer.text
    return sub


async def _client_asks_for_help(api: Api) -> None:
    """Pushed at once to the client's coach: the coach's devices are the ones under test."""
    w = _w(api)
    ask = {"localId": tasks.new_id(), "at": tasks.timestamp(), "stepId": w.ids["step2"]}
    answer = await api.post(f"/api/tasks/{w.ids['task']}/help-requests", as_="client", json=ask)
    assert answer.status_code == 201, answer.text


def _count(push: PushService, sub: Subscription) -> int:
    return len(push.for_subscription(sub))


@pytest.fixture
async def coach_on_two_phones(
    world_api: Api, push: PushService
) -> tuple[Api, str, str, Subscription, Subscription]:
    w = _w(world_api)
    await tasks.build_tasks(w)
    a_token = w.tokens["coach"]
    b_token = await _second_session(w, "coach")
    phone_a = await _device(world_api, push, a_token)
    phone_b = await _device(world_api, push, b_token)
    await _client_asks_for_help(world_api)
    assert (_count(push, phone_a), _count(push, phone_b)) == (1, 1), "both reached at first"
    return world_api, a_token, b_token, phone_a, phone_b


async def test_signing_out_ends_that_devices_notifications_only(
    coach_on_two_phones: tuple[Api, str, str, Subscription, Subscription], push: PushService
) -> None:
    api, a_token, _, phone_a, phone_b = coach_on_two_phones
    assert (await api.post("/api/signout", token=a_token)).status_code == 204
    # Gone with the session, in the same statement (the database cascades the delete).
    assert await PushSubscription.count().where(PushSubscription.endpoint == phone_a.endpoint) == 0
    await _client_asks_for_help(api)
    assert _count(push, phone_a) == 1, "the signed-out phone receives nothing more"
    assert _count(push, phone_b) == 2, "the phone still signed in keeps getting them"


async def test_signing_out_everywhere_ends_every_devices_notifications(
    coach_on_two_phones: tuple[Api, str, str, Subscription, Subscription], push: PushService
) -> None:
    api, _, b_token, phone_a, phone_b = coach_on_two_phones
    # The step-up a person passes first (tests/api/test_reverify.py), as its record here.
    await Session.update({Session.verified_at: clock.now()}).where(
        Session.id_hash == hash_token(b_token)
    )
    assert (await api.post("/api/signout-everywhere", token=b_token)).status_code == 204
    await _client_asks_for_help(api)
    assert (_count(push, phone_a), _count(push, phone_b)) == (1, 1), "nothing to any device"
    assert await PushSubscription.count().where(PushSubscription.user == _w(api).ids["coach"]) == 0


async def test_an_administrators_revoke_all_ends_every_devices_notifications(
    coach_on_two_phones: tuple[Api, str, str, Subscription, Subscription], push: PushService
) -> None:
    api, _, _, phone_a, phone_b = coach_on_two_phones
    coach = _w(api).ids["coach"]
    assert (await api.post(f"/api/people/{coach}/revoke", as_="admin")).status_code == 204
    await _client_asks_for_help(api)
    assert (_count(push, phone_a), _count(push, phone_b)) == (1, 1), "the lost phone gets nothing"
    assert await PushSubscription.count().where(PushSubscription.user == coach) == 0


async def test_a_session_past_its_lifetime_gets_nothing_even_before_it_is_deleted(
    coach_on_two_phones: tuple[Api, str, str, Subscription, Subscription],
    push: PushService,
    fake_clock: FakeClock,
) -> None:
    api, _, b_token, phone_a, phone_b = coach_on_two_phones
    # Phone B's session reached its absolute lifetime; nobody has used it since, so no request
    # has deleted it. Phone A's session stays in use.
    await Session.update({Session.expires_at: fake_clock.at - timedelta(minutes=1)}).where(
        Session.id_hash == hash_token(b_token)
    )
    assert (await api.get("/api/me", as_="coach")).status_code == 200
    await _client_asks_for_help(api)
    assert _count(push, phone_b) == 1, "the expired session's phone receives nothing"
    assert _count(push, phone_a) == 2
    # Housekeeping then drops the subscription of the ended session, and only that one.
    await Engine(name="test").housekeeping(fake_clock.at)
    left = await PushSubscription.select(PushSubscription.endpoint)
    assert [r["endpoint"] for r in left] == [phone_a.endpoint]


async def test_signing_in_again_on_the_same_device_moves_its_subscription_to_the_new_session(
    coach_on_two_phones: tuple[Api, str, str, Subscription, Subscription], push: PushService
) -> None:
    api, a_token, _, phone_a, _ = coach_on_two_phones
    c_token = await _second_session(_w(api), "coach")
    # The PWA confirms its subscription on every signed-in start: now under session C.
    again = await api.post("/api/me/push-subscriptions", token=c_token, json=phone_a.as_json())
    assert again.status_code == 201, again.text
    assert (await api.post("/api/signout", token=a_token)).status_code == 204
    await _client_asks_for_help(api)
    assert _count(push, phone_a) == 2, "the earlier session's end does not take the device"
