"""Stored files behind a small interface: a local directory (``backend/lib/storage_local.py``)
or an S3-compatible object store (``backend/lib/storage_s3.py``), picked by
``STEPWISE_STORAGE_URL``.

Keys are relative, slash-separated names (``tasks/<task>/photos/<photo>/800-<hash>.webp``). The
interface is what an object store offers — put, get, delete, delete everything under a prefix,
list what is under a prefix — so either implementation serves the same app. Nothing here knows
about photos or tasks.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import urlsplit
from urllib.request import url2pathname

import anyio.to_thread

from backend.settings import get_settings

T = TypeVar("T")
CHUNK = 256 * 1024
STAGING = ".staging"
TRASH = ".trash"
JOBS = "photo-jobs"
"""Keys under this folder are work in flight, not stored data: photos handed to workers
(``backend/lib/photo_jobs.py``), removed within seconds. Backups leave them out (an original
still carries its metadata)."""

_KEY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$")


def check_key(key: str) -> str:
    """Keys are made by the server, never taken from a request; this is a second fence against
    ``..``, absolute paths and odd characters."""
    if len(key) > 512 or not _KEY.match(key) or ".." in key:
        raise ValueError(f"not a valid storage key: {key!r}")
    return key


class Source(Protocol):
    """An opened file or an object's body: read a piece, close."""

    def read(self, size: int, /) -> bytes: ...

    def close(self) -> None: ...


class Opened:
    """What ``Storage.open`` found: its ``size`` in bytes and, iterated (once), its bytes a
    piece of at most ``CHUNK`` at a time — what a download streams, so a server holds one piece
    per download however large the file. The first piece was read with the open (one trip to
    a worker thread serves a small file whole); the rest is read in worker threads as the
    answer goes out. The source is closed when the last piece is read, when the iteration
    stops early (a client gone) and by ``aclose`` (a response never sent)."""

    __slots__ = ("_source", "first", "size")

    def __init__(self, size: int, first: bytes, source: Source | None) -> None:
        self.size = size
        self.first = first
        self._source = source if len(first) < size else None
        if source is not None and self._source is None:
            source.close()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            if self.first:
                yield self.first
            while self._source is not None:
                piece = await anyio.to_thread.run_sync(self._source.read, CHUNK)
                if not piece:
                    break
                yield piece
        finally:
            self._close()

    @property
    def whole(self) -> bool:
        """Whether ``first`` is all of it (the source is closed already)."""
        return self._source is None and len(self.first) >= self.size

    async def read(self) -> bytes:
        """All of it, for callers that need the bytes (a document's photo)."""
        return b"".join([piece async for piece in self])

    async def aclose(self) -> None:
        self._close()

    def _close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            source.close()


class Storage(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    async def get(self, key: str) -> bytes | None:
        """The bytes under ``key``, or None when there is nothing."""

    async def open(self, key: str) -> Opened | None:
        """The file under ``key`` opened for streaming (its size known before the first byte
        goes out, so a download says its Content-Length and a missing file is a 404), or None
        when there is nothing."""

    async def delete(self, key: str) -> None:
        """Remove ``key``; nothing happens when it is not there."""

    async def delete_prefix(self, prefix: str) -> None:
        """Remove every key under ``prefix`` (a folder-like name, without trailing slash)."""

    async def delete_prefixes(self, prefixes: Sequence[str]) -> None:
        """Remove every key under each of ``prefixes``: when it returns no key is there any
        more; the bytes may be freed a moment later (an object store's lifecycle rule, the
        local trash's thread), and are at the latest at the next start."""

    async def size(self, key: str) -> int | None:
        """The size in bytes of what is under ``key``, or None when there is nothing."""

    def chunks(self, key: str, size: int = CHUNK) -> AsyncIterator[bytes]:
        """The bytes under ``key`` a piece at a time (nothing when there is nothing)."""

    async def put_folder(
        self,
        prefix: str,
        files: Sequence[tuple[str, bytes]],
        commit: Callable[[], Awaitable[T]],
    ) -> T:
        """Store ``files`` (name, bytes) under the new ``prefix`` all together with ``commit``,
        the database write that names them: the files become visible only after ``commit``
        succeeded, and nothing is kept when it fails."""

    async def folders(self, prefix: str) -> list[str]:
        """The names of the folders directly under ``prefix``."""

    async def names(self, prefix: str) -> list[str]:
        """The names of the files directly under ``prefix`` (an object store: ``ListObjectsV2``
        with a delimiter)."""

    async def recover(self, committed: Callable[[list[str]], Awaitable[set[str]]]) -> int:
        """At start: finish or undo the ``put_folder`` calls of processes that are gone."""

    async def staged(self) -> set[str]:
        """The prefixes a ``put_folder`` may be writing in place right now (an object store
        has no rename: it writes the final keys before the commit). A start that removes
        folders without rows leaves these alone."""

    def writing(self, prefix: str) -> AbstractAsyncContextManager[None]:
        """Around files written in place under ``prefix`` before the row naming them is
        committed (``owned_photos.store``): while it runs ``staged`` names ``prefix``, so a
        start on another server leaves those files alone."""

    def all_keys(self, prefix: str = "") -> AsyncIterator[tuple[str, int]]:
        """Every stored key (under the folder ``prefix``, when given) with its size in bytes,
        a page at a time on an object store (``stepwise storage migrate``, the start's
        recovery); unfinished uploads are not."""


def storage_at(url: str) -> Storage:
    """The store a ``STEPWISE_STORAGE_URL`` names (checked by ``backend.settings``)."""
    if url.startswith("s3://"):
        from backend.lib.storage_s3 import S3Storage

        return S3Storage.from_url(url)
    from backend.lib.storage_local import LocalStorage

    return LocalStorage(Path(url2pathname(urlsplit(url).path)))


@lru_cache(maxsize=1)
def get_storage() -> Storage:
    return storage_at(get_settings().storage_url)
