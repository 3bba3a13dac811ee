"""Who may read a day. One condition per line.

The day is the signed-in client's own: it has no client in its path, so nobody reads another
person's day through it. Staff read a client's parts through the client's page (audited), a
family member through the feed (consented).
"""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError


def can_read_own_day(actor: Actor) -> bool:
    """A client, their own day."""
    return actor.role == "client"


def require_own_day(actor: Actor) -> None:
    """403 unless the person may read the day: the domain's refusal is raised here."""
    if not can_read_own_day(actor):
        raise ProblemError(403, "The day is a client's own start screen.")
