"""Photos that belong to one row (a family update, a goal): the sizes the step-photo pipeline
made (``backend/lib/images.py``: validated, re-encoded, no metadata), stored under the row's
prefix as ``<root>/<row>/<size>-<hash16>.<webp|jpg>`` and served through
``<url_root>/<row>/photo/<file>`` with access checked on every request.

The row keeps ``photo_hash`` and ``photo_sizes``; its files are found from them (export) or
removed by prefix (erasure, removal).

A crash (SIGKILL, a power cut) never leaves a row naming files that are not there: a new photo's
files are written whole beside the row's current ones, then the row is written, and only then
are the old files removed. What a crash can leave is files no row names (written for a row write
that never committed, or replaced ones not yet removed, or those of a deleted row): at the next
start ``recover`` removes them, for every kind of row whose domain said how to find its photos'
hashes (``OwnedPhotos.hashes``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from backend.lib import images
from backend.lib.ids import as_uuid
from backend.lib.storage import Opened, Storage, get_storage
from shared_schemas.tasks import Photo, PhotoFile

T = TypeVar("T")
Hashes = Callable[[list[str]], Awaitable[dict[str, str]]]
"""Row ids → {row id: the content hash of its photo, "" for none}, for the rows that exist."""
Commit = Callable[[str, list[dict[str, Any]]], Awaitable[T]]
"""The row's write naming a new photo: (content hash, sizes)."""
_RECOVERED: list[OwnedPhotos] = []
_CHUNK = 500

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
    hashes: Hashes | None = None
    """How the owning domain finds its rows' photos: given, ``recover`` looks after this root's
    folders at start (one ``OwnedPhotos`` per root should give it)."""

    def __post_init__(self) -> None:
        if self.hashes is not None:
            _RECOVERED.append(self)

    def prefix(self, row_id: str) -> str:
        return f"{self.root}/{row_id}"

    def largest_jpeg_key(
        self, row_id: str, content_hash: str, sizes: list[dict[str, Any]]
    ) -> str | None:
        if not content_hash or not sizes:
            return None
        return f"{self.prefix(row_id)}/{file_name(sizes[0]['size'], content_hash, 'jpg')}"

    async def store(self, row_id: str, processed: images.Processed, commit: Commit[T]) -> T:
        """Write the sizes beside the row's current files, then ``commit(content hash, sizes)``
        (the row's write), then remove the row's other files (see the module's docstring)."""
        storage = get_storage()
        prefix = self.prefix(row_id)
        async with storage.writing(prefix):
            return await self._store(storage, prefix, processed, commit)

    async def _store(
        self, storage: Storage, prefix: str, processed: images.Processed, commit: Commit[T]
    ) -> T:
        before = set(await storage.names(prefix))
        written: list[str] = []
        for v in processed.variants:
            for ext, data in (("webp", v.webp), ("jpg", v.jpeg)):
                name = file_name(v.size, processed.content_hash, ext)
                await storage.put(f"{prefix}/{name}", data, CONTENT_TYPES[ext])
                written.append(name)
        sizes = [{"size": v.size, "width": v.width, "height": v.height} for v in processed.variants]
        try:
            result = await commit(processed.content_hash, sizes)
        except BaseException:
            for name in set(written) - before:
                await storage.delete(f"{prefix}/{name}")
            raise
        for name in set(await storage.names(prefix)) - set(written):
            await storage.delete(f"{prefix}/{name}")
        return result

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
    ) -> tuple[str, Opened] | None:
        """(content type, the stored file opened for streaming) of one size of the row's
        photo, or None when ``name`` is not one of its files or the file is not there."""
        match = FILE_NAME.match(name)
        if match is None or not content_hash or content_hash[:16] != match["hash"]:
            return None
        if int(match["size"]) not in {s["size"] for s in sizes}:
            return None
        opened = await get_storage().open(f"{self.prefix(row_id)}/{name}")
        return (CONTENT_TYPES[match["ext"]], opened) if opened is not None else None


def _named(content_hash: str, name: str) -> bool:
    """Whether ``name`` is one of the files of the photo with ``content_hash``."""
    match = FILE_NAME.match(name)
    return bool(content_hash) and match is not None and match["hash"] == content_hash[:16]


async def _known(owner: OwnedPhotos, folders: list[str]) -> dict[str, str]:
    assert owner.hashes is not None
    rows = [f for f in folders if as_uuid(f) is not None and str(as_uuid(f)) == f]
    known: dict[str, str] = {}
    for start in range(0, len(rows), _CHUNK):
        known.update(await owner.hashes(rows[start : start + _CHUNK]))
    return known


async def recover() -> int:
    """At start: remove the files no row names under every root whose domain gave ``hashes``
    (a crash between a row's write and its files' removal, or before a write that never
    committed). How many files and folders were removed.

    What looks left over is asked about again — after the listing, the writes under way on
    any server (``storage.staged``), then the rows — so that a photo another server is storing
    right now, or committed meanwhile, is not taken for one."""
    storage = get_storage()
    removed = 0
    for owner in _RECOVERED:
        folders = await storage.folders(owner.root)
        known = await _known(owner, folders)
        gone_folders = [f for f in folders if f not in known]
        gone_files = [
            (folder, name)
            for folder in known
            for name in await storage.names(owner.prefix(folder))
            if not _named(known[folder], name)
        ]
        if not gone_folders and not gone_files:
            continue
        staged = await storage.staged()
        asked = sorted({*gone_folders, *(folder for folder, _ in gone_files)})
        busy = {f for f in asked if owner.prefix(f) in staged}
        known = await _known(owner, asked)
        for folder in gone_folders:
            if folder not in busy and folder not in known:
                await storage.delete_prefix(owner.prefix(folder))
                removed += 1
        for folder, name in gone_files:
            if folder not in busy and not (folder in known and _named(known[folder], name)):
                await storage.delete(f"{owner.prefix(folder)}/{name}")
                removed += 1
    return removed
