"""Reminders end to end under a controlled clock: rules set through the API, the engine
planning and sending, a push service on loopback that checks VAPID and decrypts every message
(tests/support/push_service.py), the e-mail fallback through a real SMTP server on loopback."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from backend import settings as config
from backend.lib.tables import ServerSecret
from backend.reminders import kinds as kinds_module
from backend.reminders import planning, webpush
from backend.reminders.engine import Engine
from backend.reminders.tables import Delivery, PushSubscription
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import coaching
from tests.support.clock import FakeClock, install
from tests.support.push_service import PushService, Subscription
from tests.support.world import World

# Monday 30 November 2026, 06:00 in Helsinki (UTC+2); Alice works Mondays 08:00–12:00.
MONDAY_6 = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, MONDAY_6)


@pytest.fixture
async def push(fake_clock: FakeClock) -> AsyncIterator[PushService]:
    service = await PushService(clock=fake_clock).start()
    yield service
    await service.stop()


@pytest.fixture
async def engine() -> AsyncIterator[Engine]:
    e = Engine(name="test-engine", interval=0.01)
    yield e
    await e.close()


async def _subscribe(api: Api, sub: Subscription, as_: str = "client") -> dict[str, Any]:
    answer = await api.post("/api/me/push-subscriptions", as_=as_, json=sub.as_json())
    assert answer.status_code == 201, answer.text
    device: dict[str, Any] = answer.json()
    return device


async def _shift(api: Api, **extra: Any) -> dict[str, Any]:
    answer = await api.post(
        f"/api/clients/{_w(api).ids['client']}/shifts",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "workplace": "Hotel Aurora",
            "zone": "Europe/Helsinki",
            "startsAt": "08:00",
            "endsAt": "12:00",
            "weekdays": [1],
            "fromDate": "2026-11-30",
            **extra,
        },
    )
    assert answer.status_code == 201, answer.text
    shift: dict[str, Any] = answer.json()
    return shift


async def _rule(api: Api, as_: str = "coach", **body: Any) -> dict[str, Any]:
    answer = await api.post(
        f"/api/clients/{_w(api).ids['client']}/reminders",
        as_=as_,
        json={"localId": coaching.new_id(), **body},
    )
    assert answer.status_code == 201, answer.text
    rule: dict[str, Any] = answer.json()
    return rule


async def _until_quiet(engine: Engine) -> None:
    while await engine.tick():
        pass


async def test_reminders_arrive_with_the_right_content_at_the_right_instant(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    alice = push.subscribe()
    device = await _subscribe(world_api, alice)
    assert set(device) == {
        "id",
        "deviceLabel",
        "pushService",
        "createdAt",
        "seenAt",
        "lastSuccessAt",
    }
    await _shift(world_api)
    await _rule(world_api, kind="shift_prepare")  # 60 minutes before: 07:00 local
    await _rule(world_api, as_="client", kind="shift_leave", minutesBefore=20)  # 07:40 local

    fake_clock.set(datetime(2026, 11, 30, 4, 59, 59, tzinfo=UTC))
    await _until_quiet(engine)
    assert push.messages == []
    fake_clock.set(datetime(2026, 11, 30, 5, 0, tzinfo=UTC))  # 07:00 in Helsinki
    await _until_quiet(engine)
    assert len(push.messages) == 1
    first = push.messages[0]
    assert first.clock_at == datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
    assert first.payload is not None
    assert first.payload["kind"] == "shift_prepare"
    assert first.payload["title"] == "Time to get ready for work"
    assert first.payload["url"] == "/"
    assert set(first.payload) == {"kind", "id", "url", "title", "tag"}
    assert (first.urgency, first.ttl) == ("high", 3600)
    assert first.topic == f"r{first.payload['id']}"

    fake_clock.set(datetime(2026, 11, 30, 5, 39, tzinfo=UTC))
    await _until_quiet(engine)
    assert len(push.messages) == 1
    fake_clock.set(datetime(2026, 11, 30, 5, 40, tzinfo=UTC))
    await _until_quiet(engine)
    assert [m.payload["kind"] for m in push.messages if m.payload] == [
        "shift_prepare",
        "shift_leave",
    ]
    assert (
        push.messages[1].payload and push.messages[1].payload["title"] == "Time to leave for work"
    )

    # A week later the same two, once each, and never again for the first Monday.
    for at in (datetime(2026, 12, 7, 5, 0, tzinfo=UTC), datetime(2026, 12, 7, 5, 40, tzinfo=UTC)):
        fake_clock.set(at)
        for _ in range(3):
            await _until_quiet(engine)
    assert len(push.messages) == 4
    rows = await Delivery.select(Delivery.status, Delivery.occurrence_at).order_by(
        Delivery.occurrence_at
    )
    assert [r["status"] for r in rows] == ["sent"] * 4
    assert [r["occurrence_at"] for r in rows] == [
        datetime(2026, 11, 30, 5, 0, tzinfo=UTC),
        datetime(2026, 11, 30, 5, 40, tzinfo=UTC),
        datetime(2026, 12, 7, 5, 0, tzinfo=UTC),
        datetime(2026, 12, 7, 5, 40, tzinfo=UTC),
    ]
    devices = (await world_api.get("/api/me/push-subscriptions", as_="client")).json()
    assert devices[0]["lastSuccessAt"] is not None and devices[0]["pushService"] == "127.0.0.1"


async def test_cancelled_dates_moved_shifts_and_switched_off_rules(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    await _subscribe(world_api, push.subscribe())
    shift = await _shift(world_api)
    rule = await _rule(world_api, kind="shift_prepare", minutesBefore=30)
    await _until_quiet(engine)  # planned for 07:30 today
    cancelled = await world_api.post(
        f"/api/shifts/{shift['id']}/exceptions",
        as_="coach",
        json={"date": "2026-11-30", "reason": "sick"},
    )
    assert cancelled.status_code == 200
    fake_clock.set(datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    await _until_quiet(engine)
    assert push.messages == []  # a sick day: no reminder

    fake_clock.set(datetime(2026, 12, 7, 4, 0, tzinfo=UTC))
    moved = await world_api.patch(
        f"/api/shifts/{shift['id']}", as_="coach", json={"startsAt": "09:00"}
    )
    assert moved.status_code == 200
    await _until_quiet(engine)
    fake_clock.set(datetime(2026, 12, 7, 5, 30, tzinfo=UTC))  # 07:30: the old time
    await _until_quiet(engine)
    assert push.messages == []
    fake_clock.set(datetime(2026, 12, 7, 6, 30, tzinfo=UTC))  # 08:30: 30 minutes before 09:00
    await _until_quiet(engine)
    assert len(push.messages) == 1

    off = await world_api.patch(
        f"/api/reminders/{rule['id']}", as_="client", json={"enabled": False}
    )
    assert off.json()["enabled"] is False
    fake_clock.set(datetime(2026, 12, 14, 7, 0, tzinfo=UTC))
    await _until_quiet(engine)
    assert len(push.messages) == 1


async def test_a_gone_subscription_is_removed_and_a_busy_service_is_retried(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    gone = push.subscribe(answer=410)
    busy = push.subscribe(answer=429)
    busy.retry_after = "120"
    await _subscribe(world_api, gone)
    await _subscribe(world_api, busy, as_="client")
    await _shift(world_api)
    await _rule(world_api, kind="shift_prepare")
    fake_clock.set(datetime(2026, 11, 30, 5, 0, tzinfo=UTC))
    await _until_quiet(engine)
    devices = (await world_api.get("/api/me/push-subscriptions", as_="client")).json()
    assert len(devices) == 1  # the 410 one is gone
    assert await PushSubscription.count().where(PushSubscription.endpoint == gone.endpoint) == 0
    row = await Delivery.select().first()
    assert row is not None
    assert (row["status"], row["attempts"], row["last_status"]) == ("pending", 1, 429)
    assert row["due_at"] == datetime(2026, 11, 30, 5, 2, tzinfo=UTC)  # Retry-After: 120

    busy.answer, busy.retry_after = 500, None
    fake_clock.set(datetime(2026, 11, 30, 5, 2, tzinfo=UTC))
    await _until_quiet(engine)
    row = await Delivery.select().first()
    assert row is not None and (row["status"], row["attempts"]) == ("pending", 2)
    assert row["due_at"] == datetime(2026, 11, 30, 5, 3, tzinfo=UTC)  # backoff: 30 s · 2

    busy.answer = 201
    fake_clock.set(datetime(2026, 11, 30, 5, 3, tzinfo=UTC))
    await _until_quiet(engine)
    row = await Delivery.select().first()
    assert row is not None and (row["status"], row["attempts"], row["devices"]) == ("sent", 3, 1)
    assert len(push.for_subscription(busy)) == 1 and push.for_subscription(gone) == []


async def test_quiet_hours_defer_to_their_end(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    w = _w(world_api)
    await _subscribe(world_api, push.subscribe())
    quiet = await world_api.request(
        "PUT",
        f"/api/clients/{w.ids['client']}/quiet-hours",
        as_="client",
        json={"start": "21:00", "end": "07:15", "zone": "Europe/Helsinki"},
    )
    assert quiet.json()["quietHours"] == {
        "start": "21:00",
        "end": "07:15",
        "zone": "Europe/Helsinki",
    }
    # An empty zone means each reminder's own zone; a made-up one is refused by name.
    url = f"/api/clients/{w.ids['client']}/quiet-hours"
    each = await world_api.request(
        "PUT", url, as_="client", json={"start": "22:00", "end": "07:00", "zone": ""}
    )
    assert each.status_code == 200 and each.json()["quietHours"]["zone"] == ""
    unknown = await world_api.request(
        "PUT", url, as_="client", json={"start": "22:00", "end": "07:00", "zone": "Mars/Olympus"}
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.zone"
    quiet = await world_api.request(
        "PUT", url, as_="client", json={"start": "21:00", "end": "07:15", "zone": "Europe/Helsinki"}
    )
    assert quiet.status_code == 200
    await _shift(world_api)
    await _rule(world_api, kind="shift_prepare")  # 07:00 falls in the quiet hours
    goal = await world_api.post(
        f"/api/clients/{w.ids['client']}/goals",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "title": "Arrive on time",
            "means": ["Take the 7:15 bus"],
            "startsOn": "2026-11-30",
            "endsOn": "2026-12-14",
            "levels": {"expected": "I arrive on time every day."},
        },
    )
    assert goal.status_code == 201
    await _rule(world_api, kind="goal_checkin", weekday=1, at="21:30", zone="Europe/Helsinki")

    fake_clock.set(datetime(2026, 11, 30, 5, 0, tzinfo=UTC))  # 07:00
    await _until_quiet(engine)
    assert push.messages == []
    fake_clock.set(datetime(2026, 11, 30, 5, 15, tzinfo=UTC))  # 07:15: the end of the quiet hours
    await _until_quiet(engine)
    assert [m.payload["kind"] for m in push.messages if m.payload] == ["shift_prepare"]
    fake_clock.set(datetime(2026, 11, 30, 19, 30, tzinfo=UTC))  # 21:30: quiet again
    await _until_quiet(engine)
    assert len(push.messages) == 1
    fake_clock.set(datetime(2026, 12, 1, 5, 15, tzinfo=UTC))  # Tuesday 07:15
    await _until_quiet(engine)
    assert [m.payload["kind"] for m in push.messages if m.payload] == [
        "shift_prepare",
        "goal_checkin",
    ]
    assert push.messages[1].payload and push.messages[1].payload["url"] == "/goals"


async def test_coach_and_conversation_reminders_fire_only_with_something_to_say(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    w = _w(world_api)
    ada = push.subscribe()
    await _subscribe(world_api, ada, as_="coach")
    alice = push.subscribe()
    await _subscribe(world_api, alice, as_="client")
    digest = await world_api.post(
        "/api/me/reminders",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "kind": "coach",
            "at": "08:30",
            "zone": "Europe/Helsinki",
        },
    )
    assert digest.status_code == 201
    await _rule(world_api, kind="conversation", weekday=1, at="09:00", zone="Europe/Helsinki")
    fake_clock.set(datetime(2026, 11, 30, 6, 30, tzinfo=UTC))  # 08:30: Alice has never had one
    await _until_quiet(engine)
    assert [m.payload["kind"] for m in push.for_subscription(ada) if m.payload] == ["coach"]
    assert push.for_subscription(alice) == []
    fake_clock.set(datetime(2026, 11, 30, 7, 0, tzinfo=UTC))  # 09:00
    await _until_quiet(engine)
    assert [m.payload["kind"] for m in push.for_subscription(alice) if m.payload] == [
        "conversation"
    ]
    conversation = await world_api.post(
        f"/api/clients/{w.ids['client']}/conversations",
        as_="coach",
        json={"localId": coaching.new_id()},
    )
    assert conversation.status_code == 201
    for day in range(1, 8):  # the next week: the conversation was held, no goal is ending
        for hour, minute in ((6, 30), (7, 0)):
            fake_clock.set(datetime(2026, 11, 30, hour, minute, tzinfo=UTC) + timedelta(days=day))
            await _until_quiet(engine)
    assert len(push.for_subscription(ada)) == 1
    assert len(push.for_subscription(alice)) == 1


async def test_send_me_a_test_notification(
    world_api: Api, fake_clock: FakeClock, push: PushService
) -> None:
    nothing = (await world_api.post("/api/me/push-test", as_="client")).json()
    assert nothing == {"devices": 0, "delivered": 0, "removed": 0, "emailed": False}
    phone, laptop = push.subscribe(), push.subscribe(answer=404)
    await _subscribe(world_api, phone)
    await _subscribe(world_api, laptop)
    result = (await world_api.post("/api/me/push-test", as_="client")).json()
    assert result == {"devices": 2, "delivered": 1, "removed": 1, "emailed": False}
    message = push.for_subscription(phone)[0]
    assert message.payload and message.payload["kind"] == "test"
    assert (message.urgency, message.ttl) == ("high", 300)
    off = await world_api.delete(
        "/api/me/push-subscriptions", as_="client", json={"endpoint": phone.endpoint}
    )
    assert off.status_code == 204
    assert (await world_api.get("/api/me/push-subscriptions", as_="client")).json() == []


async def test_subscriptions_are_checked_and_follow_the_device(
    world_api: Api, fake_clock: FakeClock, push: PushService
) -> None:
    sub = push.subscribe()
    elsewhere = {**sub.as_json(), "endpoint": "https://push.example.net/x/123"}
    refused = await world_api.post("/api/me/push-subscriptions", as_="client", json=elsewhere)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.endpoint"
    bad_keys = {**sub.as_json(), "keys": {"p256dh": "A" * 87, "auth": "B" * 22}}
    refused = await world_api.post("/api/me/push-subscriptions", as_="client", json=bad_keys)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.keys"
    first = await _subscribe(world_api, sub)
    fake_clock.advance(days=3)
    again = await _subscribe(world_api, sub)  # the PWA confirms on start: same device
    assert again["id"] == first["id"] and again["seenAt"] > first["seenAt"]
    moved = await _subscribe(world_api, sub, as_="other_client")  # the phone changed hands
    assert moved["id"] == first["id"]
    assert (await world_api.get("/api/me/push-subscriptions", as_="client")).json() == []
    listed = await world_api.get("/api/me/notifications", as_="other_client")
    assert (
        "keys" not in listed.text
        and sub.endpoint not in listed.text
        and sub.p256dh not in listed.text
    )

    # Unconfirmed for push_unused_days: dropped by the engine's housekeeping.
    fake_clock.advance(days=get_settings().push_unused_days + 1)
    e = Engine(name="housekeeper")
    await e.housekeeping(fake_clock())
    await e.close()
    assert await PushSubscription.count() == 0


async def test_the_vapid_key_is_made_once_and_kept_private(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webpush, "_loaded", None)  # this process has not read it yet
    # Other tests of the session may leave a sample secret file in the shared data folder.
    folder_key = get_settings().data_dir / "secrets" / "vapid-private-key"
    was_there = folder_key.exists()
    answer = (await world_api.get("/api/push/vapid-public-key")).json()
    key = webpush.unb64url(answer["publicKey"])
    assert len(key) == 65 and key[0] == 4
    # Kept in the database for every server (tests/api/test_vapid_shared.py), not in a folder.
    assert await ServerSecret.count().where(ServerSecret.name == "vapid-private-key") == 1
    assert folder_key.exists() == was_there  # reading it writes no file
    assert (await world_api.get("/api/push/vapid-public-key")).json() == answer


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Any:
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    with_smtp = dataclasses.replace(
        get_settings(), smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False
    )
    monkeypatch.setattr(config, "get_settings", lambda: with_smtp)
    yield inbox
    controller.stop()


async def test_email_when_no_device_has_notifications_on(
    world_api: Api, fake_clock: FakeClock, engine: Engine, smtp: _Inbox
) -> None:
    no_address = (await world_api.post("/api/me/push-test", as_="client")).json()
    assert no_address["emailed"] is False
    bad = await world_api.patch(
        "/api/me/notifications", as_="client", json={"email": "not an address"}
    )
    assert bad.status_code == 400
    saved = await world_api.patch(
        "/api/me/notifications", as_="client", json={"email": "alice@example.org"}
    )
    assert saved.json()["email"] == "alice@example.org" and saved.json()["hasEmail"] is True
    coach_view = (
        await world_api.get(f"/api/clients/{_w(world_api).ids['client']}/reminders", as_="coach")
    ).json()
    assert coach_view["hasEmail"] is True and coach_view["email"] is None  # hers alone

    await _shift(world_api)
    await _rule(world_api, kind="shift_prepare")
    fake_clock.set(datetime(2026, 11, 30, 5, 0, tzinfo=UTC))
    await _until_quiet(engine)
    await asyncio.sleep(0.05)
    assert len(smtp.messages) == 1
    sender, recipients, content = smtp.messages[0]
    assert recipients == ["alice@example.org"] and sender == get_settings().mail_from
    mail = message_from_bytes(content)
    assert mail["Subject"] == "Stepwise: Time to get ready"
    body = mail.get_payload()
    assert isinstance(body, str) and "Time to get ready for work" in body
    assert "Alice" not in content.decode() and "Hotel Aurora" not in content.decode()
    row = await Delivery.select(Delivery.status).where(Delivery.kind == "shift_prepare").first()
    assert row is not None and row["status"] == "emailed"
    tested = (await world_api.post("/api/me/push-test", as_="client")).json()
    assert tested == {"devices": 0, "delivered": 0, "removed": 0, "emailed": True}
    assert len(smtp.messages) == 2


async def test_no_push_payload_carries_a_name_a_goal_or_a_workplace(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    w = _w(world_api)
    ada = push.subscribe()
    await _subscribe(world_api, ada, as_="coach")
    await _subscribe(world_api, push.subscribe())
    await world_api.post(
        "/api/me/reminders",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "kind": "coach",
            "at": "06:30",
            "zone": "Europe/Helsinki",
        },
    )
    await _shift(world_api, workplace="Psychiatric Day Centre Kivelä")
    await _rule(world_api, kind="shift_prepare")
    await _rule(world_api, kind="shift_leave", minutesBefore=10)
    await _rule(world_api, kind="goal_checkin", at="07:10", zone="Europe/Helsinki")
    await _rule(world_api, kind="conversation", at="07:20", zone="Europe/Helsinki")
    await world_api.post(
        f"/api/clients/{w.ids['client']}/goals",
        as_="coach",
        json={
            "localId": coaching.new_id(),
            "title": "Take my medication before the shift",
            "means": ["Tell Ada about the anxiety"],
            "startsOn": "2026-11-23",
            "endsOn": "2026-12-01",
            "levels": {"expected": "I take it before every shift."},
        },
    )
    await world_api.post("/api/me/push-test", as_="client")
    for minutes in range(0, 240, 5):
        fake_clock.set(MONDAY_6 + timedelta(minutes=minutes))
        await _until_quiet(engine)
    kinds = {m.payload["kind"] for m in push.messages if m.payload}
    assert kinds == {
        "test",
        "coach",
        "shift_prepare",
        "shift_leave",
        "goal_checkin",
        "conversation",
    }
    forbidden = [
        "Alice",
        "Client",
        "Ada",
        "Bob",
        "Kivelä",
        "Psychiatric",
        "medication",
        "anxiety",
        "Take my",
        w.ids["client"],
        w.ids["coach"],
    ]
    for message in push.messages:
        assert message.plaintext is not None and len(message.plaintext) <= 1024
        text = message.plaintext.decode()
        for word in forbidden:
            assert word not in text, (word, text)
    too_big = b"x" * (webpush.MAX_PLAINTEXT + 1)
    with pytest.raises(webpush.PayloadTooLarge):
        webpush.encrypt(too_big, webpush.unb64url(ada.p256dh), ada.auth)
    assert kinds_module.PAYLOAD_LIMIT <= 1024


async def test_a_process_that_forgot_the_planners_sources_fails_loudly(
    world_api: Api, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a shift reminder is about comes from the shifts domain through a source wired in
    ``backend/app.py``; a process that did not wire it must not quietly plan nothing."""
    await _shift(world_api)
    await _rule(world_api, kind="shift_prepare", minutesBefore=30)
    monkeypatch.setattr(planning, "_starts", {})
    with pytest.raises(LookupError, match="shift_prepare"):
        await planning.client_changed(_w(world_api).ids["client"])


