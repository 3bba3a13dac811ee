"""The photo jobs' claims and leases (``backend/lib/photo_jobs.py``) on the database itself, with
the clock moved by hand: one worker at a time holds a job, another takes it only after the
lease, a claim that was taken over cannot record an answer, the app server takes back only
what no worker holds, and housekeeping removes what crashes left. The same tests on SQLite and
on PostgreSQL; the real worker processes are in ``test_photo_jobs.py``."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from litestar import Litestar
from prometheus_client.parser import text_string_to_metric_families

from backend.lib import images, photo_job_db, photo_job_worker, photo_jobs, photo_pool
from backend.lib.errors import ProblemError
from backend.lib.storage import get_storage
from backend.lib.tables import PhotoJob
from backend.piccolo_conf import DB
from tests.api.conftest import Api
from tests.support import photos
from tests.support.clock import FakeClock, install

T0 = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
LEASE = 30


@pytest.fixture
async def fake_clock(monkeypatch: pytest.MonkeyPatch, api: Api) -> FakeClock:
    return install(monkeypatch, T0)


@pytest.fixture(autouse=True)
async def no_jobs_kept() -> AsyncIterator[None]:
    """Each test starts without stored jobs (the tables are emptied for every test, the store
    is not) and leaves no listening connection behind."""
    await get_storage().delete_prefix(photo_job_db.ROOT)
    yield
    await photo_job_db.close()
    await get_storage().delete_prefix(photo_job_db.ROOT)


def _worker(name: str) -> photo_job_worker.Worker:
    return photo_job_worker.Worker(name=name, lease_seconds=LEASE)


async def _status(job: photo_jobs.Job) -> str | None:
    row = await PhotoJob.select(PhotoJob.status).where(PhotoJob.id == job.id).first()
    return None if row is None else str(row["status"])


async def test_one_worker_holds_a_job_and_another_takes_it_only_after_the_lease(
    fake_clock: FakeClock,
) -> None:
    job = await photo_jobs.hand_over(b"an upload")
    a, b = _worker("a"), _worker("b")
    [held] = await a.claim(5)
    assert (held.id, held.attempt) == (job.id, 1)
    assert await b.claim(5) == []
    fake_clock.advance(seconds=LEASE - 1)
    assert await b.claim(5) == []
    fake_clock.advance(seconds=2)
    [taken] = await b.claim(5)
    assert (taken.id, taken.attempt) == (job.id, 2)
    # The first worker comes back late: its answer is not recorded, the second's is.
    assert not await a.finish(held, "done", "{}")
    assert await b.finish(taken, "failed", "")
    assert await _status(job) == "failed"


async def test_competing_workers_claim_each_job_once(fake_clock: FakeClock) -> None:
    jobs = [await photo_jobs.hand_over(b"an upload") for _ in range(30)]
    claimers = [_worker(f"w{i}") for i in range(6)]
    claimed: Counter[str] = Counter()
    while True:
        rounds = await asyncio.gather(*(w.claim(4) for w in claimers))
        got = [c.id for round_ in rounds for c in round_]
        if not got:
            break
        claimed.update(got)
    assert claimed == Counter({job.id: 1 for job in jobs})


async def test_a_job_whose_workers_keep_dying_is_left_to_its_app_server(
    fake_clock: FakeClock,
) -> None:
    job = await photo_jobs.hand_over(b"an upload")
    last = None
    for attempt in range(1, photo_job_db.MAX_ATTEMPTS + 1):
        [last] = await _worker(f"w{attempt}").claim(1)
        assert last.attempt == attempt
        fake_clock.advance(seconds=LEASE + 1)
    assert await _worker("another").claim(1) == []
    # The app server waits `wait` seconds past the lease, then does it itself.
    fake_clock.advance(seconds=10)
    assert await photo_jobs.wait(job, wait_seconds=5) is None
    assert await _status(job) == "taken_back"
    assert last is not None and not await _worker(f"w{last.attempt}").finish(last, "done", "{}")
    await photo_jobs.forget(job)
    assert await PhotoJob.count() == 0


async def test_the_app_server_gets_the_workers_sizes_and_never_takes_a_held_job_back(
    fake_clock: FakeClock,
) -> None:
    job = await photo_jobs.hand_over(photos.phone_jpeg())
    waiting = asyncio.get_running_loop().create_task(photo_jobs.wait(job, wait_seconds=5))
    worker = _worker("w")
    [work] = await worker.round()
    assert await _status(job) == "working"
    fake_clock.advance(seconds=LEASE - 1)  # within the lease (and past `wait` since handed over)
    await work
    processed = await asyncio.wait_for(waiting, 60)
    assert processed == images.process(photos.phone_jpeg())  # the same sizes, byte for byte
    await photo_jobs.forget(job)
    assert await PhotoJob.count() == 0
    assert await get_storage().names(job.prefix) == []
    assert await get_storage().folders(job.prefix) == []


async def test_a_refusal_reaches_the_app_server_as_the_same_problem(
    fake_clock: FakeClock,
) -> None:
    not_a_photo = b"Shopping list: towels, soap\n" * 40
    with pytest.raises(ProblemError) as here:
        await photo_pool.process_here(not_a_photo)
    job = await photo_jobs.hand_over(not_a_photo)
    [work] = await _worker("w").round()
    await work
    with pytest.raises(ProblemError) as there:
        await photo_jobs.wait(job, wait_seconds=5)
    assert there.value.problem == here.value.problem
    assert there.value.status_code == here.value.status_code == 415


async def test_sizes_that_cannot_be_read_back_are_made_by_the_app_server(
    fake_clock: FakeClock,
) -> None:
    job = await photo_jobs.hand_over(photos.phone_jpeg())
    [work] = await _worker("w").round()
    await work
    await get_storage().delete(f"{job.prefix}/a1/800.webp")
    assert await photo_jobs.wait(job, wait_seconds=5) is None
    assert await _status(job) == "taken_back"


async def test_housekeeping_removes_what_crashes_left(fake_clock: FakeClock) -> None:
    storage = get_storage()
    fake_clock.set(T0 - timedelta(hours=3))
    old = await photo_jobs.hand_over(b"an upload whose server died")
    orphan = f"{photo_job_db.ROOT}/{(T0 - timedelta(hours=3)).strftime(photo_job_db.HOUR)}/x"
    await storage.put(f"{orphan}/original", b"stored just before a crash", "image/jpeg")
    fake_clock.set(T0)
    recent = await photo_jobs.hand_over(b"an upload under way")
    await photo_job_worker.housekeeping(T0)
    assert await _status(old) is None
    assert await _status(recent) == "waiting"
    assert await storage.folders(photo_job_db.ROOT) == [T0.strftime(photo_job_db.HOUR)]
    assert await storage.get(f"{orphan}/original") is None
    assert await storage.get(f"{recent.prefix}/original") == b"an upload under way"
    assert await photo_job_db.count_waiting() == 1


async def test_an_operator_sees_the_photo_jobs_no_worker_holds(
    app: Litestar, fake_clock: FakeClock
) -> None:
    await photo_jobs.hand_over(b"an upload")
    await photo_jobs.hand_over(b"another upload")
    assert len(await _worker("w").claim(1)) == 1  # one of the two is held, one waits
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as c:
        answer = await c.get("/metrics")
    families = {f.name: f for f in text_string_to_metric_families(answer.text)}
    assert [s.value for s in families["stepwise_photo_jobs_waiting"].samples] == [1.0]
    for name in (
        "stepwise_photo_jobs_handed",
        "stepwise_photo_job_seconds",
        "stepwise_photo_job_wait_seconds",
    ):
        assert name in families


async def _open(listener: photo_job_db.Listener) -> None:
    async with asyncio.timeout(30):
        while listener.connection is None:
            await asyncio.sleep(0.01)


async def test_postgresql_wakes_the_workers_and_the_waiting_app_server(
    fake_clock: FakeClock,
) -> None:
    """A new job wakes the workers, its answer the app server waiting for it, at once: each
    event below is set by a notification only (on SQLite there are none: the app server looks
    every ``POLL`` seconds, a worker every ``--interval``)."""
    workers_hear = photo_job_db.listening(photo_job_db.WAITING)
    if DB.engine_type != "postgres":
        assert workers_hear is None and photo_job_db.POLL["sqlite"] <= 0.1
        return
    assert workers_hear is not None
    new_job = workers_hear.watch(None)
    await _open(workers_hear)
    new_job.clear()
    job = await photo_jobs.hand_over(b"an upload")
    await asyncio.wait_for(new_job.wait(), 30)

    server_hears = photo_job_db.listening(photo_job_db.FINISHED)
    assert server_hears is not None
    answered = server_hears.watch(job.id)
    await _open(server_hears)
    answered.clear()
    worker = _worker("w")
    [claimed] = await worker.claim(1)
    assert not answered.is_set()
    assert await worker.finish(claimed, "failed", "")
    await asyncio.wait_for(answered.wait(), 30)
