"""The server posts only to push services: a subscription cannot aim it at a port of its own
machine, even when Stepwise runs on localhost, unless STEPWISE_PUSH_LOOPBACK says so (the tests'
stand-in push service)."""

from __future__ import annotations

import dataclasses

import pytest

from backend.reminders import webpush
from backend.settings import get_settings, load
from tests.api.conftest import Api
from tests.support import coaching

LOCAL = [
    "http://127.0.0.1:5432/",
    "http://localhost:6379/push",
    "http://[::1]:8000/api/teams",
    "https://127.0.0.1/x",
    "http://127.0.0.2:22/",
    "http://0.0.0.0:8000/",
    "http://10.0.0.5/admin",
]


@pytest.fixture
def no_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = dataclasses.replace(get_settings(), push_loopback=False)
    assert settings.loopback_origin  # the server itself runs on localhost
    monkeypatch.setattr(webpush, "get_settings", lambda: settings)


@pytest.mark.usefixtures("no_loopback")
@pytest.mark.parametrize("endpoint", LOCAL)
async def test_a_local_endpoint_is_refused_on_a_localhost_server(
    world_api: Api, endpoint: str
) -> None:
    refused = await world_api.post(
        "/api/me/push-subscriptions", as_="client", json=coaching.subscription(endpoint)
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "body.endpoint"


@pytest.mark.usefixtures("no_loopback")
async def test_a_known_push_service_is_still_accepted(world_api: Api) -> None:
    answer = await world_api.post(
        "/api/me/push-subscriptions",
        as_="client",
        json=coaching.subscription("https://fcm.googleapis.com/fcm/send/" + coaching.new_id()),
    )
    assert answer.status_code == 201, answer.text


def test_loopback_is_allowed_only_when_the_setting_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("STEPWISE_PUSH_LOOPBACK")
    assert load().push_loopback is False
    monkeypatch.setenv("STEPWISE_PUSH_LOOPBACK", "1")
    assert load().push_loopback is True
