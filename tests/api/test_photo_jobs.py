"""Photos processed in ``stepwise worker`` processes (``STEPWISE_PHOTO_JOBS=workers``): a step
photo uploaded through the API is processed by a real worker process and stored exactly as
local processing stores it; a worker SIGKILLed in the middle of a job is replaced by another
after the lease; with no worker running, the app server processes the photo itself.

The app server is the tests' own (the API through httpx); the workers are real processes on
the same database and store (a folder, or for the first test also a bucket of a real S3 store).
On PostgreSQL they are woken by ``NOTIFY``; on SQLite (workers on the same machine, one
database file) they look every ``--interval`` seconds: the same tests run on both, nothing is
skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import io
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from backend.lib import images, metrics, photo_job_db, photo_jobs
from backend.lib.owned_photos import file_name
from backend.lib.storage import get_storage
from backend.lib.tables import PhotoJob
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import photos, tasks
from tests.support.seaweed import Seaweed, app_storage, seaweed  # noqa: F401 (the fixture)

METADATA_MARKERS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"PhoneMaker", b"serial=")
LEASE_SECONDS = 2
PATIENCE = 180.0  # a loaded 2-core machine starts a worker in seconds, not minutes


@pytest.fixture(autouse=True)
async def no_jobs_kept() -> None:
    """The tables are emptied for every test, the store is not."""
    await get_storage().delete_prefix(photo_job_db.ROOT)


@pytest.fixture
async def in_workers(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[[int], None]]:
    """This (the tests') app server hands photos to workers, taking one back after ``wait``."""

    def use(wait_seconds: int) -> None:
        settings = dataclasses.replace(
            get_settings(), photo_jobs="workers", photo_job_wait_seconds=wait_seconds
        )
        monkeypatch.setattr(photo_jobs, "get_settings", lambda: settings)

    yield use
    await photo_job_db.close()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """``start()`` starts a ``stepwise worker`` (its flags as arguments); each is stopped with
    SIGTERM at the end, and its log printed (pytest shows it when the test failed)."""
    started: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []

    def start(*flags: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "STEPWISE_PHOTO_JOBS": "workers",
            "STEPWISE_PHOTO_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        }
        logs.append(tmp_path / f"worker-{len(started)}.log")
        with logs[-1].open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "backend.cli", "worker", "--interval", "0.2", *flags],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for process, log in zip(started, logs, strict=True):
        print(f"--- worker {process.pid}:\n{log.read_text(errors='replace')[-3000:]}")


async def _until(
    condition: Callable[[], Awaitable[bool]], what: str, seconds: float = PATIENCE
) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not in {seconds:.0f} s: {what}")
        await asyncio.sleep(0.01)


class Watch:
    """Every state the upload's job was seen in: (status, claimed_by, attempts)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, int]] = []

    async def look(self) -> list[tuple[str, str, int]]:
        rows = await PhotoJob.select(PhotoJob.status, PhotoJob.claimed_by, PhotoJob.attempts)
        now = [(r["status"], r["claimed_by"], r["attempts"]) for r in rows]
        for state in now:
            if not self.seen or self.seen[-1] != state:
                self.seen.append(state)
        return now


@contextlib.asynccontextmanager
async def watching() -> AsyncIterator[Watch]:
    watch = Watch()

    async def keep_looking() -> None:
        while True:
            await watch.look()
            await asyncio.sleep(0.01)

    task = asyncio.get_running_loop().create_task(keep_looking())
    try:
        yield watch
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _new_step(api: Api, title: str) -> tuple[str, str]:
    w = api.world
    assert w is not None
    task = await api.post(
        f"/api/clients/{w.ids['client']}/tasks",
        as_="coach",
        json={"title": title, "workplace": "Hotel Riverside"},
    )
    task_id = task.json()["id"]
    step = await api.post(
        f"/api/tasks/{task_id}/steps", as_="coach", json={"text": "Take a towel from the pile."}
    )
    return task_id, step.json()["steps"][0]["id"]


@functools.cache
def _expected_files() -> dict[str, bytes]:
    """The files local processing (``images.process`` in this process) makes of the photo
    uploaded (``phone_jpeg()``: ``photos.processed()`` is of another picture, with other grain)."""
    processed = images.process(photos.phone_jpeg())
    files = {}
    for v in processed.variants:
        files[file_name(v.size, processed.content_hash, "webp")] = v.webp
        files[file_name(v.size, processed.content_hash, "jpg")] = v.jpeg
    return files


Files = Callable[[], dict[str, bytes]]


def _stored(task_id: str, files: Files = tasks.stored_files) -> dict[str, bytes]:
    prefix = f"tasks/{task_id}/photos/"
    return {key.rsplit("/", 1)[1]: data for key, data in files().items() if key.startswith(prefix)}


async def _nothing_left_of_jobs(files: Files = tasks.stored_files) -> None:
    assert await PhotoJob.count() == 0
    assert not [k for k in files() if k.startswith(f"{photo_job_db.ROOT}/")]


@pytest.fixture(params=["file", "s3"])
def store(request: pytest.FixtureRequest) -> Iterator[Files]:
    """The app server and the workers started meanwhile store in a folder, or in a bucket of a
    real S3 store (SeaweedFS on loopback); what is stored, read back."""
    if request.param == "file":
        yield tasks.stored_files
        return
    weed: Seaweed = request.getfixturevalue("seaweed")
    bucket = weed.new_bucket()
    with app_storage(weed.url(bucket)):
        yield lambda: weed.objects(bucket)


def _handed(outcome: str) -> float:
    return metrics.PHOTO_JOBS_HANDED.labels(outcome)._value.get()  # type: ignore[no-any-return]


async def test_a_worker_process_stores_the_same_clean_sizes_as_local_processing(
    world_api: Api,
    store: Files,
    in_workers: Callable[[int], None],
    workers: Callable[..., subprocess.Popen[bytes]],
) -> None:
    in_workers(int(PATIENCE))  # never taken back here: the worker must do it
    worker = workers()  # a whole `stepwise worker`: reminders and photos
    task_id, step_id = await _new_step(world_api, "Fold towels")
    done, taken_back = _handed("done"), _handed("taken_back")

    async with watching() as watch:
        answer = await tasks.upload(
            world_api,
            f"/api/tasks/{task_id}/steps/{step_id}/photo",
            photos.phone_jpeg(),
            as_="coach",
        )
    assert answer.status_code == 200, answer.text
    photo = answer.json()["photo"]
    assert [(f["size"], f["width"], f["height"]) for f in photo["files"]] == [
        (1600, 1200, 1600),
        (800, 600, 800),
        (320, 240, 320),
    ]
    # Done by that worker process, and stored byte for byte as local processing stores it.
    assert any(
        status == "working" and by.endswith(f":{worker.pid}") for status, by, _ in watch.seen
    ), watch.seen
    assert (_handed("done"), _handed("taken_back")) == (done + 1, taken_back)
    stored = _stored(task_id, store)
    assert stored == _expected_files()
    for name, data in stored.items():
        image = Image.open(io.BytesIO(data))
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "icc_profile"} & set(image.info)
        for marker in METADATA_MARKERS:
            assert marker not in data, (name, marker)
    middle = photo["files"][1]["jpeg"]
    served = await world_api.get(middle, as_="client")
    assert served.status_code == 200
    assert served.content == stored[middle.rsplit("/", 1)[1]]
    await _nothing_left_of_jobs(store)

    # What is not a photo is refused by the worker with the problem local processing gives.
    for data, status, code in (
        (b"Shopping list: towels, soap\n" * 40, 415, "not_an_image"),
        (photos.truncated_jpeg(), 422, "damaged"),
    ):
        refused = await tasks.upload(
            world_api, f"/api/tasks/{task_id}/steps/{step_id}/photo", data, as_="coach"
        )
        assert refused.status_code == status, refused.text
        problem = refused.json()
        assert [(e["field"], e["code"]) for e in problem["errors"]] == [("file", code)]
    assert _handed("taken_back") == taken_back
    assert _stored(task_id, store) == stored  # the step keeps its photo
    await _nothing_left_of_jobs(store)


async def test_a_worker_killed_in_the_middle_of_a_job_is_replaced_after_its_lease(
    world_api: Api,
    in_workers: Callable[[int], None],
    workers: Callable[..., subprocess.Popen[bytes]],
) -> None:
    in_workers(int(PATIENCE))
    first = workers("--photos-only")
    task_id, step_id = await _new_step(world_api, "Fold sheets")

    async with watching() as watch:
        upload = asyncio.get_running_loop().create_task(
            tasks.upload(
                world_api,
                f"/api/tasks/{task_id}/steps/{step_id}/photo",
                photos.phone_jpeg(),
                as_="coach",
            )
        )

        async def first_holds_it() -> bool:
            return any(
                status == "working" and by.endswith(f":{first.pid}")
                for status, by, _ in await watch.look()
            )

        await _until(first_holds_it, "the first worker claims the job")
        first.send_signal(signal.SIGKILL)  # in the middle: its photo processes barely started
        first.wait()
        second = workers("--photos-only")
        async with asyncio.timeout(PATIENCE):
            answer = await upload

    assert answer.status_code == 200, answer.text
    by_first = [s for s in watch.seen if s[1].endswith(f":{first.pid}")]
    by_second = [s for s in watch.seen if s[1].endswith(f":{second.pid}")]
    assert [(s, a) for s, _, a in by_first] == [("working", 1)], watch.seen  # never finished
    assert ("working", 2) in [(s, a) for s, _, a in by_second], watch.seen  # after the lease
    assert _stored(task_id) == _expected_files()
    await _nothing_left_of_jobs()


async def test_with_no_worker_running_the_app_server_processes_the_photo_itself(
    world_api: Api, in_workers: Callable[[int], None], caplog: pytest.LogCaptureFixture
) -> None:
    in_workers(1)
    task_id, step_id = await _new_step(world_api, "Fold napkins")
    taken_back = _handed("taken_back")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="stepwise.photo_jobs"):
        answer = await tasks.upload(
            world_api,
            f"/api/tasks/{task_id}/steps/{step_id}/photo",
            photos.phone_jpeg(),
            as_="coach",
        )
    assert answer.status_code == 200, answer.text
    assert time.monotonic() - started >= 1  # it waited for a worker first
    assert _handed("taken_back") == taken_back + 1
    assert any("no worker answered" in r.getMessage() for r in caplog.records)
    assert _stored(task_id) == _expected_files()
    await _nothing_left_of_jobs()

    # Refused as locally, by the app server itself.
    refused = await tasks.upload(
        world_api,
        f"/api/tasks/{task_id}/steps/{step_id}/photo",
        b"Shopping list: towels, soap\n" * 40,
        as_="coach",
    )
    assert refused.status_code == 415
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("file", "not_an_image")]
    await _nothing_left_of_jobs()
