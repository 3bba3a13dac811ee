"""Rules a domain above makes for a person when its records need a reminder (an interview, a
follow-up day): made once, then the person's own to change or turn off."""

from __future__ import annotations

import uuid

from backend.lib import clock
from backend.lib.localtime import parse_hhmm
from backend.reminders import planning
from backend.reminders.rules import START_KINDS, TIMED_KINDS
from backend.reminders.tables import ReminderRule


async def ensure_rule(
    user_id: str,
    kind: str,
    *,
    minutes_before: int | None = None,
    at: str | None = None,
    zone: str = "",
) -> None:
    """The person has a rule of this ``kind``: the one they have stays as they set it (off too,
    if they turned it off), or one is made, ``minutes_before`` (a "… minutes before" kind) or at
    ``at`` in ``zone`` (a time-of-day kind). Then their reminders are planned again: for a
    domain above whose records the reminder is about (an interview, a follow-up day)."""
    assert kind in START_KINDS | TIMED_KINDS, kind
    if not await ReminderRule.exists().where(
        (ReminderRule.user == user_id) & (ReminderRule.kind == kind)
    ):
        now = clock.now()
        timed = kind in TIMED_KINDS
        await ReminderRule.insert(
            ReminderRule(
                client_uuid=uuid.uuid4(),
                user=user_id,
                kind=kind,
                minutes_before=None if timed else minutes_before,
                at_time=parse_hhmm(at) if timed and at else None,
                zone=zone if timed else "",
                enabled=True,
                planned_until=now,
                created_at=now,
                updated_at=now,
            )
        )
    await planning.client_changed(user_id)
