"""Who may see or change goals and PTA conversations. One condition per line; callers answer
404 where the client is out of reach.

``record`` is the client's record (a ``ClientRow``).
"""

from __future__ import annotations

from typing import Any

from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client, is_mentor_of
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


def can_view_goals(actor: Actor, record: ClientRow) -> bool:
    """The client (everything collected about them), their coach, the team's coordinator,
    administrators. Family members: only "goals reached" once the consent issue lands."""
    return can_view_client(actor, record)


def can_read_goals(actor: Actor, record: ClientRow) -> bool:
    """The goal list and one goal: those who see goals, and the client's mentors (read only,
    and nothing else of goals: no photos, check-ins, evaluations or conversations)."""
    return (
        can_view_goals(actor, record)
        or is_mentor_of(actor, record)
    )  # fmt: skip


def can_set_goals(actor: Actor, record: ClientRow) -> bool:
    """Client and coach set goals together: either of them may write one down."""
    return (
        can_manage_client(actor, record)
        or is_the_client(actor, record)
    )  # fmt: skip


def can_remove_goals(actor: Actor, record: ClientRow) -> bool:
    return can_manage_client(actor, record)


def can_end_goals_early(actor: Actor, record: ClientRow) -> bool:
    """Staff who manage the client end a goal early, with a reason (GAS: the final evaluation
    then opens)."""
    return can_manage_client(actor, record)


def can_check_in(actor: Actor, record: ClientRow) -> bool:
    """Check-ins are the client's own voice."""
    return is_the_client(actor, record)


def can_view_conversations(actor: Actor, record: ClientRow) -> bool:
    return can_view_client(actor, record)


def can_hold_conversations(actor: Actor, record: ClientRow) -> bool:
    """The coach records the answers with the client (the client reads them)."""
    return can_manage_client(actor, record)


def can_read_question_sets(actor: Actor) -> bool:
    return actor.is_staff


def can_edit_question_sets(actor: Actor) -> bool:
    return actor.role == "admin"
