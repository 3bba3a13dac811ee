"""What the goals domain's HTTP handlers share: the photo limits, and a goal or conversation
the caller may see with its client's record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend import clients
from backend.goals import access, pta, reading, services
from backend.lib import images, uploads
from backend.lib.actor import Actor
from backend.lib.errors import not_found

PHOTO_BODY = images.MAX_BYTES + uploads.OVERHEAD
IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}


async def _goal(
    actor: Actor,
    goal_id: str,
    may_see: Callable[[Actor, clients.ClientRow], bool] = access.can_view_goals,
) -> tuple[dict[str, Any], clients.ClientRow]:
    goal = await reading.goal_row(goal_id)
    record = await clients.record_of(str(goal["client"])) if goal else None
    if goal is None or record is None or not may_see(actor, record):
        raise not_found(services.NO_GOAL)
    return goal, record


async def _conversation(
    actor: Actor, conversation_id: str
) -> tuple[dict[str, Any], clients.ClientRow]:
    row = await pta.conversation_row(conversation_id)
    record = await clients.record_of(str(row["client"])) if row else None
    if row is None or record is None or not access.can_view_conversations(actor, record):
        raise not_found(pta.NO_CONVERSATION)
    return row, record


# --- goals --------------------------------------------------------------------------------
