"""The phone-made id of a write is ``localId`` on the wire; ``clientId`` names the client (a
person) only. Until every installed app has the new version, the old name still works: a page
running the previous version sends it, and a write the server stored before the rename is still
recognised when the new version sends it again under the new name."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import msgspec

from backend.sync.tables import IdempotencyRecord
from backend.tasks.tables import StepCompletion
from tests.api.conftest import Api
from tests.support import tasks


class _CompletionCreateBeforeTheRename(msgspec.Struct, kw_only=True, rename="camel"):
    """``CompletionCreate`` as the previous version declared it (field order included)."""

    client_id: str
    step_id: str
    run_id: str
    at: datetime


async def _task(api: Api) -> tuple[str, dict[str, str]]:
    assert api.world is not None
    await tasks.build_tasks(api.world)
    return f"/api/tasks/{api.world.ids['task']}", api.world.ids


async def test_the_previous_name_of_the_phone_made_id_is_still_accepted(world_api: Api) -> None:
    base, ids = await _task(world_api)
    mark = {"stepId": ids["step"], "runId": tasks.new_id(), "at": tasks.timestamp()}
    one_go = tasks.new_id()
    old = await world_api.post(
        f"{base}/completions", as_="client", json={"clientId": one_go, **mark}
    )
    assert old.status_code == 201, old.text
    assert old.json()["localId"] == one_go and "clientId" not in old.json()
    # The same write under the new name is the same write: answered, not added.
    new = await world_api.post(
        f"{base}/completions", as_="client", json={"localId": one_go, **mark}
    )
    assert new.status_code == 200 and new.json() == old.json()
    assert await StepCompletion.count() == 1
    # Both names at once is not a write of the previous version: the unknown field is named.
    both = await world_api.post(
        f"{base}/completions",
        as_="client",
        json={"localId": tasks.new_id(), "clientId": tasks.new_id(), **mark},
    )
    assert both.status_code == 400 and both.json()["errors"][0]["field"] == "body.clientId"


async def test_a_write_is_fingerprinted_as_before_the_rename(world_api: Api) -> None:
    """``backend/sync/once.py`` keeps each write's body fingerprint beside the idempotency
    records; fingerprints stored by the previous version were taken of ``clientId`` bodies.
    The fingerprint of the same write now is the same, so its repeat still matches."""
    base, ids = await _task(world_api)
    one_go = tasks.new_id()
    at = tasks.timestamp()
    body = {"localId": one_go, "stepId": ids["step"], "runId": tasks.new_id(), "at": at}
    assert (await world_api.post(f"{base}/completions", as_="client", json=body)).status_code == 201
    before = _CompletionCreateBeforeTheRename(
        client_id=one_go,
        step_id=body["stepId"],
        run_id=body["runId"],
        at=msgspec.convert(at, datetime),
    )
    stored = await IdempotencyRecord.select(IdempotencyRecord.fingerprint).where(
        IdempotencyRecord.scope_key == f"once:step_completions:{one_go}"
    )
    assert stored == [{"fingerprint": hashlib.sha256(msgspec.json.encode(before)).hexdigest()}]


async def test_an_outbox_item_stored_before_the_rename_is_replayed_after_the_phone_renamed_it(
    world_api: Api,
) -> None:
    """The previous version sent a write and the answer was lost; the phone then updated, renamed
    the waiting item's ``clientId`` to ``localId`` in place and sends it again under the same
    ``Idempotency-Key``: the stored answer comes back, nothing is written twice."""
    base, ids = await _task(world_api)
    one_go = tasks.new_id()
    rest = {"stepId": ids["step"], "runId": tasks.new_id(), "at": tasks.timestamp()}
    key = {"idempotency-key": f"sw.{tasks.new_id()}"}
    first = await world_api.post(
        f"{base}/completions", as_="client", json={"clientId": one_go, **rest}, headers=key
    )
    assert first.status_code == 201, first.text
    # What the previous server stored under the key: the raw body, as the old phone sent it.
    path = f"{base}/completions"
    old_body = json.dumps({"clientId": one_go, **rest}, separators=(",", ":")).encode()
    old_fingerprint = hashlib.sha256(b"POST " + path.encode() + b"\n" + old_body).hexdigest()
    kept = await IdempotencyRecord.select(IdempotencyRecord.fingerprint).where(
        IdempotencyRecord.scope_key == f"{ids['client']}:{key['idempotency-key']}"
    )
    assert kept == [{"fingerprint": old_fingerprint}]
    again = await world_api.post(
        f"{base}/completions", as_="client", json={"localId": one_go, **rest}, headers=key
    )
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await StepCompletion.count() == 1


async def test_client_id_still_names_the_person_where_it_does(world_api: Api) -> None:
    """``clientId`` of a task is its client; it is never rewritten where a type has it."""
    base, ids = await _task(world_api)
    task = (await world_api.get(base, as_="coach")).json()
    assert task["clientId"] == ids["client"]
