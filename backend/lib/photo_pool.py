"""Photo processing off the event loop, for every domain that takes photos.

Processing (``backend/lib/images.py``) runs in a pool of two worker *processes* at a lower CPU
priority, so other requests keep answering while a coach uploads several photos. Threads are not
enough: Pillow holds the GIL while it resamples (~70 ms for a 12 MP photo here), which stalled
the event loop by as much. A process also keeps a decoder crash on a hostile file away from the
server: a broken pool is replaced. (anyio's ``to_process`` was tried first: it ties its workers
to the task that started them, which under an ASGI server is a request, so they were killed when
that request ended and the next upload met a dead worker.)

The pool belongs to the serving process that made it. ``stepwise serve`` prepares the database
(and the demo) in granian's main process, which then *forks* the serving worker; a pool made
before the fork arrives in the worker without the thread that feeds its processes, and every
upload waited for ever. So the pool is made on first use in the process that uses it, a fork
forgets it (``os.register_at_fork``), the app's lifespan stops it without waiting for ever
(``shutdown``), and its processes ignore Ctrl-C (their owner stops them) and leave by themselves
when their owner is gone, so none outlives the server.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from backend.lib import images, metrics
from backend.lib.errors import ProblemError, field_error

WORKERS = 2

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
PARENT_CHECK_SECONDS = 1.0


def _forget_pool_after_fork() -> None:
    """In a forked child the parent's pool is a shell (its feeding thread stayed behind) and its
    processes are not the child's to stop: start afresh."""
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_pool_after_fork)


def _worker_init(owner: int) -> None:
    """In each photo process: a lower CPU priority; Ctrl-C in a terminal reaches the whole
    process group, but these processes are stopped by their owner (``shutdown``), not by it;
    and they leave when the owner is gone (killed, crashed) instead of waiting for work."""
    images.lower_priority()
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def leave_when_orphaned() -> None:
        while os.getppid() == owner:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=leave_when_orphaned, name="owner-watch", daemon=True).start()


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # spawn, not fork: this process runs an event loop and threads.
            _pool = ProcessPoolExecutor(
                max_workers=WORKERS,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown(timeout: float = 2.0) -> None:
    """Stop the pool (the app's lifespan, on shutdown): idle processes leave at once, one busy
    with a photo gets ``timeout`` seconds, then it is killed. Blocks: call it off the loop."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is None:
        return
    processes = list(pool._processes.values()) if pool._processes else []
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(deadline - time.monotonic(), 0))
        if process.is_alive():
            process.kill()
            process.join(1)


async def process(data: bytes) -> images.Processed:
    """Validate and re-encode; a refusal is a problem naming ``file``. Here, in this process's
    pool, or in a ``stepwise worker`` when ``STEPWISE_PHOTO_JOBS=workers``
    (``backend/lib/photo_jobs.py``, which comes back here when no worker answers)."""
    # Imported here: photo_jobs builds on this module, and the photo processes (which import
    # this module) need none of it.
    from backend.lib import photo_jobs

    if photo_jobs.handed_to_workers():
        return await photo_jobs.process(data)
    return await process_here(data)


async def process_here(data: bytes) -> images.Processed:
    """Validate and re-encode in a worker process of this process's pool.

    A worker that dies (a decoder crash) breaks the pool for every upload in flight: the pool
    is replaced and the photo tried once more; a photo that breaks it twice is refused."""
    metrics.PHOTO_JOBS_IN_FLIGHT.inc()
    started = time.perf_counter()
    try:
        processed = await _process(data)
    except ProblemError as refused:
        damaged = refused.problem.code == "damaged"
        metrics.PHOTO_JOBS.labels("damaged" if damaged else "refused").inc()
        raise
    finally:
        metrics.PHOTO_JOBS_IN_FLIGHT.dec()
        metrics.PHOTO_JOB_SECONDS.observe(time.perf_counter() - started)
    metrics.PHOTO_JOBS.labels("done").inc()
    return processed


async def _process(data: bytes) -> images.Processed:
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        pool = _get_pool()
        try:
            return await loop.run_in_executor(pool, images.process, data)
        except images.ImageRefused as refused:
            raise field_error("file", refused.reason, refused.status, refused.code) from None
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise field_error(
                    "file",
                    "This photo is damaged or incomplete. Please take or choose it again.",
                    422,
                    "damaged",
                ) from None
    raise AssertionError("unreachable")
