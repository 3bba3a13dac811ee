"""Sign-in and enrollment as the PWA does them, with the software authenticator."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.support.authenticator import SoftAuthenticator


def token_of(url: str) -> str:
    return url.split("#", 1)[1]


async def enroll(api: Api, url: str, device: SoftAuthenticator, name: str = "My phone") -> Any:
    token = token_of(url)
    options = (await api.post("/api/enroll/options", json={"token": token})).json()
    credential = device.create(options["publicKey"])
    response = await api.post(
        "/api/enroll",
        json={
            "token": token,
            "challengeId": options["challengeId"],
            "credential": credential,
            "passkeyName": name,
        },
    )
    assert response.status_code == 201, response.text
    return response


async def signin(api: Api, device: SoftAuthenticator, **kw: Any) -> Any:
    options = (await api.post("/api/signin/options")).json()
    credential = device.get(options["publicKey"], **kw)
    return await api.post(
        "/api/signin", json={"challengeId": options["challengeId"], "credential": credential}
    )


def session_of(response: Any) -> str:
    return str(response.cookies["stepwise_session"])


async def reverify(api: Api, device: SoftAuthenticator, session: str, **kw: Any) -> Any:
    """The step-up before a change to how the account signs in: one of the person's own
    passkeys, user verification required, bound to this session."""
    options = (await api.post("/api/me/reverify/options", token=session)).json()
    credential = device.get(options["publicKey"], **kw)
    return await api.post(
        "/api/me/reverify",
        token=session,
        json={"challengeId": options["challengeId"], "credential": credential},
    )
