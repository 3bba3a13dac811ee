"""Stored files in a directory on this machine (``STEPWISE_STORAGE_URL=file:///…``, by default
``files/`` in the data directory), behind the interface of ``backend/lib/storage.py``.

Files are written through a temporary file and ``os.replace``, so a reader never sees half a
file, and the file I/O runs in worker threads, off the event loop.

What a crash (SIGKILL, a power cut) may leave is made safe by where unfinished work lives: every
temporary file and every folder of files waiting for its database row is written under
``.staging/<process>/`` with ``fsync``, and reaches its place by one ``rename`` only once the row
is committed (``put_folder``). At the next start ``recover`` looks at the staging folders of
processes that are gone: a folder whose row was committed is moved into place (the crash came
between the commit and the rename), every other one is deleted. So no stored file is left
without its row, and no row points to files that are not there.

``delete_prefixes`` (erasure) takes the keys away at once and frees the bytes after: each folder
is moved by one ``rename`` into ``.trash/<process>/``, which a thread of its own empties while the
request goes on (freeing the blocks of a few dozen photos costs tens of milliseconds on ext4,
forty times a small request). What a stop leaves there is removed at the next start (``recover``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from backend.lib.storage import CHUNK, STAGING, TRASH, Opened, check_key

T = TypeVar("T")
_lives: dict[int, str] = {}


def _life() -> str:
    """This process's staging folder: its id and a token (a forked worker gets its own)."""
    pid = os.getpid()
    if pid not in _lives:
        _lives[pid] = f"{pid}-{secrets.token_hex(4)}"
    return _lives[pid]


