"""A slow network link on loopback: a TCP proxy that passes on what clients send at most
``rate`` bytes a second per connection (answers come back at full speed).

For a test that must kill a server while an upload's objects are on their way to the object
store: through it, a photo's small sizes are stored while its large ones are still being sent,
so a kill at the first stored object finds the upload half done. Everything is forwarded
unchanged (an S3 request signed for the proxy's address verifies at the store); when either
side closes, both go, so a request cut off by a killed client never completes.
"""

from __future__ import annotations

import asyncio
import contextlib


class SlowLink:
    def __init__(self, host: str, port: int, rate: int) -> None:
        self.target = (host, port)
        self.rate = rate
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    async def start(self) -> SlowLink:
        self._server = await asyncio.start_server(self._connected, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for pipe in list(self._pipes):
            pipe.cancel()

    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        pipes = [
            asyncio.create_task(self._pipe(reader, up_writer, slow=True)),
            asyncio.create_task(self._pipe(up_reader, writer, slow=False)),
        ]
        self._pipes.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pipe in pipes:
                pipe.cancel()
                self._pipes.discard(pipe)
            for w in (writer, up_writer):
                w.close()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, slow: bool
    ) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(16 * 1024):
                writer.write(data)
                await writer.drain()
                if slow:
                    await asyncio.sleep(len(data) / self.rate)  # the link's rate, not a wait
