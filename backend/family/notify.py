"""Telling people's devices about family news (Web Push, through the reminders domain's engine).

What a device receives is the kind's neutral sentence, where a tap goes and an id — never a
name, the update's words or whose news it is (``shared_schemas.reminders.PushPayload``; a lock
screen is not private): the family member's app fetches the feed, which is checked against live
consent. Recipients are asked of ``family_recipients`` at the moment of sending, never earlier:
a withdrawn consent stops the very next notification. ``set_sender`` installs another sender
for shared updates (tests record what would be sent).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from backend.family.consent import family_recipients
from backend.reminders import send_now_to
from backend.tasks import HelpRequested
from shared_schemas.reminders import PushKind

log = logging.getLogger("stepwise.family")

Sender = Callable[[list[str], PushKind], Awaitable[object]]
"""``await sender(user_ids, kind)``: tell every device of these people about ``kind``."""

_sender: Sender | None = send_now_to


def set_sender(sender: Sender | None) -> Sender | None:
    """Install the push sender; returns the previous one (tests put it back)."""
    global _sender
    previous, _sender = _sender, sender
    return previous


async def waiting_for_client(client_id: str) -> None:
    """Tell the client's devices that news waits for their yes or no (nothing reaches the family
    before that). Neutral words only; a push failure never undoes the update."""
    try:
        await send_now_to([client_id], "update_waiting")
    except Exception:
        log.exception("push to client %s about waiting news failed", client_id)


async def update_shared(client_id: str, update_id: str, kind: str) -> list[str]:
    """Notify the family members who may see ``kind`` now; returns who was notified."""
    recipients = await family_recipients(client_id, kind)
    if not recipients or _sender is None:
        return []
    try:
        await _sender(recipients, "family_update")
    except Exception:  # a push failure never undoes the share; the feed shows it anyway
        log.exception("family push for update %s failed", update_id)
        return []
    return recipients


async def help_requested(event: HelpRequested) -> None:
    """Tell the family members the client lets see help alerts that they asked for help
    (listens to tasks' ``HelpRequested``)."""
    await send_now_to(await family_recipients(event.client_id, "help_alerts"), "help_alert")
