"""Who may see or change whose reminders. One condition per line; callers answer 404 where the
person is out of reach.

``record`` is a client's record (a ``ClientRow``); ``rule`` a row of
``reminder_rules`` (``user``).
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


def can_view_client_reminders(actor: Actor, record: ClientRow) -> bool:
    return can_view_client(actor, record)


def can_set_client_reminders(actor: Actor, record: ClientRow) -> bool:
    """The client chooses, with the coach's help: either of them sets the client's reminders."""
    return (
        can_manage_client(actor, record)
        or (actor.role == "client" and _same(record.client_id, actor.id))
    )  # fmt: skip


def owns(actor: Actor, rule: dict[str, Any]) -> bool:
    return _same(rule["user"], actor.id)


def can_change_rule(actor: Actor, rule: dict[str, Any], record: ClientRow | None) -> bool:
    """The rule's owner, or whoever sets the reminders of the client it belongs to."""
    return (
        owns(actor, rule)
        or (record is not None and can_set_client_reminders(actor, record))
    )  # fmt: skip


def kind_allowed(role: str, kind: str) -> bool:
    """Shift, goal and conversation reminders are a client's; the caseload digest is staff's;
    meeting reminders belong to both people of an agreement."""
    if kind == "coach":
        return role in {"coach", "coordinator", "admin"}
    if kind == "follow_up":  # made when a follow-up day is set on an opportunity
        return role in {"coach", "coordinator", "admin"}
    if kind == "development":  # a coach's own certificates, certification and re-assessment
        return role in {"coach", "coordinator"}
    if kind == "after_support":  # made when support ends with the client's leave to ask later
        return role in {"coach", "coordinator", "admin"}
    if kind == "meeting":  # made when an agreement is agreed, for both of its people
        return role in {"client", "coach", "mentor"}
    return role == "client"
