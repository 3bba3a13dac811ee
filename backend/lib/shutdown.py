"""Hear the server's stop signal inside a worker process, before its connections are drained.

granian's worker stops on SIGINT or SIGTERM through an asyncio signal handler of its own, then
waits for open responses to finish before the ASGI lifespan ends. A response that stays open by
design (a server-sent event stream) would hold the stop up; so the app adds its callback in
front of the handler that is there, and calls that one as before. Where the loop keeps no such
handler (another server, another loop), nothing changes and the streams end on their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import Any

log = logging.getLogger("stepwise")


def on_stop_signal(callback: Callable[[], None]) -> None:
    """Call ``callback`` when SIGINT or SIGTERM reaches this process, then what was there."""
    loop = asyncio.get_running_loop()
    handlers: dict[int, Any] = getattr(loop, "_signal_handlers", {})
    for sig in (signal.SIGINT, signal.SIGTERM):
        before = handlers.get(sig)
        if before is None:
            continue  # not ours to take over: the default behaviour stays

        def chained(before: Any = before) -> None:
            with contextlib.suppress(Exception):
                callback()
            before._run()

        try:
            loop.add_signal_handler(sig, chained)
        except (NotImplementedError, RuntimeError, ValueError):
            log.debug("cannot hear signal %s here", sig)
