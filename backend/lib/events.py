"""In-process events: how a domain tells the domains above it that something happened, without
importing them.

A domain defines its events as frozen dataclasses (or msgspec Structs) in its own ``events.py``
and calls ``await emit(SomethingHappened(...))`` where the thing happened. A domain above it
subscribes a listener with ``subscribe(SomethingHappened, listener)``; ``backend/app.py`` wires
every subscription at start, next to the routers, so the graph of who listens to whom is read in
one place and the lower domain never names the higher one.

Listeners are awaited in the request (or job) that emitted, in the order they were subscribed,
inside its transaction when there is one — the same as the direct call they replace: a listener
that fails fails the request, unless it was subscribed with ``best_effort=True`` (telling a
person's devices, say), whose failures are logged and swallowed so they cannot undo the change
that was made. (Litestar's own ``app.emit`` runs listeners after the answer, where neither a
failure nor a test can see them.)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger("stepwise.events")

E = TypeVar("E")
Listener = Callable[[E], Awaitable[object]]
"""What a listener returns is not used (a listener tests call directly may return something)."""


@dataclass(frozen=True, slots=True)
class _Subscription:
    listener: Callable[[Any], Awaitable[object]]
    best_effort: bool


_subscriptions: dict[type[Any], list[_Subscription]] = {}


def subscribe(event_type: type[E], listener: Listener[E], *, best_effort: bool = False) -> None:
    """Call ``listener`` with every ``event_type`` emitted (subscribing twice: once)."""
    subscriptions = _subscriptions.setdefault(event_type, [])
    if all(s.listener is not listener for s in subscriptions):
        subscriptions.append(_Subscription(listener, best_effort))


async def emit(event: object) -> None:
    """Tell every listener of ``type(event)``, in subscription order."""
    for subscription in _subscriptions.get(type(event), ()):
        if not subscription.best_effort:
            await subscription.listener(event)
            continue
        try:
            await subscription.listener(event)
        except Exception:
            log.exception("a listener of %s failed", type(event).__name__)


def listeners(event_type: type[Any]) -> list[Callable[[Any], Awaitable[object]]]:
    """Who listens to ``event_type`` (the architecture page and tests read it)."""
    return [s.listener for s in _subscriptions.get(event_type, ())]
