"""What the accounts domain tells other domains, without importing them.

``app.py`` wires the listeners (as it registers the reminder engine's jobs), so accounts
depends on nothing that listens. Listeners are awaited in the request that made the change:
the answer comes once the person's devices have been told (Litestar's ``app.emit`` would run
them after the answer, where a failure or a test cannot see them).

A change of passkeys has its own small list of listeners (``on_passkeys_changed``), whose
failures are logged and swallowed; ``PersonEnrolled`` and ``StaffTeamChanged`` go through
``backend.lib.events``, and a failing listener fails the request, as the direct call they
replace did.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from shared_schemas.accounts import Role

log = logging.getLogger("stepwise.accounts")

PasskeysChanged = Callable[[str, str], Awaitable[None]]
"""``(user_id, change)`` with change ``added`` or ``removed``."""

_passkeys_changed: list[PasskeysChanged] = []


def on_passkeys_changed(listener: PasskeysChanged) -> None:
    """Call ``listener`` whenever a person's passkeys change (registering twice: once)."""
    if listener not in _passkeys_changed:
        _passkeys_changed.append(listener)


async def passkeys_changed(user_id: str, change: str) -> None:
    for listener in _passkeys_changed:
        try:
            await listener(user_id, change)
        except Exception:  # telling the devices must not undo or fail the change made
            log.exception("a listener failed for a %s passkey", change)


# Events emitted with ``backend.lib.events.emit``; the listeners are awaited in the request.


@dataclass(frozen=True, slots=True)
class PersonEnrolled:
    """A new account was made from an invitation (not a recovery of an existing one)."""

    user_id: str
    role: Role
    coach_id: str | None
    """For a client: the coach whose caseload they join."""
    client_id: str | None
    """For a family member: the client they were invited for."""
    relation: str
    """For a family member: how they are related to the client ("father")."""


@dataclass(frozen=True, slots=True)
class StaffTeamChanged:
    """An administrator moved a coordinator or coach to another team (None: no team)."""

    user_id: str
    team_id: str | None
