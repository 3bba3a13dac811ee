"""What the outcomes' figures ask of the monthly conversations: per client, the last one held
on or before a day (one grouped read, bounded by the clients and the days)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from piccolo.query.functions.aggregate import Max

from backend.clients import InScope, among
from backend.goals.tables import Conversation
from backend.lib.ids import as_uuid


async def last_held_between(
    clients: Sequence[str] | InScope, first: date, last: date
) -> dict[str, date]:
    """Per client of these (a list, or a scope's): the day of the last conversation held on
    ``first`` … ``last``; clients without one are left out."""
    if not isinstance(clients, InScope) and not any(as_uuid(c) for c in clients):
        return {}
    rows = (
        await Conversation.select(Conversation.client, Max(Conversation.held_on, alias="last"))
        .where(
            among(Conversation.client, clients)
            & (Conversation.held_on >= first)
            & (Conversation.held_on <= last)
        )
        .group_by(Conversation.client)
    )
    out: dict[str, date] = {}
    for r in rows:
        value: Any = r["last"]
        if value is not None:
            out[str(r["client"])] = (
                value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
            )
    return out
