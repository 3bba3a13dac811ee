"""Downloads from the object store without boto3's per-call work (``storage_s3.S3Storage.open``).

A ``GetObject`` through the boto3 client costs about 1.5 ms of CPU in this process (its event
hooks, request signing, response parsing), several times the rest of a photo's request, so the
object store served photos at about a third of the file store's rate (``bench/scale.py``). A
download here is a plain GET, through urllib3 (what botocore itself sends with), of an address
botocore presigned for the key. The signed address is kept and used for two thirds of its
life: photo sizes are read again and again and their keys name their content. It never leaves
the server (the app checks access on every request, as before), and an address that is refused
(the credentials were rotated meanwhile) is signed again once. Behind a proxy (``HTTPS_PROXY``
and the like, which boto3 knows how to pass) the client's own ``GetObject`` is used.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Protocol

from backend.lib.storage import CHUNK, Opened

PRESIGNED_SECONDS = 900
"""How long a read's signed address is valid; it is used for at most two thirds of that."""
KEPT = 4096  # signed addresses kept per process
POOL = 32  # connections per process, as the boto3 client's pool
_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")


class _Store(Protocol):
    bucket: str

    @property
    def client(self) -> Any: ...


class SignedReads:
    def __init__(self, store: _Store) -> None:
        self.store = store
        self.direct = not any(os.environ.get(v) for v in _PROXY_VARIABLES)
        self.signed: dict[str, tuple[float, str]] = {}
        self._pools: dict[int, Any] = {}
        self._lock = threading.Lock()

    @property
    def pool(self) -> Any:
        """This process's connections (a forked worker makes its own)."""
        pid = os.getpid()
        pool = self._pools.get(pid)
        if pool is None:
            import urllib3
            from botocore.httpsession import get_cert_path

            with self._lock:
                pool = self._pools.get(pid)
                if pool is None:
                    pool = self._pools[pid] = urllib3.PoolManager(
                        maxsize=POOL,
                        retries=False,
                        timeout=urllib3.Timeout(connect=10, read=60),
                        ca_certs=get_cert_path(True),
                    )
        return pool

    def url(self, key: str) -> str:
        """A signed ``GetObject`` address for ``key``, made again when it has been used for two
        thirds of its life."""
        now = time.monotonic()
        kept = self.signed.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        url: str = self.store.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.store.bucket, "Key": key},
            ExpiresIn=PRESIGNED_SECONDS,
        )
        if len(self.signed) >= KEPT:
            self.signed.clear()
        self.signed[key] = (now + PRESIGNED_SECONDS * 2 / 3, url)
        return url

    def open(self, key: str) -> Opened | None:
        """The object opened, its first piece read (a blocking call, for a worker thread), or
        None when there is none."""
        for attempt in range(2):
            response = self.pool.request(
                "GET", self.url(key), preload_content=False, redirect=False
            )
            if response.status == 200:
                try:
                    size = int(response.headers["Content-Length"])
                    return Opened(size, response.read(CHUNK), response)
                except BaseException:
                    response.close()
                    raise
            status = response.status
            response.drain_conn()
            response.release_conn()
            if status == 404:
                return None
            self.signed.pop(key, None)
            if status not in {400, 403} or attempt:
                raise OSError(f"GetObject {key} in {self.store.bucket} answered HTTP {status}")
        raise AssertionError("unreachable")
