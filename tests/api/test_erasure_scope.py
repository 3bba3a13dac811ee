"""Erasure touches the person's rows only: the stored answers of others' writes that name the
person are found through the index kept when each answer was stored (``replay_mentions``), not
by reading every stored answer of the organisation; answers naming anyone else stay, and still
answer a resend."""

from __future__ import annotations

import uuid

from backend.sync.idempotency import person_digest
from backend.sync.tables import IdempotencyRecord, ReplayMention
from tests.api.conftest import Api


async def _update(api: Api, client: str, as_: str, key: str) -> dict[str, object]:
    body = {"localId": str(uuid.uuid4()), "text": "A calm start today."}
    answer = await api.post(
        f"/api/clients/{client}/updates", as_=as_, json=body, headers={"Idempotency-Key": key}
    )
    assert answer.status_code == 201, answer.text
    return body


async def test_erasure_finds_answers_naming_the_person_by_the_index(world_api: Api) -> None:
    w = world_api.world
    assert w is not None
    alice, bob = w.ids["client"], w.ids["other_client"]
    await _update(world_api, alice, "coach", "ada-outbox-0001")
    bobs = await _update(world_api, bob, "other_coach", "ben-outbox-0001")
    # Each stored answer noted who it names, by a digest of their id (no id, no name).
    named = {r["person"] for r in await ReplayMention.select(ReplayMention.person)}
    assert {person_digest(alice), person_digest(bob)} <= named
    assert not any(alice in p or bob in p for p in named)

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text
    assert erased.json()["rows"]["idempotency_records"] >= 1

    keys = {r["scope_key"] for r in await IdempotencyRecord.select(IdempotencyRecord.scope_key)}
    assert f"{w.ids['coach']}:ada-outbox-0001" not in keys
    assert f"{w.ids['other_coach']}:ben-outbox-0001" in keys
    left = {r["person"] for r in await ReplayMention.select(ReplayMention.person)}
    assert person_digest(alice) not in left and person_digest(bob) in left
    # Ben's phone resending its write still gets the first answer.
    again = await world_api.post(
        f"/api/clients/{bob}/updates",
        as_="other_coach",
        json=bobs,
        headers={"Idempotency-Key": "ben-outbox-0001"},
    )
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
