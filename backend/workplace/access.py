"""Who may see or change a job's analysis and its natural supports. One condition per line;
callers answer 404 where the client is out of reach (whether a person is a client, and where
they work, is private).

``record`` is the client's record (a ``ClientRow``).

- Reading: the client (their own, without the coach's notes), their coach, the team's
  coordinator, administrators. Family members and mentors never: what the employer agreed and
  who helps at work is the client's to share (the handover pack asks them).
- Writing: the client's coach and the team's coordinator — those who work with the employer.
  Administrators read only.
- The template: administrators write the next version; anyone signed in reads one.
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_manage_client
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, refusal)


def can_edit_template(actor: Actor) -> bool:
    return actor.role == "admin"


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and actor.id == record.client_id


def can_view_analysis(actor: Actor, record: ClientRow) -> bool:
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_edit_analysis(actor: Actor, record: ClientRow) -> bool:
    return (
        actor.role in {"coach", "coordinator"}
        and can_manage_client(actor, record)
    )  # fmt: skip


def sees_notes(actor: Actor, record: ClientRow) -> bool:
    """The coach's notes are staff's: the client reads them in My data, not here."""
    return actor.is_staff and can_manage_client(actor, record)
