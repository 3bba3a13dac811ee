"""Photo jobs: the photo pipeline in ``stepwise worker`` processes, so app servers stay light.

With ``STEPWISE_PHOTO_JOBS=workers`` an app server does not check and re-encode an upload
itself (``backend/lib/photo_pool.py``). It hands it over and waits, without holding a CPU:

1. The original goes to the store under the job's folder (``photo-jobs/<UTC hour>/<id>/original``),
   then a ``photo_jobs`` row ``waiting`` is written (on PostgreSQL with ``NOTIFY
   stepwise_photo_jobs`` in the same statement, which wakes the workers at its commit).
2. A worker claims it — ``waiting``, or ``working`` past its lease — by switching it to
   ``working`` under its name with a lease, in one statement that commits before any work
   (``FOR UPDATE SKIP LOCKED`` on PostgreSQL: competing workers never take the same job and
   never wait for each other). It runs the same ``images.process`` in its own photo processes,
   writes the sizes under ``<job>/a<attempt>/`` and marks the job ``done`` (or ``refused``, with
   the refusal) only if the claim is still its own (name and attempt), with ``NOTIFY
   stepwise_photo_jobs_finished`` naming the job. A worker killed mid-job leaves the job
   ``working``; another takes it after the lease (``STEPWISE_PHOTO_JOB_LEASE_SECONDS``), at
   most ``MAX_ATTEMPTS`` times (``backend/lib/photo_job_worker.py``).
3. The app server hears the notification (a ``LISTEN`` connection of its own; it also looks
   every ``POLL`` seconds, so a lost notification or SQLite only delays it), reads the sizes
   back, checks them against their content hash, and goes on exactly as after local processing
   (the same ``images.Processed``; a refusal is the same 4xx problem). The job's row and
   objects are then removed.
4. **Nobody answers.** A job still ``waiting`` ``STEPWISE_PHOTO_JOB_WAIT_SECONDS`` after it was
   handed over (no worker runs, or all are busy), or held that long past its lease, is taken
   back — atomically, so never while a worker holds it — and processed by the app server
   itself, with a warning in the log and ``stepwise_photo_jobs_handed_total{outcome=
   "taken_back"}``: an upload never fails only because the workers are down. So does one
   whose worker failed, or whose sizes cannot be read back.

What a crash leaves: a killed app server leaves its job (the worker's answer is never read); a
worker's housekeeping removes rows older than ``KEEP`` and whole hour folders older than twice
that (also the original of a job whose row was never written).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.lib import clock, images, metrics, photo_pool
from backend.lib.db import fetch
from backend.lib.errors import ProblemError, field_error
from backend.lib.photo_job_db import (
    FILES,
    FINISHED,
    FORGET,
    HAND_OVER,
    HOUR,
    POLL,
    ROOT,
    STATE,
    TAKE_BACK,
    aware,
    db,
    dialect,
    listening,
    process_name,
    wait_for,
)
from backend.lib.storage import get_storage
from backend.settings import get_settings

log = logging.getLogger("stepwise.photo_jobs")


def handed_to_workers() -> bool:
    """Whether this installation processes photos in workers (``STEPWISE_PHOTO_JOBS``)."""
    return get_settings().photo_jobs == "workers"


# -- the app server's side -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    prefix: str
    created_at: datetime


_forgetting: set[asyncio.Task[None]] = set()


async def process(data: bytes) -> images.Processed:
    """``photo_pool.process`` with ``STEPWISE_PHOTO_JOBS=workers``: the sizes a worker made, or
    those made here when no worker answered in time. A refusal is the problem naming ``file``
    that local processing gives."""
    settings = get_settings()
    if db().current_transaction.get() is not None:
        # A job written inside a transaction is seen by no worker before it commits.
        return await photo_pool.process_here(data)
    started = time.perf_counter()
    try:
        job = await hand_over(data)
    except Exception:
        log.warning("a photo could not be handed to the workers; processing it here", exc_info=True)
        metrics.PHOTO_JOBS_HANDED.labels("taken_back").inc()
        return await photo_pool.process_here(data)
    try:
        processed = await wait(job, settings.photo_job_wait_seconds)
    except ProblemError:
        metrics.PHOTO_JOBS_HANDED.labels("refused").inc()
        metrics.PHOTO_JOB_WAIT_SECONDS.observe(time.perf_counter() - started)
        await forget(job)
        raise
    except BaseException:
        # Cancelled (the person left) or the database failed: the job goes, in the background
        # (a cancelled request must not wait for it; a worker's late answer is then refused).
        task = asyncio.get_running_loop().create_task(forget(job))
        _forgetting.add(task)
        task.add_done_callback(_forgetting.discard)
        raise
    await forget(job)
    if processed is not None:
        metrics.PHOTO_JOBS_HANDED.labels("done").inc()
        metrics.PHOTO_JOB_WAIT_SECONDS.observe(time.perf_counter() - started)
        return processed
    metrics.PHOTO_JOBS_HANDED.labels("taken_back").inc()
    return await photo_pool.process_here(data)


async def hand_over(data: bytes) -> Job:
    """Store the original, then write the job's row (and wake the workers)."""
    now = clock.now()
    job_id = str(uuid.uuid4())
    job = Job(id=job_id, prefix=f"{ROOT}/{now.strftime(HOUR)}/{job_id}", created_at=now)
    storage = get_storage()
    await storage.put(f"{job.prefix}/original", data, "application/octet-stream")
    try:
        await fetch(db(), HAND_OVER[dialect()], job.id, job.prefix, now)
    except BaseException:
        with contextlib.suppress(Exception):
            await storage.delete_prefix(job.prefix)
        raise
    return job


