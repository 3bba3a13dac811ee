"""Exactly once: 10,000 due reminders, competing engines killed at random and restarted; each
reminder reaches the person once.

On PostgreSQL: three ``stepwise worker`` processes, SIGKILLed at random and started again. On
SQLite (one writer; the engine runs inside the one server): the same check in one process,
engines cancelled at random mid-batch and started again under new names.

What "once" means when a worker can die between the push service's answer and writing it down:
no process can know whether that message went out, so the row is claimed again after its lease
and sent again with the same ``Topic``; a push service keeps one undelivered message per topic
(RFC 8030 §5.4), so the user agent receives it once (``held``), and the service worker's
notification tag would fold a late duplicate too. The test also checks that a second send only
ever happens for a row taken over after its lease (never for two live claimants), and that
every row ends ``sent``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import time
from collections.abc import AsyncIterator

import pytest

from backend.lib import clock
from backend.piccolo_conf import DB
from backend.reminders.engine import Engine
from tests.api.conftest import Api
from tests.support import reminder_load
from tests.support.cli import stop_all, worker
from tests.support.push_service import PushService
from tests.support.reminder_load import check_exactly_once, statuses

USERS = 1000
PER_USER = 10
TOTAL = USERS * PER_USER
LEASE_SECONDS = 3


@pytest.fixture
async def push() -> AsyncIterator[PushService]:
    service = await PushService().start()
    yield service
    await service.stop()


async def test_competing_engines_killed_at_random(api: Api, push: PushService) -> None:
    """PostgreSQL: three worker processes, SIGKILLed. SQLite (one writer, the engine runs in
    the one server): engines cancelled mid-batch in one process. A task cancelled inside a
    pooled PostgreSQL transaction would leave it open, where a killed process closes its
    connection, so each engine gets the form of the check that matches how it is deployed."""
    if DB.engine_type == "postgres":
        await _three_workers_killed_at_random(push)
    else:
        await _engines_stopped_mid_batch_in_one_process(push)


async def _three_workers_killed_at_random(push: PushService) -> None:
    await reminder_load.seed(push, USERS, PER_USER, clock.now())
    env = {**os.environ, "STEPWISE_REMINDER_LEASE_SECONDS": str(LEASE_SECONDS)}
    workers = [worker(env) for _ in range(3)]
    kills = 0
    rng = random.Random(8030)
    deadline = time.monotonic() + 240
    sent_at_last_kill = 0
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(0.3, 1.2))
            counts = await statuses()
            sent = counts.get("sent", 0)
            if sent == TOTAL:
                break
            # Kill only once the workers made progress since the last kill: on a loaded machine
            # a worker may need seconds to start, and killing it before it claims anything
            # tests nothing. The last tenth runs undisturbed.
            if sent_at_last_kill + 400 <= sent < TOTAL * 0.9:
                sent_at_last_kill = sent
                victim = rng.randrange(len(workers))
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                kills += 1
                workers[victim] = worker(env)
        else:
            pytest.fail(f"not all sent in time: {await statuses()}")
    finally:
        stop_all(workers)
    assert kills >= 3
    await check_exactly_once(push, TOTAL, kills)


async def _engines_stopped_mid_batch_in_one_process(push: PushService) -> None:
    await reminder_load.seed(push, USERS, PER_USER, clock.now())
    rng = random.Random(8291)
    kills = 0
    generation = 0

    async def run(engine: Engine, stop: asyncio.Event) -> None:
        await engine.run(stop)

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        generation += 1
        engine = Engine(
            name=f"engine-{generation}", batch=50, interval=0.05, lease_seconds=LEASE_SECONDS
        )
        stop = asyncio.Event()
        task = asyncio.get_running_loop().create_task(run(engine, stop))
        counts = await statuses()
        if counts.get("sent", 0) >= TOTAL * 0.9:
            while (await statuses()).get("sent", 0) < TOTAL and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            stop.set()
            await task
            break
        await asyncio.sleep(rng.uniform(0.05, 0.6))
        task.cancel()  # abruptly, wherever it is: a claimed batch may be half sent
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await engine.close()
        kills += 1
    assert (await statuses()).get("sent", 0) == TOTAL, await statuses()
    assert kills >= 3
    await check_exactly_once(push, TOTAL, kills)
