"""A voice prompt keeps its sound and nothing else: no location, maker or model from the phone's
container, in what the client is served and in the export."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import av
import pytest

from tests.api.conftest import Api
from tests.support import audio, tasks

PERSONAL = (b"60.1699", b"024.9384", b"Apple", b"iPhone", b"Alice")
# What FFmpeg's muxers write of their own: the file's brand, "Lavf" (no version), the track's
# language and handler, its length.
CONTAINER_TAGS = {"major_brand", "minor_version", "compatible_brands", "encoder"}
STREAM_TAGS = {"language", "handler_name", "vendor_id", "duration"}


def _described(data: bytes) -> tuple[dict[str, str], list[dict[str, str]], float, int]:
    """(container tags, each stream's tags, seconds, audio frames decoded)."""
    with av.open(io.BytesIO(data)) as container:
        tags = dict(container.metadata)
        streams = [dict(s.metadata) for s in container.streams]
        seconds = (container.duration or 0) / 1_000_000
        frames = sum(1 for _ in container.decode(audio=0))
    return tags, streams, seconds, frames


def _assert_only_sound(data: bytes, seconds: float) -> None:
    for word in PERSONAL:
        assert word not in data, word
    tags, streams, length, frames = _described(data)
    assert {k.lower() for k in tags} <= CONTAINER_TAGS, tags
    assert tags.get("encoder", "Lavf") == "Lavf"
    for stream_tags in streams:
        assert {k.lower() for k in stream_tags} <= STREAM_TAGS, stream_tags
    assert len(streams) == 1
    assert abs(length - seconds) < 0.2, length
    assert frames > 0  # it still plays


@pytest.mark.parametrize(
    ("kind", "content_type"), [("m4a", "audio/mp4"), ("webm", "audio/webm")], ids=["m4a", "webm"]
)
async def test_a_voice_prompt_keeps_no_location_or_device(
    world_api: Api, kind: str, content_type: str
) -> None:
    w = world_api.world
    assert w is not None
    created = await world_api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_="coach",
        json={"title": "Fold the towels", "workplace": "Hotel Kämp"},
    )
    task: dict[str, Any] = created.json()
    task = (
        await world_api.post(
            f"/api/tasks/{task['id']}/steps", as_="coach", json={"text": "Fold in half."}
        )
    ).json()
    step_id = task["steps"][0]["id"]
    recording = audio.recorded(kind, 6.0, tagged=True)
    assert audio.LOCATION.encode() in recording and b"Apple" in recording
    uploaded = await tasks.upload(
        world_api,
        f"/api/tasks/{task['id']}/steps/{step_id}/voice",
        recording,
        as_="coach",
        filename=f"v.{kind}",
        content_type=content_type,
    )
    assert uploaded.status_code == 200, uploaded.text
    voice = uploaded.json()["voice"]
    assert voice["contentType"] == content_type
    assert abs(voice["seconds"] - 6.0) < 0.2

    served = await world_api.get(voice["url"], as_="client")
    assert served.status_code == 200
    assert served.headers["content-type"] == content_type
    _assert_only_sound(served.content, 6.0)

    export = await world_api.get("/api/me/export", as_="client")
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        names = [n for n in archive.namelist() if f"step-{step_id}" in n]
        assert names, archive.namelist()
        for name in names:
            _assert_only_sound(archive.read(name), 6.0)


async def test_a_file_without_sound_is_refused(world_api: Api) -> None:
    w = world_api.world
    assert w is not None
    created = await world_api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_="coach",
        json={"title": "Fold the towels", "workplace": "Hotel Kämp"},
    )
    task = (
        await world_api.post(
            f"/api/tasks/{created.json()['id']}/steps", as_="coach", json={"text": "Fold."}
        )
    ).json()
    refused = await tasks.upload(
        world_api,
        f"/api/tasks/{task['id']}/steps/{task['steps'][0]['id']}/voice",
        audio.mp4(5.0),  # a container with the right boxes but no decodable audio
        as_="coach",
        filename="v.m4a",
        content_type="audio/mp4",
    )
    assert refused.status_code in {415, 422}
    assert refused.json()["errors"][0]["field"] == "file"


async def test_voice_prompts_stored_before_are_cleaned_by_the_migration(world_api: Api) -> None:
    """A prompt stored as the phone sent it (by an earlier version) keeps only its sound after the
    migration, under its new name, and the old file is gone."""
    import hashlib
    import importlib

    from backend.lib.storage import get_storage
    from backend.tasks import services
    from backend.tasks.tables import Step

    w = world_api.world
    assert w is not None
    await tasks.build_tasks(w)
    recording = audio.recorded("m4a", 4.0, tagged=True)
    digest = hashlib.sha256(recording).hexdigest()
    old = f"tasks/{w.ids['task']}/voice/{w.ids['step']}/{services.voice_name(digest, 'audio/mp4')}"
    await get_storage().delete_prefix(f"tasks/{w.ids['task']}/voice/{w.ids['step']}")
    await get_storage().put(old, recording, "audio/mp4")
    await Step.update({Step.voice_hash: digest, Step.voice_type: "audio/mp4"}).where(
        Step.id == w.ids["step"]
    )
    migration = importlib.import_module(
        "backend.tasks.piccolo_migrations.tasks_2026_12_05t15_50_00_000000"
    )
    for step in (await migration.forwards()).raw:
        await step()
    assert await get_storage().get(old) is None
    task = (await world_api.get(f"/api/tasks/{w.ids['task']}", as_="client")).json()
    voice = next(s for s in task["steps"] if s["id"] == w.ids["step"])["voice"]
    served = await world_api.get(voice["url"], as_="client")
    assert served.status_code == 200
    _assert_only_sound(served.content, 4.0)
