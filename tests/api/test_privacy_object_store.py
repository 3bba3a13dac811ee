"""A client's export and erasure when the files live in an object store (a real SeaweedFS on
loopback): her photos and recordings are read from the bucket into her export, and erasure
leaves no object of hers in the bucket."""

from __future__ import annotations

from backend.family.tables import Update
from backend.tasks.tables import Task
from tests.api.conftest import Api
from tests.api.test_privacy import _archive, _rich_world
from tests.support.seaweed import Seaweed, app_storage, seaweed  # noqa: F401 (the fixture)


async def test_export_and_erasure_on_the_object_store(
    seaweed: Seaweed,  # noqa: F811
    world_api: Api,
) -> None:
    bucket = seaweed.new_bucket()
    with app_storage(seaweed.url(bucket)):
        w = await _rich_world(world_api)
        alice = w.ids["client"]
        her_tasks = [str(t["id"]) for t in await Task.select(Task.id).where(Task.client == alice)]
        her_updates = [
            str(u["id"]) for u in await Update.select(Update.id).where(Update.client == alice)
        ]
        stored = seaweed.objects(bucket)
        hers = {k: v for k, v in stored.items() if any(i in k for i in her_tasks + her_updates)}
        assert any("/photos/" in k for k in hers) and any("/voice/" in k for k in hers)
        assert any(k.startswith("family/updates/") for k in hers)

        export = await world_api.get("/api/me/export", as_="client")
        assert export.status_code == 200
        files = _archive(export.content)
        photo = f"photos/task-{w.ids['task']}/photo-{w.ids['photo']}.jpg"
        assert files[photo] in set(hers.values())
        assert any(n.startswith("voice/") and files[n] in set(hers.values()) for n in files)

        erased = await world_api.post(
            f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
        )
        assert erased.status_code == 200, erased.text
    left = seaweed.objects(bucket)
    assert not [k for k in left if any(i in k for i in her_tasks + her_updates)]
    # Not her photos under another name (the template made from her task had copies).
    her_photos = {v for k, v in hers.items() if "/photos/" in k or "updates" in k}
    assert not her_photos & set(left.values())
    assert any(w.ids["bob_task"] in k for k in left)  # Bob's photo stays
