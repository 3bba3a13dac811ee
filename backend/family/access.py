"""Who may see or change consent and updates. One condition per line; callers answer 404 where
the client is out of reach, so their existence stays private.

``record`` is the client's record (a ``ClientRow``); ``update`` a row of
``family_updates``. What a family member sees is decided by live consent
(``consent.live_kinds``), not here: these rules never let a family member read the record.
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


def is_family(actor: Actor) -> bool:
    """A family member's own pages (the feed, what each client shares with them)."""
    return actor.role == "family"


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and _same(record.client_id, actor.id)


def can_view_sharing(actor: Actor, record: ClientRow) -> bool:
    """The client's choices and their history: the client, their coach, the team's coordinator,
    administrators (the same people who read the record)."""
    return can_view_client(actor, record)


def can_decide_sharing(actor: Actor, record: ClientRow) -> bool:
    """Consent is the client's: the client, or staff helping them (recorded as helping)."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_view_updates(actor: Actor, record: ClientRow) -> bool:
    """Every update, whatever its status: the client and the people who read the record."""
    return can_view_client(actor, record)


def can_write_updates(actor: Actor, record: ClientRow) -> bool:
    """The coach (or coordinator, administrator) or the client themself."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_approve_updates(actor: Actor, record: ClientRow) -> bool:
    """Only the client decides that an update goes to family: staff cannot approve
    for them, not even when helping."""
    return is_the_client(actor, record)


def is_linked_family(actor: Actor, links: set[str], client_id: str) -> bool:
    """A family member linked to the client; what they see still needs a live consent."""
    return actor.role == "family" and client_id in links
