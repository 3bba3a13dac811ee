"""Erasure touches the person's rows only: the stored answers of others' writes that name the
person are found through the index kept when each answer was stored (``replay_mentions``), not
by reading every stored answer of the organisation; answers naming anyone else stay, and still
answer a resend."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from backend.lib import images
from backend.sync.idempotency import person_digest
from backend.sync.tables import IdempotencyRecord, ReplayMention
from backend.tasks import photos as step_photos
from backend.tasks import services as task_services
from backend.tasks.tables import Photo, Task
from shared_schemas import tasks as task_wire
from tests.api.conftest import Api
from tests.support import scan, tasks
from tests.support.photos import phone_jpeg


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


async def test_erasure_keeps_another_persons_photo_with_the_same_content(world_api: Api) -> None:
    """A copy of the person's task (the team's template made from it) carries copies of their
    photos, which go with them; another client's photo of the same picture, taken on its own,
    is that client's and stays, row and files."""
    w = world_api.world
    assert w is not None
    await tasks.build_tasks(w)
    alice, bob = w.ids["client"], w.ids["other_client"]
    ben = tasks.actor(w, "other_coach", "coach", "South")
    bob_task = await task_services.create(ben, bob, task_wire.TaskCreate(title="Fold towels"))
    # The same picture as Alice's step photo, stored for Bob's task by his own coach.
    same = images.process(phone_jpeg(1000, 750, 6, 85))
    bob_photo = await step_photos.store(bob_task, same, ben)
    hashes = {
        r["content_hash"]
        for r in await Photo.select(Photo.content_hash).where(
            Photo.id.is_in([w.ids["photo"], bob_photo])
        )
    }
    assert len(hashes) == 1  # one picture, two people's photos
    template_photos = await Photo.select(Photo.id).where(Photo.task == w.ids["template"])
    assert template_photos  # the template's copy of her photo
    bob_files = {p: d for p, d in scan.data_files().items() if bob_photo in p}
    assert bob_files

    erased = await world_api.post(
        f"/api/people/{alice}/erase", as_="admin", json={"confirmName": "Alice Client"}
    )
    assert erased.status_code == 200, erased.text

    assert await Photo.exists().where(Photo.id == bob_photo)
    assert {p: d for p, d in scan.data_files().items() if bob_photo in p} == bob_files
    assert not await Photo.exists().where(Photo.task == w.ids["template"])
    assert not [p for p in scan.data_files() if str(template_photos[0]["id"]) in p]


@contextlib.contextmanager
def _traced(engine: Any) -> Iterator[list[str]]:
    """Every statement SQLite runs on the engine's connections meanwhile, as it ran it."""
    seen: list[str] = []
    for conn in engine._opened:
        conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        for conn in engine._opened:
            conn.set_trace_callback(None)


def _scans(engine: Any, seen: list[str]) -> dict[str, list[str]]:
    """The reads and writes among ``seen`` whose SQLite plan reads a table whole."""
    statements = {s for s in seen if s.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))}
    with sqlite3.connect(engine.path) as plain:
        return {
            s: plan
            for s in statements
            for plan in [[row[3] for row in plain.execute(f"EXPLAIN QUERY PLAN {s}")]]
            if any(step.startswith("SCAN") and "VIRTUAL TABLE" not in step for step in plan)
        }


async def _with_tasks_on_sqlite(api: Api) -> tuple[Any, Any]:
    """The world with Alice's tasks, and the engine whose plans are asked; on PostgreSQL the
    test is skipped by name (it picks a sequential scan of a table this small whatever its
    indexes; the same statements run there in the other tests)."""
    w = api.world
    assert w is not None
    await tasks.build_tasks(w)
    engine = Task._meta.db
    if engine.engine_type != "sqlite":
        pytest.skip("plans are compared on SQLite; PostgreSQL runs the same statements")
    return w, engine


async def test_erasure_reads_no_table_whole(world_api: Api) -> None:
    """Every statement an erasure runs finds its rows by an index (SQLite's plan of each: no
    ``SCAN`` of a table), so its cost follows the person's rows, not the organisation's size —
    the copies of their tasks too (``copied_from``, a partial index of copies)."""
    w, engine = await _with_tasks_on_sqlite(world_api)
    with _traced(engine) as seen:
        erased = await world_api.post(
            f"/api/people/{w.ids['client']}/erase",
            as_="admin",
            json={"confirmName": "Alice Client"},
        )
    assert erased.status_code == 200, erased.text
    assert any("copied_from" in s for s in seen)
    scans = _scans(engine, seen)
    assert not scans, scans


async def test_my_data_and_the_export_read_no_table_whole(world_api: Api) -> None:
    """My data and the export walk the same rows as erasure, each found by an index: what they
    cost follows the person's data, not the organisation's."""
    _, engine = await _with_tasks_on_sqlite(world_api)
    with _traced(engine) as seen:
        for path in ("/api/me/data", "/api/me/export"):
            answer = await world_api.get(path, as_="client")
            assert answer.status_code == 200, answer.text
    assert len(seen) > 50  # the walk's statements were seen
    scans = _scans(engine, seen)
    assert not scans, scans
