"""The server killed with SIGKILL twice while phones check in and a coach uploads photos: no
acknowledged write is lost, nothing is stored twice when the phones send again, and the data
directory holds no stored file without its row nor a row without its files.

A real ``stepwise serve`` runs in processes of its own on the API tier's installation (its data
directory and its database: SQLite, or PostgreSQL when ``STEPWISE_TEST_DATABASE_URL`` is set).
Each client's phone sends its writes as the outbox does (a step done, a request for help, a goal
check-in; each with the ``Idempotency-Key`` and the ``localId`` made when the person acted); the
coach uploads 12 MP phone photos to steps. The kills happen at conditions the test waits for,
not after a sleep: the first once enough writes were acknowledged while a photo is on its way,
the second at the moment a photo's files begin to appear on disk. After each kill the server is
started again; the phones then send everything that got no answer, and some that did.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec

from backend.clients import services as clients
from backend.goals.tables import CheckIn
from backend.lib.clock import now
from backend.lib.storage import STAGING, TRASH
from backend.settings import get_settings
from backend.sync.tables import IdempotencyRecord
from backend.tasks.tables import HelpRequest, Photo, Step, StepCompletion
from tests.api.conftest import Api
from tests.support import crash_watch
from tests.support.cli import Server
from tests.support.photos import phone_jpeg
from tests.support.world import make_user

PHONES = 4
WRITES_PER_PHONE = 30
UPLOADS = 8
FIRST_KILL_AT = 30  # acknowledged check-ins before the first kill
SECOND_KILL_AFTER = 30  # more of them before the second kill is armed
DEADLINE = 240.0


@dataclass
class Write:
    method: str
    path: str
    key: str
    token: str
    table: str = ""  # what the write makes: completion, help, check-in, photo
    body: dict[str, Any] | None = None
    upload: bytes | None = None
    answers: list[tuple[int, str]] = field(default_factory=list)  # (status, id) of each answer

    @property
    def answered(self) -> bool:
        return bool(self.answers)


@dataclass
class Run:
    server: Server
    up: asyncio.Event = field(default_factory=asyncio.Event)
    acked: int = 0
    uploads_in_flight: int = 0
    refused: list[str] = field(default_factory=list)


def stamp() -> str:
    return msgspec.json.encode(now()).decode().strip('"')


async def send(client: httpx.AsyncClient, write: Write) -> httpx.Response | None:
    """One attempt; None when no answer came (the server died under it) or the answer asks to
    come back later (5xx, or 409 while the first attempt is still in progress)."""
    headers = {
        "x-requested-with": "stepwise",
        "idempotency-key": write.key,
        "cookie": f"stepwise_session={write.token}",
    }
    try:
        if write.upload is not None:
            response = await client.request(
                write.method,
                write.path,
                headers=headers,
                files={"file": ("photo.jpg", write.upload, "image/jpeg")},
            )
        else:
            response = await client.request(
                write.method, write.path, headers=headers, json=write.body
            )
    except httpx.TransportError:
        return None
    if response.status_code >= 500 or response.status_code == 409:
        return response if response.status_code == 409 else None
    return response


def answer_id(write: Write, response: httpx.Response) -> str:
    body = response.json()
    if write.table == "photo":
        return str(body["photo"]["id"])
    return str(body["id"])


async def deliver(client: httpx.AsyncClient, run: Run, write: Write, *, patient: bool) -> bool:
    """Send until answered; ``patient``: also wait out 409 ``in_progress`` (Retry-After)."""
    for _ in range(120):
        await run.up.wait()
        if write.upload is not None:
            run.uploads_in_flight += 1
        try:
            response = await send(client, write)
        finally:
            if write.upload is not None:
                run.uploads_in_flight -= 1
        if response is None:
            if not patient:
                return False
            continue
        if response.status_code == 409:
            if not patient:
                return False
            await asyncio.sleep(float(response.headers.get("retry-after", "1")))
            continue
        if response.status_code not in (200, 201):
            run.refused.append(f"{write.path}: {response.status_code} {response.text}")
            return True
        write.answers.append((response.status_code, answer_id(write, response)))
        if write.upload is None:
            run.acked += 1
        return True
    raise AssertionError(f"{write.path} was never answered")


async def phone(client: httpx.AsyncClient, run: Run, writes: list[Write]) -> None:
    """The outbox: each write once while the server lives; what got no answer waits."""
    for write in writes:
        await deliver(client, run, write, patient=False)


def files_root() -> Path:
    return get_settings().data_dir / "files"


def where_photos_go(uploads: list[Write]) -> list[Path]:
    """The folders a photo's files appear in while it is stored: its task's photos (and the
    storage's staging folder, where they are written first): watched alone, so that a look
    takes far less time than storing a photo's sizes."""
    task = uploads[0].path.split("/")[3]
    return [files_root() / "tasks" / task / "photos", files_root() / ".staging"]


def watcher(server: Server, folders: list[Path]) -> subprocess.Popen[str]:
    """A process that SIGKILLs the server the moment a new file appears in ``folders``."""
    assert server.process is not None
    return crash_watch.watch(server.process.pid, [str(f) for f in folders])


async def kill_when(run: Run, condition: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert run.refused == []
        assert time.monotonic() < deadline, f"never reached: {what}"
        await asyncio.sleep(0.005)
    run.up.clear()
    run.server.kill()


async def restart(run: Run) -> None:
    await asyncio.to_thread(run.server.start)
    run.up.set()


async def add_step(api: Api, task: str, text: str) -> str:
    detail = await api.post(f"/api/tasks/{task}/steps", as_="coach", json={"text": text})
    assert detail.status_code == 201, detail.text
    return str(detail.json()["steps"][-1]["id"])


async def make_world(api: Api) -> tuple[list[list[Write]], list[Write]]:
    world = api.world
    assert world is not None
    coach = world.ids["coach"]
    today = now().date()
    per_phone: list[list[Write]] = []
    for i in range(PHONES):
        key = f"phone{i}"
        client_id = await make_user(world, key, f"Client {i}", "client", None)
        await clients.create_record(client_id, coach)
        task = (
            await api.post(
                f"/api/clients/{client_id}/tasks", as_="coach", json={"title": f"Task {i}"}
            )
        ).json()["id"]
        steps = [await add_step(api, task, f"Step {n} of {i}.") for n in range(3)]
        goal = await api.post(
            f"/api/clients/{client_id}/goals",
            as_="coach",
            json={
                "localId": str(uuid.uuid4()),
                "title": "Arrive on time",
                "means": ["Take the early bus"],
                "endsOn": (today + timedelta(days=14)).isoformat(),
                "levels": {"expected": "I arrive on time every day."},
            },
        )
        assert goal.status_code == 201, goal.text
        token = world.tokens[key]
        writes = []
        run_id = str(uuid.uuid4())
        for n in range(WRITES_PER_PHONE):
            if n % 3 == 0:
                run_id = str(uuid.uuid4())
            if n % 7 == 6:
                path, table = f"/api/tasks/{task}/help-requests", "help"
                body: dict[str, Any] = {"stepId": steps[n % 3]}
            elif n % 5 == 4:
                path, table = f"/api/goals/{goal.json()['id']}/check-ins", "check-in"
                body = {"level": 0, "note": f"check-in {n}"}
            else:
                path, table = f"/api/tasks/{task}/completions", "completion"
                body = {"stepId": steps[n % 3], "runId": run_id}
            body |= {"localId": str(uuid.uuid4()), "at": stamp()}
            writes.append(Write("POST", path, f"k-{uuid.uuid4()}", token, table, body))
        per_phone.append(writes)

    photo_task = (
        await api.post(
            f"/api/clients/{world.ids['client']}/tasks", as_="coach", json={"title": "Photos"}
        )
    ).json()["id"]
    pictures = [phone_jpeg(), phone_jpeg(quality=85)]
    uploads = []
    for n in range(UPLOADS):
        step = await add_step(api, photo_task, f"Photo step {n}.")
        uploads.append(
            Write(
                "PUT",
                f"/api/tasks/{photo_task}/steps/{step}/photo",
                f"k-{uuid.uuid4()}",
                world.tokens["coach"],
                "photo",
                upload=pictures[n % 2],
            )
        )
    return per_phone, uploads


async def test_sigkill_twice_during_check_ins_and_uploads(world_api: Api) -> None:
    per_phone, uploads = await make_world(world_api)
    everything = [w for writes in per_phone for w in writes] + uploads
    run = Run(Server(os.environ.copy()))
    await restart(run)
    senders: list[asyncio.Task[None]] = []
    try:
        async with httpx.AsyncClient(base_url=run.server.url, timeout=120) as client:
            senders = [asyncio.create_task(phone(client, run, w)) for w in [*per_phone, uploads]]

            # First kill: enough writes acknowledged, and a photo on its way.
            await kill_when(
                run,
                lambda: run.acked >= FIRST_KILL_AT and run.uploads_in_flight > 0,
                "check-ins acknowledged while a photo was being sent",
            )
            await restart(run)

            # Second kill: the moment a photo's files begin to appear in the data directory.
            target = run.acked + SECOND_KILL_AFTER
            deadline = time.monotonic() + DEADLINE
            while run.acked < target:
                assert run.refused == []
                assert time.monotonic() < deadline, "no check-ins acknowledged after a restart"
                await asyncio.sleep(0.005)
            watch = watcher(run.server, where_photos_go(uploads))
            try:
                killed = await asyncio.wait_for(asyncio.to_thread(watch.communicate), DEADLINE)
            finally:
                if watch.poll() is None:
                    watch.kill()
            assert killed[0].strip(), "no photo was stored"
            run.up.clear()
            run.server.kill()
            await restart(run)

            await asyncio.gather(*senders)
            # The phones send again everything that got no answer, waiting as they are told.
            for write in everything:
                if not write.answered:
                    assert await deliver(client, run, write, patient=True)
            # … and some that were answered (the answer was lost on the way, as far as they know).
            for write in everything[::3]:
                assert await deliver(client, run, write, patient=True)
    finally:
        for sender in senders:
            sender.cancel()
        run.server.stop()
    # The guarantee is the one a restart gives: what a stopped or killed server left half-done
    # (a staged folder, a claim of a process that is gone) is settled when the next one starts.
    await restart(run)
    run.server.stop()

    assert run.refused == []
    await check_photos(uploads)
    await check_writes([w for w in everything if w.table != "photo"])


async def check_writes(writes: list[Write]) -> None:
    tables = {"completion": StepCompletion, "help": HelpRequest, "check-in": CheckIn}
    for name, table in tables.items():
        mine = [w for w in writes if w.table == name]
        rows = await table.select(table.id, table.client_uuid)
        by_uuid: dict[str, list[str]] = {}
        for row in rows:
            by_uuid.setdefault(str(row["client_uuid"]), []).append(str(row["id"]))
        for write in mine:
            assert write.body is not None
            stored = by_uuid.get(write.body["localId"], [])
            assert len(stored) == 1, f"{name} {write.body['localId']}: {len(stored)} rows"
            # Every answer the phone got names that one row: the first, and every resend.
            assert {answer for _, answer in write.answers} == {stored[0]}, write.answers
        assert len(rows) == len(mine), f"{name}: {len(rows)} rows for {len(mine)} writes"
    # Nothing is left half-done for a phone to wait on.
    pending = await IdempotencyRecord.select(
        IdempotencyRecord.scope_key, IdempotencyRecord.content_type, IdempotencyRecord.created_at
    ).where(IdempotencyRecord.status == 0)
    assert pending == []


async def check_photos(uploads: list[Write]) -> None:
    root = files_root()
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    rows = await Photo.select(Photo.id, Photo.task, Photo.content_hash, Photo.sizes)
    expected: set[str] = set()
    for row in rows:
        sizes = json.loads(row["sizes"]) if isinstance(row["sizes"], str) else row["sizes"]
        for size in sizes:
            for ext in ("webp", "jpg"):
                name = f"{size['size']}-{row['content_hash'][:16]}.{ext}"
                expected.add(f"tasks/{row['task']}/photos/{row['id']}/{name}")
    photo_files = {k for k in on_disk if "/photos/" in k}
    assert expected - on_disk == set(), "rows whose files are missing"
    assert photo_files - expected == set(), "stored photo files without their row"
    # Only where this test's writes go: other tests of the session keep their own files (a coach's
    # certificates) under other folders of the same root.
    ours = {k for k in on_disk if k.split("/", 1)[0] in ("tasks", STAGING, TRASH)}
    assert {k for k in ours if "/photos/" not in k and "/voice/" not in k} == set(), (
        "files that belong to nothing (unfinished writes)"
    )
    # Each step shows the photo of the last answer its upload got; no photo row is left over.
    steps = {str(s["id"]): s["photo"] for s in await Step.select(Step.id, Step.photo) if s["photo"]}
    assert {str(r["id"]) for r in rows} == {str(p) for p in steps.values()}
    for write in uploads:
        step_id = write.path.split("/")[-2]
        assert write.answers, write.path
        assert str(steps[step_id]) == write.answers[-1][1]
