"""Who may see or change a client's journey. One condition per line; callers answer 404 where
the client is out of reach, so their existence stays private.

``record`` is the client's record (a ``ClientRow``). Mentors, family members and other teams
never see the journey: it is the client's and their coaching team's.
"""

from __future__ import annotations

from typing import Any

from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client
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


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and _same(record.client_id, actor.id)


def can_view_journey(actor: Actor, record: ClientRow) -> bool:
    """The episodes and the stage history: the client, their coach, the team's coordinator,
    administrators (those who read the record)."""
    return can_view_client(actor, record)


def can_change_journey(actor: Actor, record: ClientRow) -> bool:
    """Intake, stages, closure: the coach, the team's coordinator, administrators."""
    return can_manage_client(actor, record)


def can_record_decision(actor: Actor, record: ClientRow) -> bool:
    """The informed decision is the client's: the client on their own phone, or staff
    recording it with them (recorded as such)."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_read_targets(actor: Actor) -> bool:
    """The organisation's targets per stage: staff."""
    return actor.is_staff


def can_set_targets(actor: Actor) -> bool:
    """Administrators set the targets for the whole organisation."""
    return actor.role == "admin"
