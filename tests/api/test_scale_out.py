"""Beyond one machine: two app servers and two reminder workers on one PostgreSQL and
one object store, as an operator runs them (docs/deploy.md, "Several machines").

The installation: the API tier's PostgreSQL database; a bucket of its own on the real
SeaweedFS on loopback (``STEPWISE_STORAGE_URL=s3://…``, tests/support/seaweed.py); two
``stepwise serve`` processes (granian), A and B, each with a data folder of its own (nothing is
shared through a machine's disk), the same audit key file, reminders left to the workers
(``STEPWISE_REMINDER_ENGINE=worker``) and a sign-in limit of 5 a minute; two ``stepwise worker``
processes. What is made on one server holds on the other:

- a coach's photo uploaded through A is what the client's phone reads through B, byte for byte,
  and carries no metadata;
- a sign-out on A is refused on B at the very next request, and B keeps answering everyone else
  from its session copies (the cache drops only what changed);
- sign-in attempts through both servers stop at the limit, not at twice it;
- a server killed (SIGKILL) in the middle of an upload leaves no row pointing to a missing
  object, and once its upload is settled (a later start, after the lease) no object without its
  row;
- 10,000 reminders due at once reach the loopback push service exactly once while one worker is
  killed with SIGKILL (the other takes over its claims after the lease).

PostgreSQL only (several machines need it): in the SQLite pass these are reported as skipped.
One server, or the file store, is proven apart: test_storage_backends, test_crash,
test_rate_limits_shared, test_reminders_exactly_once, test_session_cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from litestar import Litestar
from prometheus_client.parser import text_string_to_metric_families

from backend.accounts import sessions
from backend.audit import chain
from backend.lib import clock, storage_s3
from backend.settings import get_settings
from backend.tasks.recovery import recover_files
from backend.tasks.tables import Photo
from tests.api.conftest import Api
from tests.support import crash_watch, photos, reminder_load, tasks
from tests.support.cli import Server, installation, stop_all, worker
from tests.support.push_service import PushService
from tests.support.scale import assert_limited_together, sign_in_attempts
from tests.support.seaweed import REGION, Seaweed, app_storage, seaweed  # noqa: F401 (the fixture)
from tests.support.sessions import new_session
from tests.support.slow_link import SlowLink
from tests.support.world import World, touch_sessions

pytestmark = pytest.mark.postgres

LIMIT = 5  # sign-in attempts a minute, per address
LEASE_SECONDS = 3  # a dead worker's reminders are taken over this long after its claim
WAIT = 120.0


@dataclass
class Cluster:
    weed: Seaweed
    bucket: str
    servers: list[Server]
    workers: list[Any] = field(default_factory=list)

    @property
    def a(self) -> Server:
        return self.servers[0]

    @property
    def b(self) -> Server:
        return self.servers[1]

    @property
    def storage_url(self) -> str:
        return self.weed.url(self.bucket)

    def objects(self) -> dict[str, bytes]:
        return self.weed.objects(self.bucket)

    @contextlib.asynccontextmanager
    async def apis(self, world: World) -> AsyncIterator[tuple[Api, Api]]:
        """A client of A and one of B, as phones reach them through the load balancer."""
        async with (
            httpx.AsyncClient(base_url=self.a.url, timeout=60) as a,
            httpx.AsyncClient(base_url=self.b.url, timeout=60) as b,
        ):
            yield Api(a, world), Api(b, world)


@pytest.fixture(scope="module")
async def cluster(
    app: Litestar,  # the database is migrated
    seaweed: Seaweed,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Cluster]:
    settings = get_settings()
    chain.key()  # made if missing: every machine signs the audit log with this same key
    key_file = settings.audit_key_file or str(settings.data_dir / "secrets" / chain.KEY_NAME)
    bucket = seaweed.new_bucket()
    folder = tmp_path_factory.mktemp("scale-out")

    def machine(name: str) -> dict[str, str]:
        env = installation(folder / name, settings.database_url)
        return env | {
            "STEPWISE_STORAGE_URL": seaweed.url(bucket),
            "STEPWISE_AUDIT_KEY_FILE": key_file,
            "STEPWISE_REMINDER_ENGINE": "worker",
            "STEPWISE_REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
            "STEPWISE_RATE_LIMIT": str(LIMIT),
            "STEPWISE_PUSH_LOOPBACK": "1",
        }

    servers = [Server(machine("a")), Server(machine("b"))]
    found = Cluster(seaweed, bucket, servers)
    try:
        await asyncio.gather(*(asyncio.to_thread(s.start) for s in servers))
        found.workers = [worker(machine(f"worker-{n}")) for n in range(2)]
        yield found
    finally:
        stop_all(found.workers)
        for server in servers:
            server.stop()


# -- a photo through A, read through B ---------------------------------------------------------


async def _task_with_step(api: Api, client: str, title: str) -> tuple[str, str]:
    task = await api.post(f"/api/clients/{client}/tasks", as_="coach", json={"title": title})
    assert task.status_code == 201, task.text
    return task.json()["id"], await _step(api, task.json()["id"])


async def _step(api: Api, task: str) -> str:
    detail = await api.post(f"/api/tasks/{task}/steps", as_="coach", json={"text": "Take a towel."})
    assert detail.status_code == 201, detail.text
    return str(detail.json()["steps"][-1]["id"])


async def test_a_photo_uploaded_through_one_server_is_read_through_the_other(
    world_api: Api, cluster: Cluster
) -> None:
    world = world_api.world
    assert world is not None
    async with cluster.apis(world) as (a, b):
        task, step = await _task_with_step(a, world.ids["client"], "Fold the towels")
        uploaded = await tasks.upload(
            a, f"/api/tasks/{task}/steps/{step}/photo", photos.phone_jpeg(), as_="coach"
        )
        assert uploaded.status_code == 200, uploaded.text
        photo = uploaded.json()["photo"]

        # The client's phone, through B: the step shows the photo, each size reads back.
        player = await b.get(f"/api/tasks/{task}/player", as_="client")
        assert player.status_code == 200 and player.json()["steps"][0]["photo"] == photo
        stored = {
            key: data
            for key, data in cluster.objects().items()
            if key.startswith(f"tasks/{task}/photos/{photo['id']}/")
        }
        assert len(stored) == 2 * len(photo["files"])
        for size in photo["files"]:
            for url in (size["webp"], size["jpeg"]):
                read = await b.get(url, as_="client")
                assert read.status_code == 200
                assert read.content in stored.values()  # the stored bytes, unchanged
                photos.assert_no_metadata(read.content)
                assert (await a.get(url, as_="client")).content == read.content
                assert (await b.get(url, as_="other_client")).status_code == 404
    # Nothing of it on either machine's disk.
    for server in cluster.servers:
        files = Path(server.env["STEPWISE_DATA_DIR"]) / "files"
        assert not files.exists() or not any(p.is_file() for p in files.rglob("*"))


# -- a sign-out on A, refused on B -------------------------------------------------------------


def _lookups(url: str) -> dict[str, float]:
    """B's session lookups so far, answered from a copy (hit) or from the database (miss)."""
    text = httpx.get(f"{url}/metrics", timeout=10).text
    found = {"hit": 0.0, "miss": 0.0}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "stepwise_session_cache_lookups_total":
                found[sample.labels["result"]] = sample.value
    return found


