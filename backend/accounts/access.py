"""Who may see and change people, teams, invitations and the organisation. One condition per
line.

A refusal is 403 where the operation is closed to the role whatever its target, and 404 where
the target's existence is private to those who may reach it (a recovery link for a person
outside one's caseload, another person's invitation, another team).
"""

from __future__ import annotations

from typing import Any

from backend.accounts.caseload import caseload
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error

FORBIDDEN = "This is not allowed."


def require(allowed: bool, message: str = FORBIDDEN) -> None:
    """403 with ``message`` unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, message)


def require_field(allowed: bool, field: str, refusal: str, *, code: str = "invalid") -> None:
    """403 naming the field of the request that asks for what the actor may not do."""
    if not allowed:
        raise field_error(field, refusal, status=403, code=code)


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_list_people(actor: Actor) -> bool:
    """The people list: administrators everyone, coordinators the staff of their team."""
    return actor.role == "admin" or actor.role == "coordinator"


def can_administer_people(actor: Actor) -> bool:
    """Change a person's team or name, remove all their passkeys and sessions, create a team:
    administrators only (a coordinator could otherwise move staff into their own team, or lock
    a colleague out)."""
    return actor.role == "admin"


def can_edit_organisation(actor: Actor) -> bool:
    """The organisation the privacy notice names speaks for everyone: administrators."""
    return actor.role == "admin"


def can_list_teams(actor: Actor) -> bool:
    """Staff see teams (administrators all, the others their own); clients and family never."""
    return actor.is_staff


def can_edit_team_settings(actor: Actor) -> bool:
    """Team settings: administrators, and coordinators (which team: ``can_edit_team``)."""
    return actor.role == "admin" or actor.role == "coordinator"


def can_edit_team(actor: Actor, team_id: str) -> bool:
    """Administrators any team; a coordinator their own (how their team answers for help)."""
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and _same(actor.team_id, team_id))
    )  # fmt: skip


def can_handle_invitations(actor: Actor) -> bool:
    """List, make and cancel invitations: staff; a client's family is invited by their coach."""
    return actor.is_staff


def sees_every_invitation(actor: Actor) -> bool:
    """Administrators see every invitation; the others those they made."""
    return actor.role == "admin"


def can_cancel_invitation(actor: Actor, invitation: dict[str, Any]) -> bool:
    """The person who made it, or an administrator (answered 404: another's is not shown)."""
    return actor.role == "admin" or _same(invitation["created_by"], actor.id)


def can_invite_staff(actor: Actor) -> bool:
    """Administrators, coordinators and coaches are invited by an administrator only."""
    return actor.role == "admin"


def can_invite_mentors(actor: Actor) -> bool:
    """A peer mentor or volunteer is invited by staff: administrators, coordinators, coaches."""
    return actor.is_staff


def mentor_team(actor: Actor, team_id: str | None) -> str | None:
    """The team a new mentor joins: an administrator chooses; coordinators and coaches invite
    mentors to their own team."""
    return team_id if actor.role == "admin" else actor.team_id


def can_invite_clients(actor: Actor) -> bool:
    return actor.is_staff


def default_coach(actor: Actor) -> str | None:
    """A coach who names no coach invites a client to their own caseload."""
    return actor.id if actor.role == "coach" else None


def can_invite_to_caseload_of(actor: Actor, coach_id: str | None) -> bool:
    """A coach fills only their own caseload; coordinators and administrators any coach's."""
    return actor.role != "coach" or coach_id == actor.id


def can_invite_for_coach(actor: Actor, coach: dict[str, Any]) -> bool:
    """A coordinator invites clients for the coaches of their team only."""
    return actor.role != "coordinator" or str(coach["team"]) == actor.team_id


async def can_invite_family_of(actor: Actor, client_id: str) -> bool:
    """A client's family is invited by whoever manages the client (their coach, the team's
    coordinator, an administrator)."""
    return await caseload().may_manage(actor, client_id)


async def can_recover(actor: Actor, target: dict[str, Any]) -> bool:
    """Issue a new link for a person who lost their phone: administrators anyone; coordinators
    and coaches the clients they manage and those clients' family; coordinators also their
    team's coaches. Nobody recovers a peer's or a superior's account."""
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and _is_coach_of_team(target, actor.team_id))
        or (actor.role in {"coordinator", "coach"} and await _manages_client_of(actor, target))
    )  # fmt: skip


def _is_coach_of_team(person: dict[str, Any], team_id: str | None) -> bool:
    return person["role"] == "coach" and _same(person["team"], team_id)


async def _manages_client_of(actor: Actor, target: dict[str, Any]) -> bool:
    """The target is a client the actor manages, or family of one."""
    if target["role"] == "client":
        return await caseload().may_manage(actor, str(target["id"]))
    if target["role"] != "family":
        return False
    for client in await caseload().clients_of_family(str(target["id"])):
        if await caseload().may_manage(actor, client.id):
            return True
    return False
