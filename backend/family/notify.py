"""Telling family members' devices that an update was shared with them (Web Push).

The push engine belongs to the reminders domain: by default the sender is
``backend.reminders.services.send_now_to`` (kind ``family_update``, a neutral sentence and an id);
``set_sender`` installs another (tests record what would be sent). Recipients are asked of
``family_recipients`` at the moment of sending, never earlier: a withdrawn consent stops the
very next notification.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from backend.family.consent import family_recipients
from shared_schemas.family import FamilyUpdatePush

log = logging.getLogger("stepwise.family")

Sender = Callable[[list[str], dict[str, Any]], Awaitable[Any]]
"""``await sender(user_ids, payload)``: deliver one payload to every device of these people."""


async def _push(user_ids: list[str], payload: dict[str, Any]) -> int:
    from backend.reminders.services import send_now_to

    return await send_now_to(user_ids, "family_update")


_sender: Sender | None = _push


def set_sender(sender: Sender | None) -> Sender | None:
    """Install the push sender; returns the previous one (tests put it back)."""
    global _sender
    previous, _sender = _sender, sender
    return previous


async def waiting_for_client(client_id: str) -> None:
    """Tell the client's devices that news waits for their yes or no (nothing reaches the family
    before that). Neutral words only; a push failure never undoes the update."""
    from backend.reminders.services import send_now_to

    try:
        await send_now_to([client_id], "update_waiting")
    except Exception:
        log.exception("push to client %s about waiting news failed", client_id)


async def update_shared(client_id: str, update_id: str, kind: str) -> list[str]:
    """Notify the family members who may see ``kind`` now; returns who was notified."""
    recipients = await family_recipients(client_id, kind)
    if not recipients or _sender is None:
        return []
    payload = msgspec.to_builtins(
        FamilyUpdatePush(
            client_id=client_id,
            update_id=update_id,
            kind=kind,  # type: ignore[arg-type]
        )
    )
    try:
        await _sender(recipients, payload)
    except Exception:  # a push failure never undoes the share; the feed shows it anyway
        log.exception("family push for update %s failed", update_id)
        return []
    return recipients
