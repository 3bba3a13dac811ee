"""The stored files as a backup sees them: the folder or the object store that
``STEPWISE_STORAGE_URL`` names. A backup lists them and streams each into the archive; a
restore puts the archive's files in place of the store's (blocking calls: the commands run
outside any event loop)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO, Any, Protocol

from backend.backup._common import Refused, stored_files
from backend.lib import private
from backend.lib.storage import JOBS, storage_at
from backend.lib.storage_local import LocalStorage
from backend.lib.storage_s3 import S3Storage, content_type
from backend.settings import Settings


class LiveFiles(Protocol):
    where: str
    """Where the files are, in the operator's words (for messages)."""

    def listing(self) -> list[tuple[str, int]]:
        """(key, size) of every stored file, in key order."""

    def open(self, key: str) -> IO[bytes] | None:
        """The file's bytes to read, or None when it went since it was listed."""

    def has(self, key: str) -> bool: ...

    def replace_all(self, staged: Path, stamp: str) -> None:
        """Make the store hold exactly the files under ``staged`` (a restore)."""


class FolderFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.where = str(root)

    def listing(self) -> list[tuple[str, int]]:
        found = []
        for key, path in stored_files(self.root):
            if key.startswith(f"{JOBS}/"):
                continue  # photos in flight to the workers, not stored data
            try:
                found.append((key, path.stat().st_size))
            except FileNotFoundError:
                continue
        return found

    def open(self, key: str) -> IO[bytes] | None:
        try:
            return (self.root / key).open("rb")
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        return (self.root / key).is_file()

    def replace_all(self, staged: Path, stamp: str) -> None:
        old = self.root.parent / f".files-before-restore-{stamp}"
        if self.root.exists():
            os.replace(self.root, old)
        if staged.is_dir():
            shutil.move(staged, self.root)  # one rename on the same file system
        else:
            self.root.mkdir(mode=private.DIR_MODE)
        shutil.rmtree(old, ignore_errors=True)


class BucketFiles:
    def __init__(self, store: S3Storage) -> None:
        self.store = store
        self.where = f"the bucket {store.bucket}"
        self._keys: set[str] | None = None

    def _all(self) -> list[tuple[str, int]]:
        if problem := self.store.problem():
            raise Refused(f"The stored files cannot be read: {problem}.")
        return sorted(
            (item["Key"], int(item["Size"]))
            for page in self.store._list("")
            for item in page.get("Contents", [])
        )

    def listing(self) -> list[tuple[str, int]]:
        skipped = (".staging/", ".writing/", f"{JOBS}/")  # uploads and photo jobs in flight
        return [(k, s) for k, s in self._all() if not k.startswith(skipped)]

    def open(self, key: str) -> IO[bytes] | None:
        body: Any = self.store._open(key)
        return body  # type: ignore[no-any-return]

    def has(self, key: str) -> bool:
        if self._keys is None:
            self._keys = {k for k, _ in self.listing()}
        return key in self._keys

    def replace_all(self, staged: Path, stamp: str) -> None:
        """Upload the archive's files, then remove every object it does not name (and any
        marker of an upload under way: the servers are stopped for a restore)."""
        wanted = set()
        for key, path in stored_files(staged) if staged.is_dir() else []:
            self.store.client.upload_file(
                str(path), self.store.bucket, key, ExtraArgs={"ContentType": content_type(key)}
            )
            wanted.add(key)
        self.store._delete_keys([k for k, _ in self._all() if k not in wanted])
        self._keys = None


def live_files(settings: Settings) -> LiveFiles:
    store = storage_at(settings.storage_url)
    if isinstance(store, S3Storage):
        return BucketFiles(store)
    assert isinstance(store, LocalStorage)
    return FolderFiles(store.root)
