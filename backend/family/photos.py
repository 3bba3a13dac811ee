"""An update's photo: the step-photo pipeline (``backend/lib/images.py`` in the worker pool of
``backend/tasks/photos.py``: validated, re-encoded, no metadata), stored under the update.

Files: ``family/updates/<update>/<size>-<hash16>.<webp|jpg>``. Served through
``/api/updates/<update>/photo/<file>`` with access checked on every request (a family member's
access ends with their consent).
"""

from __future__ import annotations

import re
from typing import Any

from backend.lib import images
from backend.lib.storage import get_storage
from backend.tasks.photos import process
from shared_schemas.tasks import Photo, PhotoFile

CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
FILE_NAME = re.compile(r"^(?P<size>\d{2,4})-(?P<hash>[0-9a-f]{16})\.(?P<ext>webp|jpg)$")

__all__ = ["prefix", "process", "read", "remove", "store", "to_wire"]


def prefix(update_id: str) -> str:
    return f"family/updates/{update_id}"


def file_name(size: int, content_hash: str, ext: str) -> str:
    return f"{size}-{content_hash[:16]}.{ext}"


def largest_jpeg_key(update_id: str, content_hash: str, sizes: list[dict[str, Any]]) -> str | None:
    if not content_hash or not sizes:
        return None
    return f"{prefix(update_id)}/{file_name(sizes[0]['size'], content_hash, 'jpg')}"


async def store(update_id: str, processed: images.Processed) -> tuple[str, list[dict[str, Any]]]:
    """Write the sizes; (content hash, sizes) for the row. Old files of the update go first."""
    storage = get_storage()
    await storage.delete_prefix(prefix(update_id))
    for v in processed.variants:
        for ext, data in (("webp", v.webp), ("jpg", v.jpeg)):
            await storage.put(
                f"{prefix(update_id)}/{file_name(v.size, processed.content_hash, ext)}",
                data,
                CONTENT_TYPES[ext],
            )
    sizes = [{"size": v.size, "width": v.width, "height": v.height} for v in processed.variants]
    return processed.content_hash, sizes


async def remove(update_id: str) -> None:
    await get_storage().delete_prefix(prefix(update_id))


def to_wire(update_id: str, content_hash: str, sizes: list[dict[str, Any]]) -> Photo | None:
    if not content_hash or not sizes:
        return None
    base = f"/api/updates/{update_id}/photo"
    files = [
        PhotoFile(
            size=s["size"],
            width=s["width"],
            height=s["height"],
            webp=f"{base}/{file_name(s['size'], content_hash, 'webp')}",
            jpeg=f"{base}/{file_name(s['size'], content_hash, 'jpg')}",
        )
        for s in sizes
    ]
    middle = next((f for f in files if f.size == 800), files[0])
    return Photo(
        id=update_id,
        width=files[0].width,
        height=files[0].height,
        src=middle.jpeg,
        srcset_webp=", ".join(f"{f.webp} {f.width}w" for f in files),
        srcset_jpeg=", ".join(f"{f.jpeg} {f.width}w" for f in files),
        files=files,
    )


async def read(
    update_id: str, content_hash: str, sizes: list[dict[str, Any]], name: str
) -> tuple[str, bytes] | None:
    match = FILE_NAME.match(name)
    if match is None or not content_hash or content_hash[:16] != match["hash"]:
        return None
    if int(match["size"]) not in {s["size"] for s in sizes}:
        return None
    data = await get_storage().get(f"{prefix(update_id)}/{name}")
    return (CONTENT_TYPES[match["ext"]], data) if data is not None else None