class LocalStorage:
    """Files in a directory on this machine (``<data dir>/files``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _trash(self) -> Path:
        folder = self.root / TRASH / _life()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _discard(self, prefixes: Sequence[str]) -> list[Path]:
        """Move each prefix's folder (or file) into this process's trash: the keys are gone."""
        moved = []
        for prefix in prefixes:
            path = self._path(prefix)
            if not path.exists():
                continue
            gone = self._trash() / secrets.token_hex(8)
            os.rename(path, gone)
            moved.append(gone)
        return moved

    def _empty_trash(self) -> None:
        """At start: the trash of processes that are gone (what they had no time to free)."""
        base = self.root / TRASH
        if not base.is_dir():
            return
        for life in base.iterdir():
            if life.name != _life() and not _alive(life.name):
                shutil.rmtree(life, ignore_errors=True)

    def _staging(self) -> Path:
        folder = self.root / STAGING / _life()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._staging(), prefix="tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _stage(self, prefix: str, files: Sequence[tuple[str, bytes]]) -> Path:
        staged = self._staging() / check_key(prefix).replace("/", "+")
        staged.mkdir()
        for name, data in files:
            with open(staged / check_key(name), "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        _fsync_dir(staged)
        return staged

    def _place(self, staged: Path, prefix: str) -> None:
        final = self._path(prefix)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():  # already placed (a recovery racing another)
            shutil.rmtree(staged, ignore_errors=True)
            return
        os.rename(staged, final)
        _fsync_dir(final.parent)

    def _folders(self, prefix: str) -> list[str]:
        path = self._path(prefix)
        try:
            return sorted(p.name for p in path.iterdir() if p.is_dir())
        except (FileNotFoundError, NotADirectoryError):
            return []

    def _names(self, prefix: str) -> list[str]:
        path = self._path(prefix)
        try:
            return sorted(p.name for p in path.iterdir() if p.is_file())
        except (FileNotFoundError, NotADirectoryError):
            return []

    def _left_behind(self) -> list[tuple[Path, list[str]]]:
        """Staging folders of processes that are gone, with the prefixes staged in each."""
        found = []
        base = self.root / STAGING
        if not base.is_dir():
            return []
        for life in base.iterdir():
            if life.name == _life() or _alive(life.name):
                continue
            staged = [p.name.replace("+", "/") for p in life.iterdir() if p.is_dir()]
            found.append((life, staged))
        return found

    def _settle(self, life: Path, committed: set[str]) -> None:
        for entry in life.iterdir():
            prefix = entry.name.replace("+", "/")
            if entry.is_dir() and prefix in committed:
                self._place(entry, prefix)
            elif entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        shutil.rmtree(life, ignore_errors=True)

    def _get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def _open(self, key: str) -> Opened | None:
        """Open, size and first piece in one trip to a worker thread."""
        try:
            f = open(self._path(key), "rb")  # noqa: SIM115 (closed by Opened)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        try:
            size = os.fstat(f.fileno()).st_size
            return Opened(size, f.read(CHUNK), f)
        except BaseException:
            f.close()
            raise

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

    async def open(self, key: str) -> Opened | None:
        return await anyio.to_thread.run_sync(self._open, key)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(self._delete, key)

    async def delete_prefix(self, prefix: str) -> None:
        await anyio.to_thread.run_sync(self._delete_prefix, prefix)

    async def delete_prefixes(self, prefixes: Sequence[str]) -> None:
        if not prefixes:
            return
        for moved in await anyio.to_thread.run_sync(self._discard, list(prefixes)):
            _remover().submit(_remove, moved)

    async def put_folder(
        self,
        prefix: str,
        files: Sequence[tuple[str, bytes]],
        commit: Callable[[], Awaitable[T]],
    ) -> T:
        staged = await anyio.to_thread.run_sync(self._stage, prefix, files)
        try:
            result = await commit()
        except BaseException:
            await anyio.to_thread.run_sync(shutil.rmtree, staged, True)
            raise
        await anyio.to_thread.run_sync(self._place, staged, prefix)
        return result

    async def folders(self, prefix: str) -> list[str]:
        return await anyio.to_thread.run_sync(self._folders, prefix)

    async def names(self, prefix: str) -> list[str]:
        return await anyio.to_thread.run_sync(self._names, prefix)

    def _size(self, key: str) -> int | None:
        try:
            path = self._path(key)
            return path.stat().st_size if path.is_file() else None
        except FileNotFoundError:
            return None

    async def size(self, key: str) -> int | None:
        return await anyio.to_thread.run_sync(self._size, key)

    async def chunks(self, key: str, size: int = CHUNK) -> AsyncIterator[bytes]:
        try:
            f = await anyio.to_thread.run_sync(open, self._path(key), "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return
        try:
            while piece := await anyio.to_thread.run_sync(f.read, size):
                yield piece
        finally:
            f.close()

    async def staged(self) -> set[str]:
        return set()  # staged folders live under .staging until their one rename

    @asynccontextmanager
    async def writing(self, prefix: str) -> AsyncIterator[None]:
        yield  # one machine: its servers settle what they left when they start

    def _keys(self, prefix: str) -> list[tuple[str, int]]:
        found = []
        for folder, dirs, files in os.walk(self._path(prefix) if prefix else self.root):
            here = Path(folder)
            if here == self.root:
                dirs[:] = [d for d in dirs if d not in {STAGING, TRASH}]
            dirs.sort()
            for name in sorted(files):
                path = here / name
                try:
                    found.append((path.relative_to(self.root).as_posix(), path.stat().st_size))
                except FileNotFoundError:
                    continue
        return found

    async def all_keys(self, prefix: str = "") -> AsyncIterator[tuple[str, int]]:
        for key, size in await anyio.to_thread.run_sync(self._keys, prefix):
            yield key, size

    async def recover(self, committed: Callable[[list[str]], Awaitable[set[str]]]) -> int:
        """Finish or undo what processes that are gone left in staging (at start): folders
        whose row ``committed`` names are moved into place, the rest deleted. How many were
        left behind."""
        left = 0
        await anyio.to_thread.run_sync(self._empty_trash)
        for life, staged in await anyio.to_thread.run_sync(self._left_behind):
            done = await committed(staged) if staged else set()
            await anyio.to_thread.run_sync(self._settle, life, done)
            left += len(staged)
        return left


@lru_cache(maxsize=1)
def _remover() -> ThreadPoolExecutor:
    """The thread that frees what ``delete_prefixes`` moved into the trash, one folder after
    another (its work is waited for when the process exits, as any executor's)."""
    return ThreadPoolExecutor(1, "stepwise-storage-trash")


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    """A rename or a new file is durable once its folder is (POSIX fsync on a directory)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(life: str) -> bool:
    """Whether the process of a staging folder (``<pid>-<token>``) may still be running."""
    pid, _, _ = life.partition("-")
    if not pid.isdigit() or int(pid) == os.getpid():
        return False  # the same process id as this one: an earlier life of it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