async def _from_copy(api: Api, url: str, who: str) -> tuple[int, bool]:
    """The status of ``who``'s next request, and whether the server answered it from a copy."""
    before = _lookups(url)["hit"]
    status = (await api.get("/api/me", as_=who)).status_code
    return status, _lookups(url)["hit"] > before


async def test_a_sign_out_on_one_server_is_refused_on_the_other_at_the_next_request(
    world_api: Api, cluster: Cluster
) -> None:
    world = world_api.world
    assert world is not None
    others = ["coach", "other_coach", "coordinator", "other_client", "family"]
    async with cluster.apis(world) as (a, b):
        for _ in range(3):
            await touch_sessions(world)  # copies serve only recently seen sessions
            # B has copies of everyone's sessions (each kept once a request is answered by it).
            started = time.monotonic()
            for who in ["client", *others]:
                deadline = time.monotonic() + 10
                while (await _from_copy(b, cluster.b.url, who)) != (200, True):
                    assert time.monotonic() < deadline, f"B kept no copy of {who}'s session"
            assert (await a.post("/api/signout", as_="client")).status_code == 204
            assert await _from_copy(b, cluster.b.url, "client") == (401, False)
            kept = {who: await _from_copy(b, cluster.b.url, who) for who in others}
            # A copy lasts half to all of CACHE_SECONDS (at random): the shortest counts.
            if time.monotonic() - started < sessions.CACHE_SECONDS / 2 - 0.5:
                break
            # So slow a machine that the first copies outlived their few seconds: again.
            world.tokens["client"] = await new_session(world.ids["client"])
        else:
            pytest.fail("the copies never stayed long enough to be looked at")
    # Everybody else is still answered from B's copies: the sign-out dropped one session's.
    assert kept == dict.fromkeys(others, (200, True))


