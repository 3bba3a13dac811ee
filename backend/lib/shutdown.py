"""Hear the server's stop signal inside a worker process, before its connections are drained.

granian's worker stops on SIGINT or SIGTERM through a signal handler of its own (an asyncio
``loop.add_signal_handler``, or ``signal.signal`` where the loop has none), then waits for open
responses to finish before the ASGI lifespan ends. A response that stays open by design (a
server-sent event stream) would hold the stop up; so the app puts its own handler in front of
the one that is there (``signal.getsignal``) and calls that one as before. Where nobody handles
the signal (the default: the process ends, or ``KeyboardInterrupt``), nothing changes and the
streams end with the process.

An asyncio loop's handler is safe to stand in front of: the loop hears a signal through the
wake-up file descriptor (``signal.set_wakeup_fd``), which every Python-level handler keeps, and
runs its own callback from there whatever the Python-level handler is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from types import FrameType

log = logging.getLogger("stepwise")

# What a signal does when nobody took it over: not ours to change.
_UNHANDLED: tuple[object, ...] = (signal.SIG_DFL, signal.SIG_IGN, signal.default_int_handler)


def on_stop_signal(callback: Callable[[], None]) -> None:
    """Call ``callback`` on the running loop when SIGINT or SIGTERM reaches this process, and
    run the handler that was there as before."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        before = signal.getsignal(sig)
        if before is None or before in _UNHANDLED or not callable(before):
            continue

        def heard(
            signum: int,
            frame: FrameType | None,
            before: Callable[[int, FrameType | None], object] = before,
        ) -> None:
            # A signal handler runs between two bytecodes of the main thread, possibly inside
            # the loop itself: the callback runs on the loop, soon, like any other.
            with contextlib.suppress(RuntimeError):  # the loop has closed meanwhile
                loop.call_soon_threadsafe(callback)
            before(signum, frame)

        try:
            signal.signal(sig, heard)
        except ValueError:  # not the main thread of the main interpreter
            log.debug("cannot hear signal %s here", sig)
