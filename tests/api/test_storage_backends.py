"""The same storage behaviour on both stores: the local directory and an S3-compatible object
store (a real SeaweedFS on loopback, tests/support/seaweed.py; nothing mocked).

Then the app itself on the object store: a coach's photo goes through the API into the bucket
(not into the data directory) and the client reads it back.
"""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
import pytest

from backend.lib import storage_s3
from backend.lib.storage import Storage, get_storage
from backend.lib.storage_local import LocalStorage
from backend.lib.storage_s3 import S3Storage
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import photos, tasks
from tests.support.seaweed import Seaweed, app_storage, seaweed  # noqa: F401 (the fixture)

P = "tasks/3f1c2a9e-0000-4000-8000-000000000001/photos/9d2b4c1e-0000-4000-8000-000000000002"


@pytest.fixture(params=["file", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    if request.param == "file":
        yield LocalStorage(tmp_path / "files")
    else:
        weed: Seaweed = request.getfixturevalue("seaweed")
        yield S3Storage.from_url(weed.url(weed.new_bucket()))


async def _all(store: Storage) -> dict[str, int]:
    return {key: size async for key, size in store.all_keys()}


async def _joined(pieces: AsyncIterator[bytes]) -> list[bytes]:
    return [piece async for piece in pieces]


async def test_put_get_size_delete(store: Storage) -> None:
    await store.put("documents/a/letter.pdf", b"%PDF-1.7 letter", "application/pdf")
    await store.put("documents/a/letter.pdf", b"%PDF-1.7 second", "application/pdf")
    assert await store.get("documents/a/letter.pdf") == b"%PDF-1.7 second"
    assert await store.size("documents/a/letter.pdf") == 15
    assert await store.get("documents/a/none.pdf") is None
    assert await store.size("documents/a/none.pdf") is None
    assert await store.size("documents/a") is None  # a folder is not a file
    await store.delete("documents/a/letter.pdf")
    await store.delete("documents/a/letter.pdf")  # nothing there: no error
    assert await store.get("documents/a/letter.pdf") is None
    with pytest.raises(ValueError, match="not a valid storage key"):
        await store.put("../escape", b"x", "text/plain")


async def test_the_content_type_is_kept_in_the_object_store(seaweed: Seaweed) -> None:  # noqa: F811
    bucket = seaweed.new_bucket()
    store = S3Storage.from_url(seaweed.url(bucket))
    await store.put("voice/a/note.m4a", b"voice", "audio/mp4")
    await store.put_folder(P, [("800-0123456789abcdef.webp", b"webp")], _committed)
    client = seaweed.client()
    assert client.head_object(Bucket=bucket, Key="voice/a/note.m4a")["ContentType"] == "audio/mp4"
    head = client.head_object(Bucket=bucket, Key=f"{P}/800-0123456789abcdef.webp")
    assert head["ContentType"] == "image/webp"


async def test_objects_are_not_public_and_credentials_are_checked(seaweed: Seaweed) -> None:  # noqa: F811
    import httpx
    from botocore.exceptions import ClientError

    bucket = seaweed.new_bucket()
    await S3Storage.from_url(seaweed.url(bucket)).put("a/b.jpg", b"photo", "image/jpeg")
    async with httpx.AsyncClient() as anonymous:
        assert (await anonymous.get(f"{seaweed.endpoint}/{bucket}/a/b.jpg")).status_code == 403
    with pytest.raises(ClientError):
        seaweed.client(secret="not-the-secret").get_object(Bucket=bucket, Key="a/b.jpg")


async def test_chunks_stream_a_piece_at_a_time(store: Storage) -> None:
    data = bytes(range(256)) * 2600  # 665,600 bytes
    await store.put("tasks/t/voice/s/long.webm", data, "audio/webm")
    pieces = await _joined(store.chunks("tasks/t/voice/s/long.webm", 256 * 1024))
    assert b"".join(pieces) == data
    assert [len(p) for p in pieces][:2] == [256 * 1024, 256 * 1024]
    assert await _joined(store.chunks("tasks/t/voice/s/none.webm")) == []


async def test_open_gives_the_size_first_then_the_bytes_a_piece_at_a_time(
    store: Storage,
) -> None:
    data = bytes(range(256)) * 2600  # 665,600 bytes: three pieces
    await store.put("tasks/t/voice/s/long.webm", data, "audio/webm")
    opened = await store.open("tasks/t/voice/s/long.webm")
    assert opened is not None and opened.size == len(data)
    pieces = await _joined(aiter(opened))
    assert b"".join(pieces) == data
    assert [len(p) for p in pieces] == [256 * 1024, 256 * 1024, len(data) - 512 * 1024]
    await store.put("tasks/t/photos/p/320-0123456789abcdef.webp", b"small", "image/webp")
    small = await store.open("tasks/t/photos/p/320-0123456789abcdef.webp")
    assert small is not None and small.size == 5
    assert await small.read() == b"small"
    await store.put("tasks/t/empty.txt", b"", "text/plain")
    empty = await store.open("tasks/t/empty.txt")
    assert empty is not None and empty.size == 0 and await empty.read() == b""
    assert await store.open("tasks/t/voice/s/none.webm") is None
    assert await store.open("tasks/t/voice/s") is None  # a folder is not a file


async def test_the_object_store_opens_through_a_signed_address_or_the_client(
    seaweed: Seaweed,  # noqa: F811
) -> None:
    """Downloads GET a presigned address directly (``storage_s3_reads.py``); one that is refused
    (credentials rotated) is signed again; behind a proxy the client's own ``GetObject``."""
    store = S3Storage.from_url(seaweed.url(seaweed.new_bucket()))
    assert store.signed.direct
    await store.put("a/320-0123456789abcdef.webp", b"webp bytes", "image/webp")
    opened = await store.open("a/320-0123456789abcdef.webp")
    assert opened is not None and await opened.read() == b"webp bytes"
    key = "a/320-0123456789abcdef.webp"
    expires, url = store.signed.signed[key]
    store.signed.signed[key] = (expires, url.replace("Signature=", "Signature=0"))  # refused
    opened = await store.open(key)
    assert opened is not None and await opened.read() == b"webp bytes"
    assert store.signed.signed[key][1] != url.replace("Signature=", "Signature=0")
    assert await store.open("a/none.webp") is None
    store.signed.direct = False
    opened = await store.open(key)
    assert opened is not None and opened.size == 10 and await opened.read() == b"webp bytes"
    assert await store.open("a/none.webp") is None


async def test_an_opened_file_left_unread_is_closed(store: Storage) -> None:
    """A download whose client went away (or an answer never sent): ``aclose`` frees the
    file or the object store's connection; a partly read one is closed when its iteration
    stops."""
    await store.put("a/big.bin", b"x" * (600 * 1024), "application/octet-stream")
    for _ in range(40):  # more than the connection pool: each was given back
        opened = await store.open("a/big.bin")
        assert opened is not None
        await opened.aclose()
    opened = await store.open("a/big.bin")
    assert opened is not None
    pieces = aiter(opened)
    assert len(await anext(pieces)) == 256 * 1024
    await pieces.aclose()  # type: ignore[attr-defined]
    assert await store.get("a/big.bin") == b"x" * (600 * 1024)


async def test_delete_prefixes_takes_every_key_under_each(store: Storage) -> None:
    async with anyio.create_task_group() as group:
        for n in range(1005):  # more than one DeleteObjects call (1,000 keys each)
            group.start_soon(store.put, f"family/updates/a/{n:04}.jpg", b"a", "image/jpeg")
    await store.put("family/updates/b/800-x.jpg", b"b", "image/jpeg")
    await store.put("family/updates/bb/800-x.jpg", b"bb", "image/jpeg")
    await store.put("family/updates/c/800-x.jpg", b"c", "image/jpeg")

    await store.delete_prefixes(["family/updates/a", "family/updates/b", "family/updates/none"])
    await store.delete_prefixes([])

    assert await _all(store) == {
        "family/updates/bb/800-x.jpg": 2,
        "family/updates/c/800-x.jpg": 1,
    }
    await store.delete_prefix("family/updates/c")
    assert await _all(store) == {"family/updates/bb/800-x.jpg": 2}


async def test_folders_and_names_directly_under_a_prefix(store: Storage) -> None:
    for key in ("tasks/t1/photos/p1/800-a.webp", "tasks/t1/photos/p2/800-b.webp"):
        await store.put(key, b"x", "image/webp")
    await store.put("tasks/t1/photos/p1/320-a.webp", b"x", "image/webp")
    await store.put("tasks/t1/voice/s1/v.webm", b"x", "audio/webm")
    await store.put("tasks/t2/readme.txt", b"x", "text/plain")
    assert await store.folders("tasks") == ["t1", "t2"]
    assert await store.folders("tasks/t1") == ["photos", "voice"]
    assert await store.folders("tasks/t1/photos") == ["p1", "p2"]
    assert await store.names("tasks/t1/photos/p1") == ["320-a.webp", "800-a.webp"]
    assert await store.names("tasks/t2") == ["readme.txt"]
    assert await store.names("tasks") == []
    assert await store.folders("nothing/here") == []
    assert await store.names("nothing/here") == []


async def _committed() -> str:
    return "row written"


async def test_put_folder_shows_the_files_only_with_their_commit(store: Storage) -> None:
    files = [("800-0123456789abcdef.webp", b"w" * 10), ("800-0123456789abcdef.jpg", b"j" * 7)]
    seen: dict[str, Any] = {}

    async def commit() -> str:
        # While the row is written: not in place yet (a local rename later), or in place
        # but named as an upload under way (an object store has no rename).
        seen["placed"] = await store.get(f"{P}/800-0123456789abcdef.jpg") is not None
        seen["staged"] = P in await store.staged()
        return "row written"

    assert await store.put_folder(P, files, commit) == "row written"
    assert seen["staged"] or not seen["placed"]
    assert await store.names(P) == ["800-0123456789abcdef.jpg", "800-0123456789abcdef.webp"]
    assert await store.get(f"{P}/800-0123456789abcdef.jpg") == b"j" * 7
    assert await store.staged() == set()
    assert await _all(store) == {
        f"{P}/800-0123456789abcdef.jpg": 7,
        f"{P}/800-0123456789abcdef.webp": 10,
    }


async def test_put_folder_keeps_nothing_when_the_commit_fails(store: Storage) -> None:
    async def refused() -> None:
        raise RuntimeError("the row was refused")

    with pytest.raises(RuntimeError, match="refused"):
        await store.put_folder(P, [("800-0123456789abcdef.jpg", b"j")], refused)
    assert await store.names(P) == []
    assert await store.staged() == set()
    assert await _all(store) == {}


def _dead_life() -> str:
    gone = subprocess.Popen(["true"])
    gone.wait()
    return f"{gone.pid}-0123abcd"


def _killed_mid_upload(store: Storage, prefix: str, files: list[tuple[str, bytes]]) -> None:
    """What a process killed between writing an upload's files and its commit leaves."""
    if isinstance(store, LocalStorage):
        staged = store.root / ".staging" / _dead_life() / prefix.replace("/", "+")
        staged.mkdir(parents=True)
        for name, data in files:
            (staged / name).write_bytes(data)
    else:
        assert isinstance(store, S3Storage)
        store._stage(prefix, files)


async def test_recover_settles_what_a_killed_process_left(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed, never = P, P[:-1] + "3"
    for prefix in (committed, never):
        _killed_mid_upload(store, prefix, [("800-0123456789abcdef.jpg", prefix.encode())])
    asked: list[list[str]] = []

    async def rows(prefixes: list[str]) -> set[str]:
        asked.append(sorted(prefixes))
        return {committed} & set(prefixes)

    if isinstance(store, S3Storage):
        # Another machine's upload cannot be asked whether its process lives: a marker is
        # left alone within the lease…
        assert await store.recover(rows) == 0
        assert await store.staged() == {committed, never}
        # …and settled once it is older.
        monkeypatch.setattr(storage_s3, "LEASE", timedelta(0))
    assert await store.recover(rows) == 2
    assert sorted(p for ps in asked for p in ps) == sorted([committed, never])
    assert await store.get(f"{committed}/800-0123456789abcdef.jpg") == committed.encode()
    assert await store.names(never) == []
    assert await store.staged() == set()
    assert await _all(store) == {f"{committed}/800-0123456789abcdef.jpg": len(committed)}
    assert await store.recover(rows) == 0


async def test_a_start_leaves_an_upload_under_way_on_another_server_alone(
    seaweed: Seaweed,  # noqa: F811
    world_api: Api,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On an object store an upload's files are in place before its row: a server starting
    meanwhile must not take them for files whose row is gone."""
    from backend.tasks.recovery import recover_files

    world = world_api.world
    assert world is not None
    await tasks.build_tasks(world)
    store = S3Storage.from_url(seaweed.url(seaweed.new_bucket()))
    monkeypatch.setattr("backend.tasks.recovery.get_storage", lambda: store)
    under_way = f"tasks/{world.ids['task']}/photos/9d2b4c1e-0000-4000-8000-00000000000a"
    orphan = f"tasks/{world.ids['task']}/photos/9d2b4c1e-0000-4000-8000-00000000000b"
    store._stage(under_way, [("800-0123456789abcdef.jpg", b"on its way")])
    await store.put(f"{orphan}/800-0123456789abcdef.jpg", b"row deleted", "image/jpeg")
    await recover_files()
    assert await store.names(under_way) == ["800-0123456789abcdef.jpg"]
    assert await store.names(orphan) == []


async def test_a_photo_through_the_api_lives_in_the_bucket(
    seaweed: Seaweed,  # noqa: F811
    world_api: Api,
) -> None:
    """``STEPWISE_STORAGE_URL`` names the object store: a coach's photo goes into the bucket,
    not into the data directory, and the client reads it through the app."""
    bucket = seaweed.new_bucket()
    world = world_api.world
    assert world is not None
    with app_storage(seaweed.url(bucket)):
        assert isinstance(get_storage(), S3Storage)
        created = await world_api.post(
            f"/api/clients/{world.ids['client']}/tasks",
            as_="coach",
            json={"title": "Fold the towels", "workplace": "Hotel Aurora"},
        )
        task = created.json()
        step = await world_api.post(
            f"/api/tasks/{task['id']}/steps", as_="coach", json={"text": "Take a towel."}
        )
        step_id = step.json()["steps"][0]["id"]
        uploaded = await tasks.upload(
            world_api,
            f"/api/tasks/{task['id']}/steps/{step_id}/photo",
            photos.phone_jpeg(2000, 1500, 6, 85),
            as_="coach",
        )
        photo = uploaded.json()["photo"]
        player = (await world_api.get(f"/api/tasks/{task['id']}/player", as_="client")).json()
        assert player["steps"][0]["photo"] == photo
        url = photo["files"][0]["jpeg"]
        read = await world_api.get(url, as_="client")
        assert read.status_code == 200 and read.content.startswith(b"\xff\xd8")
        assert read.headers["content-length"] == str(len(read.content))
        assert read.headers["cache-control"] == "private, max-age=31536000, immutable"
        assert read.headers["content-type"] == "image/jpeg"
        assert "content-encoding" not in read.headers
        assert (await world_api.get(url, as_="other_client")).status_code == 404

    stored = seaweed.objects(bucket)
    prefix = f"tasks/{task['id']}/photos/{photo['id']}/"
    assert read.content in {data for key, data in stored.items() if key.startswith(prefix)}
    assert not any(k.startswith(".staging/") for k in stored)
    assert not (get_settings().data_dir / "files" / "tasks" / task["id"]).exists()
    assert not isinstance(get_storage(), S3Storage)


async def test_writing_in_place_is_named_while_it_runs(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = "goals/9d2b4c1e-0000-4000-8000-00000000000c"
    async with store.writing(prefix):
        await store.put(f"{prefix}/800-0123456789abcdef.jpg", b"new", "image/jpeg")
        if isinstance(store, S3Storage):
            assert prefix in await store.staged()
    assert await store.staged() == set()
    assert await _all(store) == {f"{prefix}/800-0123456789abcdef.jpg": 3}
    if isinstance(store, S3Storage):  # a killed writer's marker goes once it is stale
        await anyio.to_thread.run_sync(store._mark, prefix, storage_s3.WRITING)
        assert await store.recover(_no_rows) == 0 and await store.staged() == {prefix}
        monkeypatch.setattr(storage_s3, "LEASE", timedelta(0))
        await store.recover(_no_rows)
        assert await store.staged() == set()


async def _no_rows(prefixes: list[str]) -> set[str]:
    return set()


async def test_a_start_leaves_a_rows_photo_being_written_on_another_server_alone(
    seaweed: Seaweed,  # noqa: F811
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A goal's new photo is written beside the row before the row names it: a server
    starting meanwhile (``owned_photos.recover``) leaves it alone, and removes it once nobody
    writes it and no row names it."""
    from backend.lib import owned_photos

    store = S3Storage.from_url(seaweed.url(seaweed.new_bucket()))
    monkeypatch.setattr(owned_photos, "get_storage", lambda: store)
    prefix = "goals/9d2b4c1e-0000-4000-8000-00000000000d"
    async with store.writing(prefix):
        await store.put(f"{prefix}/800-0123456789abcdef.jpg", b"new", "image/jpeg")
        assert await owned_photos.recover() == 0
        assert await store.names(prefix) == ["800-0123456789abcdef.jpg"]
    assert await owned_photos.recover() == 1
    assert await store.names(prefix) == []


async def test_a_failed_write_in_put_folder_keeps_nothing(store: Storage) -> None:
    files: list[tuple[str, Any]] = [("800-0123456789abcdef.jpg", b"j"), ("800-x.webp", None)]
    committed = False

    async def commit() -> None:
        nonlocal committed
        committed = True

    from botocore.exceptions import ParamValidationError

    # The failure itself, not wrapped in an exception group.
    with pytest.raises((TypeError, ParamValidationError)):
        await store.put_folder(P, files, commit)
    assert not committed
    assert await store.names(P) == []
    assert await store.staged() == set()
    assert await _all(store) == {}


async def test_all_keys_under_a_prefix(store: Storage) -> None:
    await store.put("tasks/t1/photos/p1/800-a.webp", b"xx", "image/webp")
    await store.put("tasks/t1/voice/s1/v.webm", b"x", "audio/webm")
    await store.put("tasks2/t/readme.txt", b"x", "text/plain")
    await store.put("goals/g/800-a.jpg", b"x", "image/jpeg")
    assert {k: s async for k, s in store.all_keys("tasks")} == {
        "tasks/t1/photos/p1/800-a.webp": 2,
        "tasks/t1/voice/s1/v.webm": 1,
    }
    assert {k async for k, _ in store.all_keys("none")} == set()
