"""Other domains' events that the reminders domain turns into notifications."""

from __future__ import annotations

from backend.reminders.services import send_now_to


async def passkeys_changed(user_id: str, change: str) -> None:
    """A passkey was added to or removed from this person's account (``change``): tell every
    device of theirs (or their e-mail when no device has notifications on), so a passkey that
    someone else added with a borrowed session does not go unnoticed. The message says only
    that the passkeys changed, never which one or by whom."""
    await send_now_to([user_id], "passkeys_changed")
