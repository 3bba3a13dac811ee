"""Stored files in an S3-compatible object store (``STEPWISE_STORAGE_URL=s3://bucket?…``).

The same interface as the local directory (``backend/lib/storage.py``), on the calls every S3
implementation has: ``PutObject``, ``GetObject`` (streamed), ``HeadObject``, ``DeleteObjects``
(1,000 keys a call) and ``ListObjectsV2`` (with a delimiter for folders). The client is boto3,
one per process (a forked worker makes its own), its blocking calls run in worker threads, off
the event loop. Nothing is public: objects are written without an ACL, so only the app (with
the operator's credentials) reads them, and serves them after its own access checks.

An object store has no rename, so ``put_folder`` writes the files under their final keys —
after a small marker ``.staging/<prefix with + for />`` that says an upload is under way — then
runs ``commit`` (the database write that names the files) and removes the marker. When
``commit`` fails the files and the marker are removed. A process killed in between leaves the
marker: ``recover`` at a later start (on any machine) settles markers older than the lease
(other machines' processes cannot be asked whether they are alive): a prefix whose row was
committed keeps its files, any other loses them, and the marker goes. ``staged`` names the
prefixes with a marker, so a start on another machine does not take an upload under way for
files without a row; ``writing`` marks (under ``.writing/``) the files a row's new photo
writes beside its current ones for the same reason.
"""

from __future__ import annotations

import json
import mimetypes
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import anyio.to_thread

from backend.lib.storage import CHUNK, STAGING, Opened, check_key
from backend.lib.storage_s3_reads import SignedReads

T = TypeVar("T")
LEASE = timedelta(minutes=10)
"""A marker older than this is an upload whose process is gone (an upload takes seconds)."""
_BATCH = 1000  # DeleteObjects takes at most 1,000 keys


@dataclass(frozen=True)
class S3Location:
    bucket: str
    endpoint: str | None
    region: str | None

    @classmethod
    def parse(cls, url: str) -> S3Location:
        parts = urlsplit(url)
        options = parse_qs(parts.query)
        return cls(
            bucket=parts.netloc,
            endpoint=options.get("endpoint", [""])[-1] or None,
            region=options.get("region", [""])[-1] or None,
        )


def content_type(key: str) -> str:
    return mimetypes.guess_type(key)[0] or "application/octet-stream"


WRITING = ".writing"
"""Markers of files written in place beside a row's current ones (``writing``): they protect,
and are dropped when stale; the files are the owning domain's to settle (``owned_photos``)."""


def _marker(prefix: str, folder: str = STAGING) -> str:
    return f"{folder}/{check_key(prefix).replace('/', '+')}"


