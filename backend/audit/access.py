"""Who may read the audit log. One condition per line.

Administrators read all of it; a coordinator reads the entries of their team only (the page
query narrows to ``Actor.team_id``); nobody else reads it."""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def can_read_log(actor: Actor) -> bool:
    return actor.role == "admin" or actor.role == "coordinator"


def team_scope(actor: Actor) -> str | None:
    """The team whose entries a reader of the log gets; None = every entry. A coordinator
    without a team gets none ("-" matches no entry)."""
    return None if actor.role == "admin" else (actor.team_id or "-")
