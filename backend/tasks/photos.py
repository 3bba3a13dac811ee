"""Step photos: storing the clean sizes a processed upload gave (``backend/lib/photo_pool.py``)
under the task, copying them with a task, serving them.

Files go to the storage only after processing succeeded; they are written to a staging folder,
the row is committed, then the folder moves into place (``storage.put_folder``): a refused upload
leaves nothing behind, and a crash leaves either all of a photo or none of it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from backend.lib import images
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.owned_photos import CONTENT_TYPES, FILE_NAME, as_photo, file_name
from backend.lib.photo_pool import process
from backend.lib.storage import Opened, get_storage
from backend.tasks.tables import Photo
from shared_schemas import tasks as wire

__all__ = [
    "copy",
    "forget",
    "process",
    "read",
    "remove",
    "remove_files",
    "store",
    "to_wire",
    "url",
]


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


async def read(photo_id: str, name: str) -> tuple[str, Opened] | None:
    """(content type, the file opened for streaming) of one stored size, or None when the
    name does not match or the file is not there."""
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
    opened = await get_storage().open(f"{_prefix(str(row['task']), photo_id)}/{name}")
    return (CONTENT_TYPES[match["ext"]], opened) if opened is not None else None
