"""Who may see which figures. One condition per line.

- Administrators: the organisation, any team, any coach's caseload.
- Coordinators: their own team and each coach of it.
- Coaches: their own caseload (the same figures the coordinator sees for it).
- Clients, family members, mentors: none (403: the screen is staff's).

The rows behind a figure are the same clients and activities the reader sees in the caseload
and the team's activity log: the scope decides them.
"""

from __future__ import annotations

from backend.accounts import PersonInfo
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "These figures are for staff."
OUT_OF_REACH = "Choose your own team or one of its coaches."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    if not allowed:
        raise ProblemError(403, refusal)


def can_see_figures(actor: Actor) -> bool:
    return actor.role in {"admin", "coordinator", "coach"}


def can_see_organisation(actor: Actor) -> bool:
    return actor.role == "admin"


def can_see_team(actor: Actor, team_id: str) -> bool:
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and actor.team_id == team_id)
    )  # fmt: skip


def can_see_coach(actor: Actor, coach: PersonInfo) -> bool:
    return coach.role == "coach" and (
        actor.role == "admin"
        or (
            actor.role == "coordinator"
            and actor.team_id is not None
            and actor.team_id == coach.team_id
        )
        or (actor.role == "coach" and actor.id == coach.id)
    )