async def test_time_to_start_comes_as_the_shift_starts_and_the_day_names_its_job(
    world_api: Api, fake_clock: FakeClock, push: PushService, engine: Engine
) -> None:
    from tests.support.employers import build_employers

    await build_employers(_w(world_api))
    job = _w(world_api).ids["job"]
    await _subscribe(world_api, push.subscribe())
    await _shift(world_api, jobId=job)
    # "Time to start" has no time to choose: whatever is sent, it comes at the start.
    rule = await _rule(world_api, as_="client", kind="shift_start", minutesBefore=30)
    assert rule["minutesBefore"] == 0
    changed = await world_api.patch(
        f"/api/reminders/{rule['id']}", as_="client", json={"minutesBefore": 45}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["minutesBefore"] == 0

    fake_clock.set(datetime(2026, 11, 30, 5, 59, 59, tzinfo=UTC))
    await _until_quiet(engine)
    assert push.messages == []
    fake_clock.set(datetime(2026, 11, 30, 6, 0, tzinfo=UTC))  # 08:00 in Helsinki
    await _until_quiet(engine)
    assert [m.payload for m in push.messages] == [
        {
            "kind": "shift_start",
            "id": push.messages[0].payload and push.messages[0].payload["id"],
            "url": "/",
            "title": "Time to start work",
            "tag": push.messages[0].payload and push.messages[0].payload["tag"],
        }
    ]

    # The home opens on the day: the shift under way and the tasks name their job, so the
    # workplace's tasks come first.
    task = await world_api.post(
        f"/api/clients/{_w(world_api).ids['client']}/tasks",
        as_="coach",
        json={"title": "Set the tables", "workplace": "Hotel Aurora", "jobId": job},
    )
    assert task.status_code == 201, task.text
    day = (await world_api.get("/api/me/day", as_="client")).json()
    assert [(s["workplace"], s["jobId"]) for s in day["shifts"][:1]] == [("Hotel Aurora", job)]
    assert {t["summary"]["title"]: t["summary"]["jobId"] for t in day["tasks"]} == {
        "Set the tables": job
    }
