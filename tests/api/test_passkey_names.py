"""A new passkey is named after its authenticator (AAGUID) or the browser and platform it was
made on; the person can rename it (1–60 characters, trimmed)."""

from __future__ import annotations

import uuid
from typing import Any

from backend.accounts.invitations import setup_link_if_needed
from tests.api.conftest import Api
from tests.api.flows import reverify, session_of, token_of
from tests.support.authenticator import SoftAuthenticator

GOOGLE_PASSWORD_MANAGER = "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"
ANDROID_CHROME = {
    "user-agent": (
        "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36"
    ),
    "sec-ch-ua": '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    "sec-ch-ua-mobile": "?1",
    "sec-ch-ua-platform": '"Android"',
}
IPHONE_SAFARI = {
    "user-agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
    ),
    "accept-language": "fi-FI,fi;q=0.9",
}


async def _enroll(api: Api, device: SoftAuthenticator, headers: dict[str, str]) -> str:
    url = await setup_link_if_needed()
    assert url is not None
    token = token_of(url)
    options = (await api.post("/api/enroll/options", json={"token": token})).json()
    body = {
        "token": token,
        "challengeId": options["challengeId"],
        "credential": device.create(options["publicKey"]),
    }  # no passkeyName: the server names it
    response = await api.post("/api/enroll", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return session_of(response)


async def _add(api: Api, session: str, device: SoftAuthenticator, headers: dict[str, str]) -> Any:
    options = (await api.post("/api/me/passkeys/options", token=session)).json()
    credential = device.create(options["publicKey"])
    body = {"challengeId": options["challengeId"], "credential": credential}
    return await api.post("/api/me/passkeys", token=session, json=body, headers=headers)


async def test_a_known_authenticator_is_named_by_its_aaguid(api: Api) -> None:
    device = SoftAuthenticator(aaguid=uuid.UUID(GOOGLE_PASSWORD_MANAGER).bytes)
    session = await _enroll(api, device, ANDROID_CHROME)
    passkeys = (await api.get("/api/me/passkeys", token=session)).json()
    assert [p["name"] for p in passkeys] == ["Google Password Manager"]


async def test_a_blank_aaguid_is_named_by_the_browser_and_platform(api: Api) -> None:
    phone = SoftAuthenticator()
    session = await _enroll(api, phone, ANDROID_CHROME)
    assert (await reverify(api, phone, session)).status_code == 204
    # Another, from an iPhone, for a person reading Finnish; an unlisted AAGUID is like none.
    unlisted = SoftAuthenticator(aaguid=uuid.UUID("01020304-0506-0708-0102-030405060708").bytes)
    added = await _add(api, session, unlisted, IPHONE_SAFARI)
    assert added.status_code == 201, added.text
    assert added.json()["name"] == "Safari, iPhone"
    passkeys = (await api.get("/api/me/passkeys", token=session)).json()
    assert [p["name"] for p in passkeys] == ["Chrome on Android", "Safari, iPhone"]


async def test_renaming_trims_and_refuses_an_empty_or_too_long_name(api: Api) -> None:
    session = await _enroll(api, SoftAuthenticator(), ANDROID_CHROME)
    passkey = (await api.get("/api/me/passkeys", token=session)).json()[0]
    path = f"/api/me/passkeys/{passkey['id']}"
    renamed = await api.patch(path, token=session, json={"name": "  Work phone  "})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Work phone"
    for name, reason in (
        ("   ", "Give the passkey a name of 1 to 60 characters."),
        ("", "This cannot be empty."),
        ("x" * 61, "This is too long: 60 characters at most."),
    ):
        refused = await api.patch(path, token=session, json={"name": name})
        assert refused.status_code in (400, 422), name
        error = refused.json()["errors"][0]
        assert (error["field"], error["reason"]) == ("body.name", reason)
    assert (await api.get("/api/me/passkeys", token=session)).json()[0]["name"] == "Work phone"
    assert (await api.patch(path, token=session, json={"name": "x" * 60})).status_code == 200
