"""The workers' side of the photo jobs (``backend/lib/photo_jobs.py`` tells the whole story):
claim with a lease, process with the same code in this process's photo pool, store the sizes,
record the answer if the claim is still this worker's own; and the housekeeping that removes
what app servers killed while waiting left behind."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from backend.lib import clock, images, photo_pool
from backend.lib.db import fetch
from backend.lib.errors import ProblemError
from backend.lib.photo_job_db import (
    CLAIM,
    FILES,
    FINISH,
    HOUR,
    MAX_ATTEMPTS,
    OLD,
    ROOT,
    WAITING,
    db,
    dialect,
    listening,
    process_name,
)
from backend.lib.storage import get_storage
from backend.settings import get_settings

log = logging.getLogger("stepwise.photo_jobs")

KEEP = timedelta(hours=1)
"""A job this old was left by an app server that died while waiting for it."""
HOUSEKEEPING_EVERY = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Claimed:
    id: str
    prefix: str
    attempt: int


def refusal_of(refused: ProblemError) -> dict[str, Any]:
    problem = refused.problem
    error = problem.errors[0] if problem.errors else None
    return {
        "status": problem.status,
        "reason": error.reason if error else problem.title,
        "code": error.code if error else problem.code,
    }


def answer_of(processed: images.Processed) -> dict[str, Any]:
    return {
        "source_format": processed.source_format,
        "content_hash": processed.content_hash,
        "variants": [
            {"size": v.size, "width": v.width, "height": v.height} for v in processed.variants
        ],
    }


class Worker:
    """The photo jobs of one ``stepwise worker``: as many at a time as its photo processes
    (``photo_pool.WORKERS``), claimed as they come (woken by ``NOTIFY`` on PostgreSQL, else
    looking every ``interval`` seconds)."""

    def __init__(
        self,
        *,
        name: str | None = None,
        capacity: int = photo_pool.WORKERS,
        interval: float = 1.0,
        lease_seconds: int | None = None,
    ) -> None:
        self.name = name or process_name()
        self.capacity = capacity
        self.interval = interval
        self.lease = timedelta(seconds=lease_seconds or get_settings().photo_job_lease_seconds)
        self._housekept: datetime | None = None
        self._busy: set[asyncio.Task[None]] = set()

    async def run(self, stop: asyncio.Event, finish_seconds: float = 30.0) -> None:
        """Until ``stop``; the jobs in hand are then finished (for ``finish_seconds`` at most:
        one cut short is taken by another worker after its lease)."""
        log.info("photo worker %s started", self.name)
        listener = listening(WAITING)
        woken = listener.watch(None) if listener is not None else asyncio.Event()
        stopping = asyncio.get_running_loop().create_task(stop.wait())
        try:
            while not stop.is_set():
                woken.clear()
                try:
                    await self.round(woken)
                except Exception:
                    log.exception("photo worker %s: a round failed", self.name)
                waiter = asyncio.get_running_loop().create_task(woken.wait())
                await asyncio.wait(
                    {waiter, stopping}, timeout=self.interval, return_when=asyncio.FIRST_COMPLETED
                )
                waiter.cancel()
        finally:
            stopping.cancel()
            if listener is not None:
                listener.unwatch(None, woken)
            if self._busy:
                await asyncio.wait(set(self._busy), timeout=finish_seconds)
            for task in list(self._busy):
                task.cancel()
            log.info("photo worker %s stopped", self.name)

    async def round(self, woken: asyncio.Event | None = None) -> list[asyncio.Task[None]]:
        """Housekeeping when due, then claim what this worker has room for and start it."""
        now = clock.now()
        if self._housekept is None or now - self._housekept >= HOUSEKEEPING_EVERY:
            self._housekept = now
            await housekeeping(now)
        free = self.capacity - len(self._busy)
        if free <= 0:
            return []
        started = []
        for job in await self.claim(free):
            task = asyncio.get_running_loop().create_task(self.work(job))
            self._busy.add(task)

            def done(t: asyncio.Task[None]) -> None:
                self._busy.discard(t)
                if woken is not None:
                    woken.set()  # room for another job

            task.add_done_callback(done)
            started.append(task)
        return started

    async def claim(self, limit: int) -> list[Claimed]:
        """Up to ``limit`` jobs, ``working`` under this worker's name; committed on return."""
        now = clock.now()
        rows = await fetch(
            db(), CLAIM[dialect()], now, MAX_ATTEMPTS, limit, self.name, now + self.lease
        )
        return [Claimed(id=str(r[0]), prefix=str(r[1]), attempt=int(r[2])) for r in rows]

    async def finish(self, job: Claimed, status: str, result: str) -> bool:
        """Record the answer if the job is still this worker's claim; whether it was."""
        rows = await fetch(db(), FINISH[dialect()], status, result, job.id, self.name, job.attempt)
        return bool(rows)

    async def work(self, job: Claimed) -> None:
        storage = get_storage()
        folder = f"{job.prefix}/a{job.attempt}"
        try:
            data = await storage.get(f"{job.prefix}/original")
            if data is None:  # its app server gave up and removed it
                await self.finish(job, "failed", "")
                return
            try:
                processed = await photo_pool.process_here(data)
            except ProblemError as refused:
                await self.finish(job, "refused", json.dumps(refusal_of(refused)))
                return
            await asyncio.gather(
                *(
                    storage.put(f"{folder}/{v.size}.{ext}", blob, content_type)
                    for v in processed.variants
                    for (ext, content_type), blob in zip(FILES, (v.webp, v.jpeg), strict=True)
                )
            )
            if not await self.finish(job, "done", json.dumps(answer_of(processed))):
                log.info(
                    "photo job %s was no longer %s's; its sizes are dropped", job.id, self.name
                )
                await storage.delete_prefix(folder)
        except Exception:
            log.exception("photo worker %s: job %s failed", self.name, job.id)
            with contextlib.suppress(Exception):
                await self.finish(job, "failed", "")


async def housekeeping(now: datetime) -> None:
    """Remove jobs left by app servers that died while waiting: rows older than ``KEEP`` with
    their objects, and hour folders older than twice that (an original whose row was never
    written)."""
    try:
        rows = await fetch(db(), OLD, now - KEEP)
        storage = get_storage()
        prefixes: list[str] = [str(r[0]) for r in rows]
        oldest_kept = (now - 2 * KEEP).strftime(HOUR)
        prefixes += [f"{ROOT}/{f}" for f in await storage.folders(ROOT) if f < oldest_kept]
        if prefixes:
            await storage.delete_prefixes(prefixes)
            log.info("removed %d photo jobs left behind", len(prefixes))
    except Exception:
        log.exception("photo jobs' housekeeping failed")
