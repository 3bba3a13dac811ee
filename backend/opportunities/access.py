"""Who may see, add, move or change a client's opportunities. One condition per line; callers
answer 404 where the client (or the opportunity) is out of reach.

``record`` is the client's record (a ``ClientRow``).

- The client reads their own pipeline, and may add an idea of their own ("I would like to work
  at the bakery"): the profile and the search are the client's own, so the client proposes too.
  They change or remove such an idea while it is still an idea; the steps are moved by staff,
  who make the contacts.
- Their coach, the team's coordinator and administrators add, move, change and remove.
- A mentor working with the client reads the pipeline (to encourage, not to act).
- Family members: none. No consent a client gives their family covers the job search (shifts,
  goals, training, updates, help alerts, the workplace), so a family member gets 404.
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


def can_view_pipeline(actor: Actor, record: ClientRow) -> bool:
    """The client, their coach, the team's coordinator, administrators, and a mentor working
    with the client. Family and other teams: none (404)."""
    return (
        can_view_client(actor, record)
        or is_mentor_of(actor, record)
    )  # fmt: skip


def can_move(actor: Actor, record: ClientRow) -> bool:
    """Move steps, log contacts, change and remove: staff who manage the client."""
    return can_manage_client(actor, record)


def can_add(actor: Actor, record: ClientRow) -> bool:
    """Add an opportunity: staff who manage the client; the client, an idea of their own."""
    return (
        can_manage_client(actor, record)
        or is_the_client(actor, record)
    )  # fmt: skip


def can_change(actor: Actor, record: ClientRow, by_client: bool, step: str) -> bool:
    """Change or remove: staff who manage the client; the client, an idea they added
    themself while it is still an idea."""
    return (
        can_manage_client(actor, record)
        or (is_the_client(actor, record) and by_client and step == "idea")
    )  # fmt: skip


def can_see_caseload_pipeline(actor: Actor) -> bool:
    """The pipeline across a caseload: coaches (their caseload), coordinators (their team's),
    administrators (everyone's)."""
    return actor.role in {"coach", "coordinator", "admin"}


def can_see_figures(actor: Actor) -> bool:
    """Employer contacts and days to the first contact per coach: coordinators (their team's
    coaches) and administrators (every coach)."""
    return actor.role in {"coordinator", "admin"}
