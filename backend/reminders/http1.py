"""A small HTTP/1.1 client for one job: POST a push message, read the status, keep the
connection for the next one (RFC 9112).

Why not aiohttp: per message, aiohttp's request machinery (URL objects, a request and a response
object, a task per write, header multidicts) cost about 130 µs of CPU here, as much as the
RFC 8291 encryption itself; this costs about 25 µs. The reminder engine sends tens of thousands of
messages in a minute on one core (``bench/push.py``), so that is the budget.

What it does: keep-alive connections per push-service origin (TLS through ``ssl`` with the
system's trust store for https), at most ``limit`` at a time per origin; one request at a time
per connection (no pipelining); responses with ``Content-Length``, ``chunked`` or
close-delimited bodies, ``1xx`` interim responses skipped. A request that fails on a reused
connection before any byte of an answer arrives (the server closed it while idle) is sent once
more on a new connection. Anything else that goes wrong is an exception for the caller, which
treats it as "no answer" and tries again later.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit


class HTTPError(ConnectionError):
    """The connection failed or the answer was not HTTP/1.1 as expected."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass(frozen=True, slots=True)
class Endpoint:
    origin: str
    scheme: str
    host: str
    port: int
    host_header: str
    target: str  # path and query


@lru_cache(maxsize=8192)
def endpoint(url: str) -> Endpoint:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return Endpoint(
        origin=f"{parts.scheme}://{parts.netloc}",
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        host_header=parts.netloc,
        target=target,
    )


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[Answer] | None = None
        self.closed = False
        self.keep = True
        self.received = False

    # -- asyncio.Protocol -----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.received = True
        self.buffer += data
        self._parse(eof=False)

    def eof_received(self) -> bool | None:
        self._parse(eof=True)
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self._parse(eof=True)
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HTTPError(str(exc or "the connection was closed")))

    # -- a request ------------------------------------------------------------------------------

    def request(self, data: bytes) -> asyncio.Future[Answer]:
        assert self.transport is not None
        self.buffer.clear()
        self.received = False
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return self.waiter

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    # -- RFC 9112 -------------------------------------------------------------------------------

    def _parse(self, eof: bool) -> None:
        waiter = self.waiter
        if waiter is None or waiter.done():
            return
        try:
            answer = self._answer(eof)
        except (ValueError, IndexError) as exc:
            waiter.set_exception(HTTPError(f"not an HTTP/1.1 answer: {exc}"))
            self.keep = False
            return
        if answer is not None:
            waiter.set_result(answer)

    def _answer(self, eof: bool) -> Answer | None:
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return None
            lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            version, status_text = lines[0].split(" ", 2)[:2]
            status = int(status_text)
            if not version.startswith("HTTP/1."):
                raise ValueError(lines[0])
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if 100 <= status < 200:  # an interim answer (100 Continue): the real one follows
                del self.buffer[: end + 4]
                continue
            start = end + 4
            break
        connection = headers.get("connection", "").lower()
        self.keep = version == "HTTP/1.1" and "close" not in connection
        if headers.get("transfer-encoding", "").lower().endswith("chunked"):
            body = self._chunked(start)
            if body is None:
                return None
        elif "content-length" in headers:
            length = int(headers["content-length"])
            if len(self.buffer) < start + length:
                return None
            body = bytes(self.buffer[start : start + length])
        elif status in {204, 304}:
            body = b""
        else:  # delimited by the end of the connection
            self.keep = False
            if not eof:
                return None
            body = bytes(self.buffer[start:])
        return Answer(status=status, headers=headers, body=body)

    def _chunked(self, start: int) -> bytes | None:
        body = bytearray()
        at = start
        while True:
            line_end = self.buffer.find(b"\r\n", at)
            if line_end < 0:
                return None
            size = int(bytes(self.buffer[at:line_end]).split(b";")[0], 16)
            at = line_end + 2
            if size == 0:
                trailer_end = self.buffer.find(b"\r\n\r\n", at - 2)
                return bytes(body) if trailer_end >= 0 else None
            if len(self.buffer) < at + size + 2:
                return None
            body += self.buffer[at : at + size]
            at += size + 2


class Pool:
    """Keep-alive connections per origin; ``post`` waits for a free one beyond ``limit``."""

    def __init__(
        self, *, limit: int = 64, timeout: float = 10.0, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.limit = limit
        self.timeout = timeout
        self._idle: dict[str, list[_Connection]] = defaultdict(list)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._ssl = ssl_context

    def _context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        return self._ssl

    async def _connect(self, where: Endpoint) -> _Connection:
        loop = asyncio.get_running_loop()
        _, connection = await asyncio.wait_for(
            loop.create_connection(
                _Connection,
                where.host,
                where.port,
                ssl=self._context() if where.scheme == "https" else None,
                server_hostname=where.host if where.scheme == "https" else None,
            ),
            self.timeout,
        )
        return connection

    def _request(self, where: Endpoint, headers: dict[str, str], body: bytes) -> bytes:
        head = [f"POST {where.target} HTTP/1.1", f"Host: {where.host_header}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        head.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> Answer:
        where = endpoint(url)
        slots = self._slots.get(where.origin)
        if slots is None:
            slots = self._slots[where.origin] = asyncio.Semaphore(self.limit)
        data = self._request(where, headers, body)
        async with slots:
            idle = self._idle[where.origin]
            while idle:
                connection = idle.pop()
                if connection.closed:
                    continue
                try:
                    return await self._exchange(where, connection, data)
                except HTTPError:
                    if connection.received:
                        raise  # an answer had begun: this was not a stale connection
                    break  # closed while idle: once more, on a new connection
            return await self._exchange(where, await self._connect(where), data)

    async def _exchange(self, where: Endpoint, connection: _Connection, data: bytes) -> Answer:
        try:
            answer = await asyncio.wait_for(connection.request(data), self.timeout)
        except BaseException:
            connection.abort()
            raise
        if connection.keep and not connection.closed:
            self._idle[where.origin].append(connection)
        else:
            connection.close()
        return answer

    async def close(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()
        await asyncio.sleep(0)  # let the transports finish closing