# -- sign-in attempts through both -------------------------------------------------------------


async def test_sign_in_attempts_through_both_servers_stop_at_the_limit(
    api: Api, cluster: Cluster
) -> None:
    statuses, turned = sign_in_attempts([s.url for s in cluster.servers], 2 * LIMIT + 2)
    assert_limited_together(statuses, turned, LIMIT)


# -- a server killed in the middle of an upload ------------------------------------------------


def _expected_keys(rows: list[dict[str, Any]]) -> set[str]:
    """The objects the photo rows name."""
    keys = set()
    for row in rows:
        sizes = json.loads(row["sizes"]) if isinstance(row["sizes"], str) else row["sizes"]
        for size in sizes:
            for ext in ("webp", "jpg"):
                name = f"{size['size']}-{row['content_hash'][:16]}.{ext}"
                keys.add(f"tasks/{row['task']}/photos/{row['id']}/{name}")
    return keys


async def _rows_have_their_objects(cluster: Cluster) -> set[str]:
    """No photo row names a missing object; the keys they name."""
    rows = await Photo.select(Photo.id, Photo.task, Photo.content_hash, Photo.sizes)
    expected = _expected_keys(rows)
    assert expected - set(cluster.objects()) == set(), "rows whose objects are missing"
    return expected


def _markers(cluster: Cluster, task: str) -> list[str]:
    return [
        k
        for k in cluster.objects()
        if k.startswith((f"{storage_s3.STAGING}/", f"{storage_s3.WRITING}/")) and task in k
    ]


async def _upload_until_killed(cluster: Cluster, a: Api, b: Api, task: str) -> list[str]:
    """Upload through A, SIGKILLed the moment the photo's first object appears in the bucket,
    until a kill finds the upload half done: some of its objects stored, its row not committed
    (its marker left). The markers left."""
    picture = photos.phone_jpeg()
    for attempt in range(1, 6):
        step = await _step(b, task)
        assert cluster.a.process is not None
        photos_of_task = f"s3://{cluster.bucket}/tasks/{task}/photos/"
        watch = crash_watch.watch(
            cluster.a.process.pid, [f"{photos_of_task}?endpoint={cluster.weed.endpoint}"]
        )
        try:
            sent = asyncio.create_task(
                tasks.upload(a, f"/api/tasks/{task}/steps/{step}/photo", picture, as_="coach")
            )
            killed, _ = await asyncio.wait_for(asyncio.to_thread(watch.communicate), WAIT)
            with contextlib.suppress(httpx.TransportError):
                await sent
        finally:
            if watch.poll() is None:
                watch.kill()
        assert killed.strip(), "no object appeared"
        cluster.a.kill()
        # At every moment, not only after recovery: no row names a missing object.
        await _rows_have_their_objects(cluster)
        written = [k for k in cluster.objects() if k.startswith(f"tasks/{task}/photos/")]
        committed = await Photo.count().where(Photo.task == task)
        left = _markers(cluster, task)
        if left and written and not committed:
            print(
                f"\nkilled in the middle of upload {attempt}: {len(written)} of its 6 objects "
                f"stored, its row not committed"
            )
            return left
        await asyncio.to_thread(cluster.a.start)
    pytest.fail("no kill landed in the middle of an upload")


