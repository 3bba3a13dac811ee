"""A server-sent event stream read straight from the ASGI app, in the test's own event loop.

httpx's ASGI transport hands back a response only once the app has finished it, so a stream
that stays open cannot be read through it. This drives one GET as an ASGI server would: the
body arrives chunk by chunk, is parsed as ``text/event-stream`` (WHATWG HTML §9.2.6), and the
events wait in a queue; closing the stream sends ``http.disconnect`` as a closed tab would.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Event:
    event: str
    data: str
    id: str | None

    def json(self) -> Any:
        return json.loads(self.data)


@dataclass
class Stream:
    app: Any
    path: str
    token: str
    last_event_id: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    events: asyncio.Queue[Event] = field(default_factory=asyncio.Queue)
    received: list[Event] = field(default_factory=list)
    ended: bool = False
    _closed: asyncio.Event = field(default_factory=asyncio.Event)
    _started: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None
    _buffer: str = ""
    _last_id: str | None = None

    async def __aenter__(self) -> Stream:
        headers = [
            (b"host", b"testserver.local"),
            (b"accept", b"text/event-stream"),
            (b"cookie", f"stepwise_session={self.token}".encode()),
        ]
        if self.last_event_id is not None:
            headers.append((b"last-event-id", self.last_event_id.encode()))
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("203.0.113.7", 50000),
            "server": ("testserver.local", 80),
            "state": {},
        }
        self._task = asyncio.create_task(self.app(scope, self._receive, self._send))
        await asyncio.wait_for(self._started.wait(), 10)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._closed.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, 10)

    async def _receive(self) -> dict[str, Any]:
        if not getattr(self, "_requested", False):
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._closed.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode().lower(): v.decode() for k, v in message["headers"]}
            self._started.set()
        elif message["type"] == "http.response.body":
            self._parse(message.get("body", b"").decode())
            if not message.get("more_body", False):
                self.ended = True

    def _parse(self, text: str) -> None:
        self._buffer += text.replace("\r\n", "\n")
        while "\n\n" in self._buffer:
            block, self._buffer = self._buffer.split("\n\n", 1)
            kind, data, seen_data = "message", [], False
            for line in block.split("\n"):
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "event":
                    kind = value
                elif name == "data":
                    data.append(value)
                    seen_data = True
                elif name == "id":
                    self._last_id = value
            if seen_data:
                event = Event(kind, "\n".join(data), self._last_id)
                self.received.append(event)
                self.events.put_nowait(event)

    @property
    def last_id(self) -> str | None:
        """What a browser would send as ``Last-Event-ID`` on reconnecting."""
        return self._last_id

    async def next(self, kind: str, timeout: float = 10) -> Event:
        """The next event of this kind (others are skipped), waiting at most ``timeout``."""
        async with asyncio.timeout(timeout):
            while True:
                event = await self.events.get()
                if event.event == kind:
                    return event