async def wait(job: Job, wait_seconds: float) -> images.Processed | None:
    """The worker's sizes; None when this server is to process the photo itself (no worker
    took the job in time, its worker failed, its sizes cannot be read back). Raises the
    refusal a worker gave."""
    listener = listening(FINISHED)
    woken = listener.watch(job.id) if listener is not None else asyncio.Event()
    poll = POLL[dialect()]
    allowed = timedelta(seconds=wait_seconds)
    try:
        while True:
            rows = await fetch(db(), STATE, job.id)
            if not rows:
                log.warning("photo job %s is gone; processing it here", job.id)
                return None
            status, lease_until, attempts, result = rows[0]
            now = clock.now()
            if status == "done":
                processed = await read_sizes(job, int(attempts), str(result))
                if processed is not None:
                    return processed
                due = now  # taken back below, so that it is not read twice
            elif status == "refused":
                refusal = json.loads(result)
                raise field_error("file", refusal["reason"], refusal["status"], refusal["code"])
            elif status == "waiting":
                due = job.created_at + allowed
            elif status == "working":
                due = (aware(lease_until) or now) + allowed
            else:  # failed
                due = now
            if now >= due:
                if await fetch(db(), TAKE_BACK, process_name(), job.id, now - allowed):
                    log.warning(
                        "photo job %s: no worker answered (%s after %.0f s); processing it here",
                        job.id,
                        status,
                        (now - job.created_at).total_seconds(),
                    )
                    return None
                continue  # a worker took it meanwhile
            await wait_for(woken, min(poll, (due - now).total_seconds()))
    finally:
        if listener is not None:
            listener.unwatch(job.id, woken)


async def read_sizes(job: Job, attempt: int, result: str) -> images.Processed | None:
    """The sizes a worker stored for ``attempt``, checked against their content hash."""
    answer = json.loads(result)
    folder = f"{job.prefix}/a{attempt}"
    storage = get_storage()
    digest = hashlib.sha256()
    variants = []
    for v in answer["variants"]:
        webp, jpeg = await asyncio.gather(
            *(storage.get(f"{folder}/{v['size']}.{ext}") for ext, _ in FILES)
        )
        if webp is None or jpeg is None:
            log.warning("photo job %s: a size is missing from the store", job.id)
            return None
        digest.update(webp)
        digest.update(jpeg)
        variants.append(
            images.Variant(
                size=int(v["size"]),
                width=int(v["width"]),
                height=int(v["height"]),
                webp=webp,
                jpeg=jpeg,
            )
        )
    if not variants or digest.hexdigest() != answer["content_hash"]:
        log.warning("photo job %s: the stored sizes do not match their hash", job.id)
        return None
    return images.Processed(
        source_format=str(answer["source_format"]),
        content_hash=str(answer["content_hash"]),
        variants=tuple(variants),
    )


async def forget(job: Job) -> None:
    """The job's row and objects (its answer has been read, or nobody will read it)."""
    try:
        await fetch(db(), FORGET, job.id)
        await get_storage().delete_prefix(job.prefix)
    except Exception:  # the workers' housekeeping removes it later
        log.warning("photo job %s not removed", job.id, exc_info=True)
