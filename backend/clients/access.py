"""Who may see or change a client record. One condition per line; callers answer 404.

``record`` is the client's record, a ``ClientRow``.
"""

from __future__ import annotations

from typing import Any

from backend.accounts import PersonInfo
from backend.clients.record import ClientRow
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_view_client(actor: Actor, record: ClientRow) -> bool:
    """Read the record: the client, their coach, the team's coordinator, administrators.
    Family members never read the record itself (only consented updates, a later domain)."""
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and _same(record.team_id, actor.team_id))
        or (actor.role == "coach" and _same(record.coach_id, actor.id))
        or (actor.role == "client" and _same(record.client_id, actor.id))
    )


def is_mentor_of(actor: Actor, record: ClientRow) -> bool:
    """A mentor working with the client now. Mentors never read the record itself; the domains
    of agreements, goals and activities let them see those of the clients they mentor."""
    return actor.role == "mentor" and actor.id in record.mentor_ids


def can_manage_client(actor: Actor, record: ClientRow) -> bool:
    """Change the stage and notes, invite the client's family, issue a recovery link."""
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and _same(record.team_id, actor.team_id))
        or (actor.role == "coach" and _same(record.coach_id, actor.id))
    )


def can_assign_coach(actor: Actor, record: ClientRow, coach: PersonInfo) -> bool:
    """Move a client to another caseload: administrators, or the coordinator of both teams."""
    return coach.role == "coach" and (
        actor.role == "admin"
        or (
            actor.role == "coordinator"
            and _same(record.team_id, actor.team_id)
            and _same(coach.team_id, actor.team_id)
        )
    )
