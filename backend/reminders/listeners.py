"""Other domains' events that the reminders domain turns into notifications (subscribed in
``backend/app.py``)."""

from __future__ import annotations

from backend.accounts.events import PasskeysChanged
from backend.reminders import mail
from backend.reminders.kinds import KINDS
from backend.reminders.services import pushed_to
from backend.reminders.tables import NotificationSettings
from backend.settings import get_settings


async def passkeys_changed(event: PasskeysChanged) -> None:
    """A passkey was added to or removed from this person's account: tell every
    device of theirs, and their e-mail address where they gave one, so a passkey that someone
    else added with a borrowed session does not go unnoticed. The message says only that the
    passkeys changed, never which one, from where or by whom."""
    user_id = event.user_id
    kind = "passkeys_changed"
    # With no device to push to, the engine already sends its e-mail instead.
    if user_id not in await pushed_to([user_id], kind):
        return
    row = (
        await NotificationSettings.select(NotificationSettings.email)
        .where(NotificationSettings.user == user_id)
        .first()
    )
    if row and row["email"]:
        info = KINDS[kind]
        await mail.send_many(
            [
                mail.Mail(
                    to=row["email"],
                    subject=f"Stepwise: {info.subject}",
                    text=f"{info.title}\n\n{get_settings().origin}{info.url}\n",
                )
            ]
        )
