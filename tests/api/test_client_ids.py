"""A write resent under a phone-made id (``localId``) must be the same write: the same body gets
the first answer back, a different body is refused with 422 as a reused ``Idempotency-Key`` is,
so a consent withdrawal resent under the id of an earlier grant is not dropped in silence
."""

from __future__ import annotations

from typing import Any

from backend.family.tables import Consent
from tests.api.conftest import Api
from tests.support import family as family_world


def _consent(api: Api, local_id: str, granted: bool) -> dict[str, Any]:
    assert api.world is not None
    return {
        "localId": local_id,
        "familyId": api.world.ids["family"],
        "kind": "goals",
        "granted": granted,
        "textVersion": 1,
    }


async def test_the_same_id_with_another_body_is_refused(world_api: Api) -> None:
    assert world_api.world is not None
    path = f"/api/clients/{world_api.world.ids['client']}/consents"
    once = family_world.new_id()
    granted = await world_api.post(path, as_="client", json=_consent(world_api, once, True))
    assert granted.status_code == 201, granted.text
    again = await world_api.post(path, as_="client", json=_consent(world_api, once, True))
    assert again.status_code == 200 and again.json() == granted.json()
    withdrawn = await world_api.post(path, as_="client", json=_consent(world_api, once, False))
    assert withdrawn.status_code == 422, withdrawn.text
    assert withdrawn.json()["errors"][0]["field"] == "body.localId"
    assert withdrawn.json()["code"] == "key_reused"
    assert await Consent.count() == 1
    # A new id for the withdrawal lands.
    fresh = family_world.new_id()
    assert (
        await world_api.post(path, as_="client", json=_consent(world_api, fresh, False))
    ).status_code == 201
