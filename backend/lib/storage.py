"""Stored files behind a small interface: a local directory now, an S3-compatible store later.

Keys are relative, slash-separated names (``tasks/<task>/photos/<photo>/800-<hash>.webp``). The
interface is what an object store offers — put, get, delete, delete everything under a prefix —
so a second implementation (S3 ``PutObject``/``GetObject``/``DeleteObjects`` with a
``ListObjectsV2`` prefix) can replace the local one when several app servers run. Nothing here
knows about photos or tasks.

The local implementation writes through a temporary file and ``os.replace``, so a reader never
sees half a file, and runs its file I/O in worker threads, off the event loop.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import anyio.to_thread

from backend.settings import get_settings

_KEY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$")


def check_key(key: str) -> str:
    """Keys are made by the server, never taken from a request; this is a second fence against
    ``..``, absolute paths and odd characters."""
    if len(key) > 512 or not _KEY.match(key) or ".." in key:
        raise ValueError(f"not a valid storage key: {key!r}")
    return key


class Storage(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    async def get(self, key: str) -> bytes | None:
        """The bytes under ``key``, or None when there is nothing."""

    async def delete(self, key: str) -> None:
        """Remove ``key``; nothing happens when it is not there."""

    async def delete_prefix(self, prefix: str) -> None:
        """Remove every key under ``prefix`` (a folder-like name, without trailing slash)."""


class LocalStorage:
    """Files in a directory on this machine (``<data dir>/files``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def _delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _delete_prefix(self, prefix: str) -> None:
        path = self._path(prefix)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        # The content type is implied by the key's extension here; an object store keeps it.
        await anyio.to_thread.run_sync(self._put, key, data)

    async def get(self, key: str) -> bytes | None:
        return await anyio.to_thread.run_sync(self._get, key)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(self._delete, key)

    async def delete_prefix(self, prefix: str) -> None:
        await anyio.to_thread.run_sync(self._delete_prefix, prefix)


@lru_cache(maxsize=1)
def get_storage() -> Storage:
    return LocalStorage(get_settings().data_dir / "files")
