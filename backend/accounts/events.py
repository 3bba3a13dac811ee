"""What the accounts domain tells the domains above it (``backend/lib/events.py``), without
importing them: ``backend/app.py`` subscribes the listeners. Listeners are awaited in the request
that made the change, so the answer comes once the person's devices have been told; they are
subscribed best effort, as telling a device must not undo or fail the change made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backend.lib.events import emit


@dataclass(frozen=True, slots=True)
class PasskeysChanged:
    """A passkey was added to or removed from this person's account."""

    user_id: str
    change: Literal["added", "removed"]


async def passkeys_changed(user_id: str, change: Literal["added", "removed"]) -> None:
    await emit(PasskeysChanged(user_id, change))
