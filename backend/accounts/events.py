"""What the accounts domain tells the domains above it (``backend/lib/events.py``), without
importing them: ``backend/app.py`` subscribes the listeners. Listeners are awaited in the request
that made the change. Those of a passkey change tell the person's devices and are subscribed best
effort, as telling a device must not undo or fail the change made; those of an enrolment or a
team move make the records that go with it, and a failing one fails the request, as the direct
call they replace did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backend.lib.events import emit
from shared_schemas.accounts import Role


@dataclass(frozen=True, slots=True)
class PasskeysChanged:
    """A passkey was added to or removed from this person's account."""

    user_id: str
    change: Literal["added", "removed"]


async def passkeys_changed(user_id: str, change: Literal["added", "removed"]) -> None:
    await emit(PasskeysChanged(user_id, change))


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
