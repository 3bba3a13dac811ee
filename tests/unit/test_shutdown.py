"""The stop signal reaches the app's callback first and the server's own handler as before,
whether the server handles it through its asyncio loop or with ``signal.signal``; where nobody
handles it, nothing is taken over."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from backend.lib.shutdown import on_stop_signal


@pytest.fixture(autouse=True)
def kept_handlers() -> Iterator[None]:
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in kept.items():
        signal.signal(sig, handler)


async def _until(heard: list[str], count: int) -> None:
    async with asyncio.timeout(5):
        while len(heard) < count:
            await asyncio.sleep(0.01)


async def test_the_app_hears_a_signal_before_the_loops_own_handler() -> None:
    loop = asyncio.get_running_loop()
    heard: list[str] = []
    loop.add_signal_handler(signal.SIGTERM, heard.append, "server")
    try:
        on_stop_signal(lambda: heard.append("app"))
        os.kill(os.getpid(), signal.SIGTERM)
        await _until(heard, 2)
        assert heard == ["app", "server"]
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


async def test_the_app_hears_a_signal_before_a_plain_handler() -> None:
    heard: list[str] = []

    def server(signum: int, frame: FrameType | None) -> None:
        heard.append(f"server {signal.Signals(signum).name}")

    signal.signal(signal.SIGTERM, server)
    on_stop_signal(lambda: heard.append("app"))
    os.kill(os.getpid(), signal.SIGTERM)
    await _until(heard, 2)
    assert sorted(heard) == ["app", "server SIGTERM"]


async def test_a_signal_nobody_handles_is_left_alone() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    on_stop_signal(lambda: None)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