def _missing(exc: Exception) -> bool:
    response: dict[str, Any] = getattr(exc, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    # A missing bucket is a mistake in the setting, not a missing file: it is raised.
    return code != "NoSuchBucket" and (code in {"NoSuchKey", "404", "NotFound"} or status == 404)


class S3Storage:
    """Objects in one bucket of an S3-compatible store."""

    def __init__(self, location: S3Location) -> None:
        self.location = location
        self.bucket = location.bucket
        self._clients: dict[int, Any] = {}
        self._lock = threading.Lock()
        self.signed = SignedReads(self)

    @classmethod
    def from_url(cls, url: str) -> S3Storage:
        return cls(S3Location.parse(url))

    @property
    def client(self) -> Any:
        """This process's client (boto3 clients are safe to share between threads, not
        across a fork)."""
        pid = os.getpid()
        client = self._clients.get(pid)
        if client is None:
            with self._lock:
                client = self._clients.get(pid)
                if client is None:
                    client = self._clients[pid] = self._make_client()
        return client

    def _make_client(self) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            # A self-hosted store is reached by its address, AWS by the bucket's host name.
            s3={"addressing_style": "path" if self.location.endpoint else "auto"},
            retries={"max_attempts": 5, "mode": "standard"},
            max_pool_connections=32,
            # Checksums only where the API requires them (as botocore did before 1.36): several
            # S3-compatible stores refuse the newer default trailers, and TLS covers transit.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.location.endpoint,
            region_name=self.location.region,
            config=config,
        )

    def problem(self) -> str | None:
        """Why the bucket cannot be used with these credentials, in words; None when it can
        (a blocking call, for the commands)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404:
                return f"the bucket {self.bucket} does not exist at {self._where()}"
            if status in {401, 403}:
                return (
                    f"the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are refused "
                    f"for the bucket {self.bucket} at {self._where()}"
                )
            return f"the bucket {self.bucket} at {self._where()} answered {exc}"
        except BotoCoreError as exc:
            return f"the object store at {self._where()} cannot be reached ({exc})"
        return None

    def _where(self) -> str:
        return self.location.endpoint or "AWS S3"

    # -- blocking calls, run in threads --------------------------------------------------

    def _put(self, key: str, data: bytes, kind: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=kind)

    def _get(self, key: str) -> bytes | None:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=check_key(key))
        except self.client.exceptions.ClientError as exc:
            if _missing(exc):
                return None
            raise
        with response["Body"] as body:
            data: bytes = body.read()
        return data

    def _open(self, key: str) -> Any:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=check_key(key))["Body"]
        except self.client.exceptions.ClientError as exc:
            if _missing(exc):
                return None
            raise

    def _opened(self, key: str) -> Opened | None:
        """``GetObject`` and the body's first piece in one trip to a worker thread: a photo
        size smaller than a piece is read whole there and its connection goes back to the
        pool at once."""
        if self.signed.direct:
            return self.signed.open(check_key(key))
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=check_key(key))
        except self.client.exceptions.ClientError as exc:
            if _missing(exc):
                return None
            raise
        body = response["Body"]
        try:
            return Opened(int(response["ContentLength"]), body.read(CHUNK), body)
        except BaseException:
            body.close()
            raise

    def _size(self, key: str) -> int | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=check_key(key))
        except self.client.exceptions.ClientError as exc:
            if _missing(exc):
                return None
            raise
        return int(head["ContentLength"])

    def _list(self, prefix: str, delimiter: str = "") -> Iterator[dict[str, Any]]:
        """The pages of ``ListObjectsV2`` under ``prefix``."""
        paginator = self.client.get_paginator("list_objects_v2")
        extra = {"Delimiter": delimiter} if delimiter else {}
        yield from paginator.paginate(Bucket=self.bucket, Prefix=prefix, **extra)

    def _under(self, prefix: str) -> list[str]:
        """Every key under the folder ``prefix`` (and ``prefix`` itself, when it is a key)."""
        found = []
        for page in self._list(prefix):
            for item in page.get("Contents", []):
                key = item["Key"]
                if key == prefix or key.startswith(prefix + "/"):
                    found.append(key)
        return found

    def _delete_keys(self, keys: Sequence[str]) -> None:
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            answer = self.client.delete_objects(
                Bucket=self.bucket,
                Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True},
            )
            if errors := answer.get("Errors"):
                first = errors[0]
                raise OSError(
                    f"{len(errors)} object(s) not deleted from {self.bucket}: "
                    f"{first.get('Key')} ({first.get('Code')}: {first.get('Message')})"
                )

    def _delete_prefixes(self, prefixes: Sequence[str]) -> None:
        keys: list[str] = []
        for prefix in prefixes:
            keys.extend(self._under(check_key(prefix)))
        self._delete_keys(keys)

    def _children(self, prefix: str) -> tuple[list[str], list[str]]:
        """(folders, names) directly under ``prefix``."""
        base = check_key(prefix) + "/"
        folders: list[str] = []
        names: list[str] = []
        for page in self._list(base, "/"):
            folders.extend(
                p["Prefix"][len(base) :].rstrip("/") for p in page.get("CommonPrefixes", [])
            )
            names.extend(c["Key"][len(base) :] for c in page.get("Contents", []))
        return sorted(folders), sorted(n for n in names if n)

    def _markers(self, folder: str = STAGING) -> list[tuple[str, str, datetime]]:
        """(marker key, prefix, written at) of every upload under way or left behind."""
        found = []
        for page in self._list(folder + "/"):
            for item in page.get("Contents", []):
                name = item["Key"].removeprefix(folder + "/")
                found.append((item["Key"], name.replace("+", "/"), item["LastModified"]))
        return found

    def _mark(self, prefix: str, folder: str) -> None:
        marker = {"prefix": prefix, "at": datetime.now(UTC).isoformat(), "pid": os.getpid()}
        self._put(_marker(prefix, folder), json.dumps(marker).encode(), "application/json")

    def _stage(self, prefix: str, files: Sequence[tuple[str, bytes]]) -> list[str]:
        """``put_folder``'s writes one after another, without the commit (what a process
        killed before its commit leaves; the tests make one with it)."""
        self._mark(prefix, STAGING)
        written: list[str] = []
        try:
            for name, data in files:
                key = f"{check_key(prefix)}/{check_key(name)}"
                self._put(key, data, content_type(name))
                written.append(key)
        except BaseException:
            self._undo(prefix, written)
            raise
        return written

    def _undo(self, prefix: str, written: Sequence[str]) -> None:
        self._delete_keys(list(written))
        self._delete_keys([_marker(prefix)])

    # -- the interface --------------------------------------------------------------------

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await anyio.to_thread.run_sync(self._put, check_key(key), data, content_type)

    async def get(self, key: str) -> bytes | None:
        return await anyio.to_thread.run_sync(self._get, key)

    async def open(self, key: str) -> Opened | None:
        return await anyio.to_thread.run_sync(self._opened, key)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(self._delete_keys, [check_key(key)])

    async def delete_prefix(self, prefix: str) -> None:
        await anyio.to_thread.run_sync(self._delete_prefixes, [prefix])

    async def delete_prefixes(self, prefixes: Sequence[str]) -> None:
        if prefixes:
            await anyio.to_thread.run_sync(self._delete_prefixes, list(prefixes))

    async def size(self, key: str) -> int | None:
        return await anyio.to_thread.run_sync(self._size, key)

    async def chunks(self, key: str, size: int = CHUNK) -> AsyncIterator[bytes]:
        body = await anyio.to_thread.run_sync(self._open, key)
        if body is None:
            return
        try:
            while piece := await anyio.to_thread.run_sync(body.read, size):
                yield piece
        finally:
            body.close()

    async def put_folder(
        self,
        prefix: str,
        files: Sequence[tuple[str, bytes]],
        commit: Callable[[], Awaitable[T]],
    ) -> T:
        keys = [(f"{check_key(prefix)}/{check_key(n)}", data, content_type(n)) for n, data in files]
        await anyio.to_thread.run_sync(self._mark, prefix, STAGING)
        try:
            async with anyio.create_task_group() as group:  # the sizes side by side
                for key, data, kind in keys:
                    group.start_soon(anyio.to_thread.run_sync, self._put, key, data, kind)
            result = await commit()
        except BaseException as exc:
            with anyio.CancelScope(shield=True):  # also when the request was cancelled
                await anyio.to_thread.run_sync(self._undo, prefix, [k for k, _, _ in keys])
            if isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
                raise exc.exceptions[0] from None  # a failed upload, as the caller knows it
            raise
        await anyio.to_thread.run_sync(self._delete_keys, [_marker(prefix)])
        return result

    async def folders(self, prefix: str) -> list[str]:
        return (await anyio.to_thread.run_sync(self._children, prefix))[0]

    async def names(self, prefix: str) -> list[str]:
        return (await anyio.to_thread.run_sync(self._children, prefix))[1]

    async def all_keys(self, prefix: str = "") -> AsyncIterator[tuple[str, int]]:
        under = check_key(prefix) + "/" if prefix else ""
        pages = await anyio.to_thread.run_sync(lambda: iter(self._list(under)))
        while page := await anyio.to_thread.run_sync(next, pages, None):
            for item in page.get("Contents", []):
                if not item["Key"].startswith((STAGING + "/", WRITING + "/")):
                    yield item["Key"], int(item["Size"])

    async def staged(self) -> set[str]:
        staging = await anyio.to_thread.run_sync(self._markers, STAGING)
        writing = await anyio.to_thread.run_sync(self._markers, WRITING)
        return {prefix for _, prefix, _ in staging + writing}

    @asynccontextmanager
    async def writing(self, prefix: str) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(self._mark, prefix, WRITING)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(self._delete_keys, [_marker(prefix, WRITING)])

    async def recover(self, committed: Callable[[list[str]], Awaitable[set[str]]]) -> int:
        """Settle the uploads whose marker is older than the lease: files kept when their row
        was committed, removed otherwise; the marker goes. How many were left behind."""
        stale = datetime.now(UTC) - LEASE
        writing = await anyio.to_thread.run_sync(self._markers, WRITING)
        await anyio.to_thread.run_sync(self._delete_keys, [k for k, _, at in writing if at < stale])
        left = [(k, p) for k, p, at in await anyio.to_thread.run_sync(self._markers) if at < stale]
        if not left:
            return 0
        done = await committed([p for _, p in left])
        undone = [p for _, p in left if p not in done]
        await anyio.to_thread.run_sync(self._delete_prefixes, undone)
        await anyio.to_thread.run_sync(self._delete_keys, [k for k, _ in left])
        return len(left)