async def test_a_server_killed_in_the_middle_of_an_upload_leaves_nothing_half_written(
    world_api: Api, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = world_api.world
    assert world is not None
    # A reaches the store through a slow link: a photo's large sizes are still on their way
    # when its small ones are stored, and the kill comes then.
    store = urlsplit(cluster.weed.endpoint)
    link = await SlowLink(str(store.hostname), int(store.port or 80), rate=1_000_000).start()
    direct = cluster.a.env
    cluster.a.stop()
    cluster.a.env = direct | {
        "STEPWISE_STORAGE_URL": f"s3://{cluster.bucket}?endpoint=http://127.0.0.1:{link.port}"
        f"&region={REGION}"
    }
    try:
        async with cluster.apis(world) as (a, b):
            task, _ = await _task_with_step(b, world.ids["client"], "Set the tables")
            await asyncio.to_thread(cluster.a.start)
            left = await _upload_until_killed(cluster, a, b, task)
    finally:
        cluster.a.env = direct
        await link.stop()

    # A starts again: an upload under way (any server's, for all it knows) is left alone.
    await asyncio.to_thread(cluster.a.start)
    assert _markers(cluster, task) == left

    # A start after the lease settles it (here, in this process, with the lease passed).
    monkeypatch.setattr(storage_s3, "LEASE", timedelta(0))
    with app_storage(cluster.storage_url):
        await recover_files()
    expected = await _rows_have_their_objects(cluster)
    # Every object in the bucket is a row's: nothing half-written, no marker left.
    assert set(cluster.objects()) == expected

    # The phone sends the photo again, through B; the client sees it through A.
    async with cluster.apis(world) as (a, b):
        step = await _step(b, task)
        again = await tasks.upload(
            b, f"/api/tasks/{task}/steps/{step}/photo", photos.phone_jpeg(), as_="coach"
        )
        assert again.status_code == 200, again.text
        url = again.json()["photo"]["files"][0]["jpeg"]
        read = await a.get(url, as_="client")
    assert read.status_code == 200
    assert set(cluster.objects()) == await _rows_have_their_objects(cluster)
    assert read.content in cluster.objects().values()


# -- 10,000 reminders, a worker killed ---------------------------------------------------------


async def test_ten_thousand_reminders_reach_phones_once_while_a_worker_is_killed(
    api: Api, cluster: Cluster
) -> None:
    users, per_user = 1000, 10
    total = users * per_user
    push = await PushService().start()
    try:
        await reminder_load.seed(push, users, per_user, clock.now())
        deadline = time.monotonic() + WAIT
        while (sent := (await reminder_load.statuses()).get("sent", 0)) < total // 10:
            assert time.monotonic() < deadline, "the workers sent nothing"
            await asyncio.sleep(0.05)
        victim = cluster.workers[0]
        victim.kill()  # SIGKILL: its claimed batch is neither sent nor put back
        victim.wait()
        assert sent < total, "all were sent before the kill"
        while (await reminder_load.statuses()).get("sent", 0) < total:
            assert time.monotonic() < deadline, await reminder_load.statuses()
            await asyncio.sleep(0.1)
        await reminder_load.check_exactly_once(push, total, kills=1)
    finally:
        await push.stop()
