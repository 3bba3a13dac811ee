"""What a staff member's own practice shows of monthly conversations (for staff competence's
evidence): the conversations they held, in a window, bounded."""

from __future__ import annotations

from datetime import date

from backend.goals.tables import Conversation
from backend.lib.ids import as_uuid


async def conversations_held_by(
    person_id: str, first: date, last: date, limit: int
) -> list[tuple[str, date]]:
    """(conversation id, day) of the monthly conversations ``person_id`` held (ended) on
    ``first`` … ``last``, latest first, at most ``limit``. No client, no words."""
    if as_uuid(person_id) is None:
        return []
    rows = (
        await Conversation.select(Conversation.id, Conversation.held_on)
        .where(
            (Conversation.coach == person_id)
            & (Conversation.status == "ended")
            & (Conversation.held_on >= first)
            & (Conversation.held_on <= last)
        )
        .order_by(Conversation.held_on, ascending=False)
        .limit(limit)
    )
    return [(str(r["id"]), r["held_on"]) for r in rows]
