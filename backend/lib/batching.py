"""Many small reads of the same kind, asked by requests at the same moment, made in one round
trip (``Batcher``).

Under load a server has tens of requests in flight that each want one small row — a client's
day stamp, say — and each would take its own turn on a database connection. A ``Batcher`` lets
the first of them start one statement for its key; those that ask while it runs wait together
for the next statement, which reads all of their keys at once. Each request still reads after
it asked (the statement its answer comes from starts after its call), so it sees every write
that was committed before it asked, as a read of its own would.

A quiet server pays one task switch: the first key goes out alone, at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Batcher(Generic[K, V]):
    """``await batcher.get(key)``: the value ``read_many`` gives for ``key`` (None when it gives
    none), read together with the keys other requests asked for meanwhile; at most ``most``
    keys a statement, one statement under way."""

    def __init__(self, read_many: Callable[[list[K]], Awaitable[dict[K, V]]], most: int = 500):
        self._read_many = read_many
        self._most = most
        self._waiting: dict[K, list[asyncio.Future[V | None]]] = {}
        self._running: asyncio.Task[None] | None = None

    async def get(self, key: K) -> V | None:
        loop = asyncio.get_running_loop()
        if self._running is not None and self._running.get_loop() is not loop:
            # A batch of an event loop that is gone (a test's, a restarted worker's) never ends.
            self._running, self._waiting = None, {}
        future: asyncio.Future[V | None] = loop.create_future()
        self._waiting.setdefault(key, []).append(future)
        if self._running is None:
            self._running = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            await self._read_while_asked()
        finally:
            # At once, not in a done callback (those run a turn later): a key asked in that
            # turn would find this task still counted, start none, and wait for ever.
            self._running = None

    async def _read_while_asked(self) -> None:
        while self._waiting:
            keys = list(self._waiting)[: self._most]
            batch = {key: self._waiting.pop(key) for key in keys}
            try:
                found = await self._read_many(keys)
            except Exception as exc:
                _tell(batch, exc)
                continue
            except BaseException as exc:  # cancelled: everyone waiting is told so
                _tell(batch, exc)
                _tell(self._waiting, exc)
                self._waiting = {}
                raise
            for key, futures in batch.items():
                value = found.get(key)
                for future in futures:
                    if not future.done():  # a waiter that was cancelled meanwhile
                        future.set_result(value)


def _tell(batch: dict[K, list[asyncio.Future[V | None]]], exc: BaseException) -> None:
    for futures in batch.values():
        for future in futures:
            if not future.done():
                future.set_exception(exc)
