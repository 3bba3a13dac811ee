"""Writes with an Idempotency-Key land exactly once; a replay gets the original answer."""

from __future__ import annotations

from backend.accounts.tables import Team
from tests.api.conftest import Api


async def test_a_replayed_write_lands_once_and_gets_the_original_answer(world_api: Api) -> None:
    key = {"idempotency-key": "outbox-0001-team"}
    first = await world_api.post("/api/teams", as_="admin", json={"name": "East"}, headers=key)
    again = await world_api.post("/api/teams", as_="admin", json={"name": "East"}, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await Team.count().where(Team.name == "East") == 1
    # Without the key, the same request is a new write.
    await world_api.post("/api/teams", as_="admin", json={"name": "East"})
    assert await Team.count().where(Team.name == "East") == 2


async def test_a_key_reused_for_another_change_is_refused(world_api: Api) -> None:
    key = {"idempotency-key": "outbox-0002-lang"}
    assert (
        await world_api.patch("/api/me", as_="client", json={"locale": "pl"}, headers=key)
    ).status_code == 200
    refused = await world_api.patch("/api/me", as_="client", json={"locale": "fi"}, headers=key)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert (await world_api.get("/api/me", as_="client")).json()["locale"] == "pl"


async def test_keys_belong_to_one_person(world_api: Api) -> None:
    key = {"idempotency-key": "same-key-for-both"}
    a = await world_api.patch("/api/me", as_="client", json={"locale": "he"}, headers=key)
    b = await world_api.patch("/api/me", as_="other_client", json={"locale": "he"}, headers=key)
    assert a.json()["displayName"] == "Alice Client"
    assert b.json()["displayName"] == "Bob Client"
    assert "idempotent-replayed" not in b.headers


async def test_refusals_are_replayed_too(world_api: Api) -> None:
    key = {"idempotency-key": "refused-once-0003"}
    first = await world_api.post("/api/teams", as_="coach", json={"name": "X"}, headers=key)
    again = await world_api.post("/api/teams", as_="coach", json={"name": "X"}, headers=key)
    assert first.status_code == again.status_code == 403


async def test_a_malformed_key_is_refused(world_api: Api) -> None:
    bad = await world_api.post(
        "/api/teams", as_="admin", json={"name": "Y"}, headers={"idempotency-key": "short"}
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert await Team.count().where(Team.name == "Y") == 0
