"""Who may run and read fidelity reviews. One condition per line.

- Administrators: reviews of the organisation and of any team.
- Coordinators: reviews of their own team.
- Coaches, clients, family members, mentors: none (403: the self-assessment is the management
  team's tool; the coach sees their own figures on Results).

A review out of the reader's reach is not found (404): its id says nothing to them.
"""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, not_found

__all__ = ["not_found"]

FORBIDDEN = "Fidelity reviews are for coordinators and administrators."
OUT_OF_REACH = "Choose your own team."
NO_REVIEW = "There is no such review."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    if not allowed:
        raise ProblemError(403, refusal)


def require_review(allowed: bool) -> None:
    if not allowed:
        raise not_found(NO_REVIEW)


def can_use_reviews(actor: Actor) -> bool:
    return actor.role in {"admin", "coordinator"}


def can_review_organisation(actor: Actor) -> bool:
    return actor.role == "admin"


def can_review_team(actor: Actor, team_id: str | None) -> bool:
    return team_id is not None and (
        actor.role == "admin"
        or (actor.role == "coordinator" and actor.team_id == team_id)
    )  # fmt: skip


def can_see_review(actor: Actor, scope: str, team_id: str | None) -> bool:
    return (
        (scope == "organisation" and can_review_organisation(actor))
        or (scope == "team" and can_review_team(actor, team_id))
    )  # fmt: skip


def can_change_review(actor: Actor, scope: str, team_id: str | None) -> bool:
    """The same people who see it; a finished review is locked for everyone (services)."""
    return can_see_review(actor, scope, team_id)
