"""Running the engine: as a task inside the app server, or as ``stepwise worker`` (which also
takes photo jobs when ``STEPWISE_PHOTO_JOBS=workers``: ``backend/lib/photo_jobs.py``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from backend.lib import metrics, photo_job_db, photo_job_worker, photo_jobs, photo_pool
from backend.piccolo_conf import DB
from backend.reminders import webpush
from backend.reminders.engine import Engine
from backend.settings import get_settings

log = logging.getLogger("stepwise.reminders")


async def _read_push_key() -> None:
    """At start, not at the first push: an installation upgraded from a key kept in the data
    folder puts that key into the database before any server could make another one."""
    try:
        await webpush.load_vapid()
    except Exception:
        log.exception("the Web Push key could not be read at start; trying again at first use")


@contextlib.asynccontextmanager
async def in_server() -> AsyncIterator[None]:
    """The app server's lifespan: the engine runs beside the requests unless the setting
    ``STEPWISE_REMINDER_ENGINE`` is ``worker`` (separate processes) or ``off``."""
    await _read_push_key()
    if get_settings().reminder_engine != "server":
        yield
        return
    engine = Engine()
    stop = asyncio.Event()
    task = asyncio.get_running_loop().create_task(engine.run(stop))
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, 15)
        except TimeoutError:
            task.cancel()
        await engine.close()


async def run(
    *, batch: int, interval: float, once: bool, metrics_port: int = 0, reminders: bool = True
) -> None:
    """``stepwise worker``: the engine until SIGTERM or SIGINT (then the batch in hand is
    finished and recorded before the process ends), and beside it the photo jobs when
    ``STEPWISE_PHOTO_JOBS=workers`` (those in hand are finished too); its metrics on
    ``127.0.0.1:metrics_port`` when one is given. ``reminders=False`` (``--photos-only``): the
    photo jobs alone."""
    if DB.engine_type == "postgres":
        await DB.start_connection_pool(min_size=1, max_size=4)
    served = None
    if metrics_port:
        served = asyncio.get_running_loop().create_task(metrics.serve_for_worker(metrics_port))
    await _read_push_key()
    engine = Engine(batch=batch, interval=interval)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    photos = None
    if photo_jobs.handed_to_workers() and not once:
        photos = loop.create_task(photo_job_worker.Worker(interval=interval).run(stop))
    try:
        if not reminders:
            await stop.wait()
        elif once:
            while await engine.tick():
                pass
        else:
            await engine.run(stop)
    finally:
        if photos is not None:
            stop.set()
            await photos
            await photo_job_db.close()
            await asyncio.to_thread(photo_pool.shutdown)
        if served is not None:
            served.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await served
        await engine.close()
        if DB.engine_type == "postgres":
            await DB.close_connection_pool()
