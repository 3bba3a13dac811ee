"""What the clients domain tells the domains above it (``backend/lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.lib.actor import Actor


@dataclass(frozen=True, slots=True)
class StageChosen:
    """Staff chose the client's stage on the record itself (the older way of moving a client
    on); the client's journey starts that stage in its dated history."""

    client_id: str
    stage: str
    actor: Actor
