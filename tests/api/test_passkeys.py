"""Passkey enrollment and sign-in against the real py_webauthn checks (WebAuthn L3)."""

from __future__ import annotations

from datetime import timedelta

from backend.accounts.invitations import setup_link_if_needed
from backend.accounts.tables import Challenge, Passkey, User
from backend.lib.clock import now
from tests.api.conftest import Api
from tests.api.flows import enroll, reverify, session_of, signin, token_of
from tests.support.authenticator import SoftAuthenticator


async def setup_admin(api: Api) -> tuple[SoftAuthenticator, str]:
    url = await setup_link_if_needed()
    assert url is not None
    device = SoftAuthenticator()
    response = await enroll(api, url, device)
    return device, session_of(response)


async def test_first_run_setup_link_makes_the_first_administrator(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url and url.startswith("http://localhost:8000/enroll#")
    device = SoftAuthenticator()
    options = (await api.post("/api/enroll/options", json={"token": token_of(url)})).json()
    assert options["invitee"]["role"] == "admin"
    assert options["publicKey"]["authenticatorSelection"]["residentKey"] == "required"
    assert options["publicKey"]["authenticatorSelection"]["userVerification"] == "required"
    assert options["publicKey"]["attestation"] == "none"
    assert options["publicKey"]["rp"]["id"] == "localhost"
    response = await enroll(api, url, device)
    me = response.json()
    assert me["role"] == "admin"
    assert me["passkeyCount"] == 1
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert len(session_of(response)) >= 22  # ≥ 128 random bits
    assert (await api.get("/api/me", token=session_of(response))).json()["id"] == me["id"]
    # Once there is an administrator there is no setup link any more.
    assert await setup_link_if_needed() is None


async def test_a_link_works_once(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url
    await enroll(api, url, SoftAuthenticator())
    response = await api.post("/api/enroll/options", json={"token": token_of(url)})
    assert response.status_code == 410
    assert response.json()["errors"][0]["field"] == "body.token"
    assert "already been used" in response.json()["errors"][0]["reason"]


async def test_an_expired_link_is_refused(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url
    from backend.accounts.tables import Invitation

    await Invitation.update({Invitation.expires_at: now() - timedelta(seconds=1)}).where(
        Invitation.kind == "setup"
    )
    response = await api.post("/api/enroll/options", json={"token": token_of(url)})
    assert response.status_code == 410
    assert "expired" in response.json()["errors"][0]["reason"]


async def test_an_unknown_link_is_refused(api: Api) -> None:
    response = await api.post("/api/enroll/options", json={"token": "x" * 43})
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "unknown"


async def test_sign_in_with_a_discoverable_passkey(api: Api) -> None:
    device, first = await setup_admin(api)
    options = (await api.post("/api/signin/options")).json()
    assert options["publicKey"]["allowCredentials"] == []  # no user name typed
    response = await signin(api, device)
    assert response.status_code == 200, response.text
    second = session_of(response)
    assert second != first  # a new session id at every sign-in
    passkeys = (await api.get("/api/me/passkeys", token=second)).json()
    assert passkeys[0]["lastUsedAt"] is not None


async def test_a_replayed_challenge_is_refused(api: Api) -> None:
    device, _ = await setup_admin(api)
    options = (await api.post("/api/signin/options")).json()
    credential = device.get(options["publicKey"])
    body = {"challengeId": options["challengeId"], "credential": credential}
    assert (await api.post("/api/signin", json=body)).status_code == 200
    replay = await api.post("/api/signin", json=body)
    assert replay.status_code == 400
    assert replay.json()["errors"][0]["code"] == "challenge_unknown"


async def test_an_expired_challenge_is_refused(api: Api) -> None:
    device, _ = await setup_admin(api)
    options = (await api.post("/api/signin/options")).json()
    await Challenge.update({Challenge.expires_at: now() - timedelta(seconds=1)}).where(
        Challenge.id == options["challengeId"]
    )
    response = await api.post(
        "/api/signin",
        json={
            "challengeId": options["challengeId"],
            "credential": device.get(options["publicKey"]),
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "challenge_expired"


async def test_a_wrong_origin_is_refused(api: Api) -> None:
    device, _ = await setup_admin(api)
    response = await signin(api, device, origin="https://evil.example")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body.credential"


async def test_a_wrong_rp_id_is_refused(api: Api) -> None:
    device, _ = await setup_admin(api)
    response = await signin(api, device, rp_id="evil.example")
    assert response.status_code == 400


async def test_an_unknown_credential_is_refused(api: Api) -> None:
    await setup_admin(api)
    stranger = SoftAuthenticator()
    stranger.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    response = await signin(api, stranger)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "passkey_refused"


async def test_sign_in_without_user_verification_is_refused(api: Api) -> None:
    device, _ = await setup_admin(api)
    device.user_verified = False
    response = await signin(api, device)
    assert response.status_code == 400


async def test_enrollment_without_user_verification_is_refused(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url
    device = SoftAuthenticator(user_verified=False)
    options = (await api.post("/api/enroll/options", json={"token": token_of(url)})).json()
    response = await api.post(
        "/api/enroll",
        json={
            "token": token_of(url),
            "challengeId": options["challengeId"],
            "credential": device.create(options["publicKey"]),
        },
    )
    assert response.status_code == 400
    assert not await User.exists().where(User.role == "admin")
    # The link was not spent on a failed attempt.
    assert (await api.post("/api/enroll/options", json={"token": token_of(url)})).status_code == 200


async def test_enrollment_from_another_origin_is_refused(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url
    device = SoftAuthenticator(origin="http://localhost:9999")
    options = (await api.post("/api/enroll/options", json={"token": token_of(url)})).json()
    response = await api.post(
        "/api/enroll",
        json={
            "token": token_of(url),
            "challengeId": options["challengeId"],
            "credential": device.create(options["publicKey"]),
        },
    )
    assert response.status_code == 400


async def test_a_counter_that_goes_backwards_is_logged_not_refused(api: Api, caplog) -> None:  # type: ignore[no-untyped-def]
    device, _ = await setup_admin(api)
    assert (await signin(api, device)).status_code == 200
    device.credentials[-1].sign_count = 0  # a synced passkey reports 0
    device.count_signatures = False
    device.credentials[-1].sign_count = 0
    await Passkey.update({Passkey.sign_count: 5}).where(Passkey.id.is_not_null())
    device.credentials[-1].sign_count = 3
    response = await signin(api, device)
    assert response.status_code == 200
    assert "went backwards" in caplog.text


async def test_add_a_second_passkey_then_remove_the_first(api: Api) -> None:
    phone, session = await setup_admin(api)
    assert (await reverify(api, phone, session)).status_code == 204
    options = (await api.post("/api/me/passkeys/options", token=session)).json()
    # The passkey already registered is excluded, so one device can't register twice.
    assert len(options["publicKey"]["excludeCredentials"]) == 1
    tablet = SoftAuthenticator()
    added = await api.post(
        "/api/me/passkeys",
        token=session,
        json={
            "challengeId": options["challengeId"],
            "credential": tablet.create(options["publicKey"]),
            "name": "Tablet",
        },
    )
    assert added.status_code == 201, added.text
    passkeys = (await api.get("/api/me/passkeys", token=session)).json()
    assert [p["name"] for p in passkeys] == ["My phone", "Tablet"]
    renamed = await api.patch(
        f"/api/me/passkeys/{passkeys[0]['id']}", token=session, json={"name": "Old phone"}
    )
    assert renamed.json()["name"] == "Old phone"
    assert (
        await api.delete(f"/api/me/passkeys/{passkeys[0]['id']}", token=session)
    ).status_code == 204
    # The removed passkey no longer signs in; the new one does.
    assert (await signin(api, phone)).status_code == 400
    assert (await signin(api, tablet)).status_code == 200
    last = await api.delete(f"/api/me/passkeys/{passkeys[1]['id']}", token=session)
    assert last.status_code == 409
    assert "only passkey" in last.json()["title"]
    assert last.json()["code"] == "last_passkey"


async def test_sign_out_and_sign_out_everywhere(api: Api) -> None:
    device, first = await setup_admin(api)
    second = session_of(await signin(api, device))
    third = session_of(await signin(api, device))
    out = await api.post("/api/signout", token=first)
    assert out.status_code == 204
    assert out.headers["clear-site-data"] == '"cache", "storage"'
    assert (await api.get("/api/me", token=first)).status_code == 401
    assert (await api.get("/api/me", token=second)).status_code == 200
    assert (await reverify(api, device, second)).status_code == 204
    assert (await api.post("/api/signout-everywhere", token=second)).status_code == 204
    assert (await api.get("/api/me", token=second)).status_code == 401
    assert (await api.get("/api/me", token=third)).status_code == 401


async def test_idle_sessions_expire(api: Api) -> None:
    from backend.accounts.tables import Session

    _, session = await setup_admin(api)
    await Session.update({Session.last_seen_at: now() - timedelta(days=30)}).where(
        Session.id_hash.is_not_null()
    )
    assert (await api.get("/api/me", token=session)).status_code == 401


async def test_recovery_link_adds_a_passkey_to_the_same_person(world_api: Api) -> None:
    api = world_api
    assert api.world
    alice = api.world.ids["client"]
    made = await api.post(f"/api/people/{alice}/recovery", as_="coach", json={"delivery": "qr"})
    assert made.status_code == 201
    invitation = made.json()
    assert invitation["qrSvg"].startswith("<svg")
    assert (
        timedelta(minutes=14)
        < _parse(invitation["expiresAt"]) - _parse(invitation["createdAt"])
        <= timedelta(minutes=15)
    )
    new_phone = SoftAuthenticator()
    response = await enroll(api, invitation["url"], new_phone, name="New phone")
    assert response.json()["id"] == alice
    assert response.json()["passkeyCount"] == 2
    # The old passkey can then be removed by the person.
    session = session_of(response)
    passkeys = (await api.get("/api/me/passkeys", token=session)).json()
    old = next(p for p in passkeys if p["name"] != "New phone")
    # Confirmed with the new passkey: the lost phone is not needed for the step-up.
    assert (await reverify(api, new_phone, session)).status_code == 204
    assert (await api.delete(f"/api/me/passkeys/{old['id']}", token=session)).status_code == 204


async def test_an_administrator_revokes_all_passkeys_and_sessions(world_api: Api) -> None:
    api = world_api
    assert api.world
    coach = api.world.ids["coach"]
    assert (await api.post(f"/api/people/{coach}/revoke", as_="admin")).status_code == 204
    assert (await api.get("/api/me", as_="coach")).status_code == 401
    assert await Passkey.count().where(Passkey.user == coach) == 0


def _parse(value: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00"))
