"""A session alone cannot take over an account.

Adding or removing a passkey and signing out everywhere ask for a fresh step-up: an assertion
with one of the account's own passkeys, user verification required, made in the last five
minutes in this very session. Every added or removed passkey is announced on the person's
devices with a neutral push."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from backend.accounts.invitations import setup_link_if_needed
from tests.api.conftest import Api
from tests.api.flows import enroll, reverify, session_of, signin
from tests.api.test_reminders import _Inbox, smtp  # noqa: F401 (the SMTP fixture)
from tests.support.authenticator import SoftAuthenticator
from tests.support.clock import FakeClock, install
from tests.support.push_service import PushService


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
async def push(fake_clock: FakeClock) -> AsyncIterator[PushService]:
    service = await PushService(clock=fake_clock).start()
    yield service
    await service.stop()


async def _admin(api: Api) -> tuple[SoftAuthenticator, str]:
    url = await setup_link_if_needed()
    assert url is not None
    device = SoftAuthenticator()
    return device, session_of(await enroll(api, url, device))


async def _add(api: Api, session: str, device: SoftAuthenticator) -> Any:
    options = await api.post("/api/me/passkeys/options", token=session)
    if options.status_code != 200:
        return options
    body = options.json()
    return await api.post(
        "/api/me/passkeys",
        token=session,
        json={
            "challengeId": body["challengeId"],
            "credential": device.create(body["publicKey"]),
            "name": "Tablet",
        },
    )


def _needs_reverify(response: Any) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "reverify_needed"


async def test_a_session_alone_cannot_add_remove_or_sign_out_everywhere(
    api: Api, fake_clock: FakeClock
) -> None:
    _, session = await _admin(api)
    # The attacker holds the cookie of a session that signed in long ago, not the passkey.
    _needs_reverify(await api.post("/api/me/passkeys/options", token=session))
    _needs_reverify(
        await api.post(
            "/api/me/passkeys", token=session, json={"challengeId": "x", "credential": {}}
        )
    )
    passkey = (await api.get("/api/me/passkeys", token=session)).json()[0]
    _needs_reverify(await api.delete(f"/api/me/passkeys/{passkey['id']}", token=session))
    _needs_reverify(await api.post("/api/signout-everywhere", token=session))
    assert len((await api.get("/api/me/passkeys", token=session)).json()) == 1
    assert (await api.get("/api/me", token=session)).status_code == 200


async def test_with_a_fresh_step_up_the_person_adds_removes_and_signs_out_everywhere(
    api: Api, fake_clock: FakeClock
) -> None:
    phone, session = await _admin(api)
    other = session_of(await signin(api, phone))
    options = (await api.post("/api/me/reverify/options", token=session)).json()
    # Only this account's passkeys are offered, and the person must be verified.
    assert options["publicKey"]["userVerification"] == "required"
    assert [c["id"] for c in options["publicKey"]["allowCredentials"]] == [
        phone.get(options["publicKey"])["id"]
    ]
    assert (await reverify(api, phone, session)).status_code == 204
    tablet = SoftAuthenticator()
    added = await _add(api, session, tablet)
    assert added.status_code == 201, added.text
    passkeys = (await api.get("/api/me/passkeys", token=session)).json()
    old = next(p for p in passkeys if p["id"] != added.json()["id"])
    assert (await api.delete(f"/api/me/passkeys/{old['id']}", token=session)).status_code == 204
    # The step-up belongs to its session: the other one is still asked.
    _needs_reverify(await api.post("/api/signout-everywhere", token=other))
    assert (await api.post("/api/signout-everywhere", token=session)).status_code == 204
    assert (await api.get("/api/me", token=other)).status_code == 401


async def test_a_step_up_older_than_five_minutes_is_refused(
    api: Api, fake_clock: FakeClock
) -> None:
    phone, session = await _admin(api)
    assert (await reverify(api, phone, session)).status_code == 204
    fake_clock.advance(minutes=4)
    assert (await api.post("/api/me/passkeys/options", token=session)).status_code == 200
    fake_clock.advance(minutes=1, seconds=1)
    _needs_reverify(await api.post("/api/me/passkeys/options", token=session))
    _needs_reverify(await api.post("/api/signout-everywhere", token=session))


async def test_a_step_up_without_user_verification_or_with_a_foreign_passkey_is_refused(
    api: Api, fake_clock: FakeClock
) -> None:
    phone, session = await _admin(api)
    phone.user_verified = False
    refused = await reverify(api, phone, session)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "body.credential"
    phone.user_verified = True
    # A passkey the account does not have (the attacker's own) does not count.
    stranger = SoftAuthenticator()
    options = (await api.post("/api/me/reverify/options", token=session)).json()
    stranger.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    refused = await api.post(
        "/api/me/reverify",
        token=session,
        json={
            "challengeId": options["challengeId"],
            "credential": stranger.get(options["publicKey"]),
        },
    )
    assert refused.status_code == 400
    _needs_reverify(await api.post("/api/me/passkeys/options", token=session))


async def test_an_added_or_removed_passkey_is_announced_on_the_persons_devices(
    api: Api,
    fake_clock: FakeClock,
    push: PushService,
    smtp: _Inbox,  # noqa: F811 (the fixture imported above)
) -> None:
    phone, session = await _admin(api)
    sub = push.subscribe()
    answer = await api.post("/api/me/push-subscriptions", token=session, json=sub.as_json())
    assert answer.status_code == 201, answer.text
    email = {"email": "me@example.org"}
    assert (await api.patch("/api/me/notifications", token=session, json=email)).is_success
    assert (await reverify(api, phone, session)).status_code == 204
    added = await _add(api, session, SoftAuthenticator())
    assert added.status_code == 201, added.text
    assert (
        await api.delete(f"/api/me/passkeys/{added.json()['id']}", token=session)
    ).status_code == 204
    messages = push.for_subscription(sub)
    assert [m.payload["kind"] for m in messages if m.payload] == [
        "passkeys_changed",
        "passkeys_changed",
    ]
    for message in messages:
        assert message.payload is not None
        assert set(message.payload) == {"kind", "id", "url", "title", "tag"}
        text = (message.plaintext or b"").decode()
        assert "Tablet" not in text and "Administrator" not in text
    # And by e-mail, where the person gave an address: the same neutral words.
    assert [to for _, to, _ in smtp.messages] == [["me@example.org"], ["me@example.org"]]
    assert all(b"Tablet" not in content for _, _, content in smtp.messages)


async def test_the_first_passkey_through_an_enrollment_link_needs_no_step_up(
    api: Api, fake_clock: FakeClock
) -> None:
    url = await setup_link_if_needed()
    assert url is not None
    response = await enroll(api, url, SoftAuthenticator())
    assert response.json()["passkeyCount"] == 1
