"""Step photos: processing off the event loop, storing the clean sizes, serving them.

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

Files go to the storage only after processing succeeded, and the row only after the files: a
refused upload leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import re
import signal
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from backend.accounts.actor import Actor
from backend.lib import images
from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.owned_photos import as_photo, file_name
from backend.lib.storage import get_storage
from backend.tasks.tables import Photo
from shared_schemas import tasks as wire

WORKERS = 2
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
FILE_NAME = re.compile(r"^(?P<size>\d{2,4})-(?P<hash>[0-9a-f]{16})\.(?P<ext>webp|jpg)$")

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


def _prefix(task_id: str, photo_id: str) -> str:
    return f"tasks/{task_id}/photos/{photo_id}"


def url(photo_id: str, size: int, content_hash: str, ext: str) -> str:
    return f"/api/photos/{photo_id}/{file_name(size, content_hash, ext)}"


def to_wire(photo_id: str, content_hash: str, sizes: list[dict[str, Any]]) -> wire.Photo:
    files = [
        wire.PhotoFile(
            size=s["size"],
            width=s["width"],
            height=s["height"],
            webp=url(photo_id, s["size"], content_hash, "webp"),
            jpeg=url(photo_id, s["size"], content_hash, "jpg"),
        )
        for s in sizes
    ]
    return as_photo(photo_id, files)


async def process(data: bytes) -> images.Processed:
    """Validate and re-encode in a worker process; a refusal is a problem naming ``file``.

    A worker that dies (a decoder crash) breaks the pool for every upload in flight: the pool
    is replaced and the photo tried once more; a photo that breaks it twice is refused."""
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


async def store(
    task_id: str,
    processed: images.Processed,
    actor: Actor,
    attach: Callable[[str], Awaitable[None]] | None = None,
) -> str:
    """Store the sizes and the row; ``attach(photo_id)`` runs in the row's transaction (a step
    taking the photo), so a crash leaves either all of it or none (``storage.put_folder``)."""
    photo_id = str(uuid.uuid4())
    files = []
    for v in processed.variants:
        files.append((file_name(v.size, processed.content_hash, "webp"), v.webp))
        files.append((file_name(v.size, processed.content_hash, "jpg"), v.jpeg))
    largest = processed.variants[0]

    async def commit() -> None:
        async with Photo._meta.db.transaction():
            await Photo.insert(
                Photo(
                    id=photo_id,
                    task=task_id,
                    content_hash=processed.content_hash,
                    width=largest.width,
                    height=largest.height,
                    sizes=[
                        {"size": v.size, "width": v.width, "height": v.height}
                        for v in processed.variants
                    ],
                    source_format=processed.source_format,
                    uploaded_by=actor.id,
                    created_at=now(),
                )
            )
            if attach is not None:
                await attach(photo_id)

    await get_storage().put_folder(_prefix(task_id, photo_id), files, commit)
    return photo_id


async def forget(photo_id: str) -> None:
    """The row only; its files go with ``remove_files`` after the commit (a crash between
    leaves files without a row, which the start's recovery deletes)."""
    await Photo.delete().where(Photo.id == photo_id)


async def remove_files(task_id: str, photo_id: str) -> None:
    await get_storage().delete_prefix(_prefix(task_id, photo_id))


async def remove(task_id: str, photo_id: str) -> None:
    await Photo.delete().where(Photo.id == photo_id)
    await get_storage().delete_prefix(_prefix(task_id, photo_id))


async def copy(old_task_id: str, photo_id: str, new_task_id: str, actor: Actor) -> str | None:
    row = await Photo.select(*Photo.all_columns()).where(Photo.id == photo_id).first()
    if row is None:
        return None
    storage = get_storage()
    new_id = str(uuid.uuid4())
    files = []
    for s in row["sizes"] if isinstance(row["sizes"], list) else _json(row["sizes"]):
        for ext in CONTENT_TYPES:
            name = file_name(s["size"], row["content_hash"], ext)
            data = await storage.get(f"{_prefix(old_task_id, photo_id)}/{name}")
            if data is not None:
                files.append((name, data))

    async def commit() -> None:
        await Photo.insert(
            Photo(
                id=new_id,
                task=new_task_id,
                content_hash=row["content_hash"],
                width=row["width"],
                height=row["height"],
                sizes=row["sizes"],
                source_format=row["source_format"],
                uploaded_by=actor.id,
                created_at=now(),
            )
        )

    await storage.put_folder(_prefix(new_task_id, new_id), files, commit)
    return new_id


def _json(value: Any) -> list[dict[str, Any]]:
    loaded = json.loads(value) if isinstance(value, str) else value
    return loaded if isinstance(loaded, list) else []


async def read(photo_id: str, name: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of one stored size, or None when the name does not match."""
    match = FILE_NAME.match(name)
    if match is None:
        return None
    row = (
        await Photo.select(Photo.task, Photo.content_hash, Photo.sizes)
        .where(Photo.id == photo_id)
        .first()
    )
    if row is None or row["content_hash"][:16] != match["hash"]:
        return None
    if int(match["size"]) not in {s["size"] for s in _json(row["sizes"])}:
        return None
    data = await get_storage().get(f"{_prefix(str(row['task']), photo_id)}/{name}")
    return (CONTENT_TYPES[match["ext"]], data) if data is not None else None
