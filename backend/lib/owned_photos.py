"""Photos that belong to one row (a family update, a goal): the sizes the step-photo pipeline
made (``backend/lib/images.py``: validated, re-encoded, no metadata), stored under the row's
prefix as ``<root>/<row>/<size>-<hash16>.<webp|jpg>`` and served through
``<url_root>/<row>/photo/<file>`` with access checked on every request.

The row keeps ``photo_hash`` and ``photo_sizes``; the storage has no listing, so the files are
found from them (export) or removed by prefix (erasure, removal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backend.lib import images
from backend.lib.storage import get_storage
from shared_schemas.tasks import Photo, PhotoFile

CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
FILE_NAME = re.compile(r"^(?P<size>\d{2,4})-(?P<hash>[0-9a-f]{16})\.(?P<ext>webp|jpg)$")


def file_name(size: int, content_hash: str, ext: str) -> str:
    return f"{size}-{content_hash[:16]}.{ext}"


def as_photo(photo_id: str, files: list[PhotoFile]) -> Photo:
    """The wire form of a photo's sizes (largest first): the 800 px JPEG for ``src`` and both
    srcsets, so the browser picks the size the screen needs."""
    middle = next((f for f in files if f.size == 800), files[0])
    return Photo(
        id=photo_id,
        width=files[0].width,
        height=files[0].height,
        src=middle.jpeg,
        srcset_webp=", ".join(f"{f.webp} {f.width}w" for f in files),
        srcset_jpeg=", ".join(f"{f.jpeg} {f.width}w" for f in files),
        files=files,
    )


@dataclass(frozen=True)
class OwnedPhotos:
    root: str
    """Storage prefix of the rows' folders, e.g. ``family/updates``."""
    url_root: str
    """The API path the rows live under, e.g. ``/api/updates``."""

    def prefix(self, row_id: str) -> str:
        return f"{self.root}/{row_id}"

    def largest_jpeg_key(
        self, row_id: str, content_hash: str, sizes: list[dict[str, Any]]
    ) -> str | None:
        if not content_hash or not sizes:
            return None
        return f"{self.prefix(row_id)}/{file_name(sizes[0]['size'], content_hash, 'jpg')}"

    async def store(
        self, row_id: str, processed: images.Processed
    ) -> tuple[str, list[dict[str, Any]]]:
        """Write the sizes; (content hash, sizes) for the row. The row's old files go first."""
        storage = get_storage()
        await storage.delete_prefix(self.prefix(row_id))
        for v in processed.variants:
            for ext, data in (("webp", v.webp), ("jpg", v.jpeg)):
                await storage.put(
                    f"{self.prefix(row_id)}/{file_name(v.size, processed.content_hash, ext)}",
                    data,
                    CONTENT_TYPES[ext],
                )
        sizes = [{"size": v.size, "width": v.width, "height": v.height} for v in processed.variants]
        return processed.content_hash, sizes

    async def remove(self, row_id: str) -> None:
        await get_storage().delete_prefix(self.prefix(row_id))

    def to_wire(self, row_id: str, content_hash: str, sizes: list[dict[str, Any]]) -> Photo | None:
        if not content_hash or not sizes:
            return None
        base = f"{self.url_root}/{row_id}/photo"
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
        return as_photo(row_id, files)

    async def read(
        self, row_id: str, content_hash: str, sizes: list[dict[str, Any]], name: str
    ) -> tuple[str, bytes] | None:
        match = FILE_NAME.match(name)
        if match is None or not content_hash or content_hash[:16] != match["hash"]:
            return None
        if int(match["size"]) not in {s["size"] for s in sizes}:
            return None
        data = await get_storage().get(f"{self.prefix(row_id)}/{name}")
        return (CONTENT_TYPES[match["ext"]], data) if data is not None else None
