"""Who may read a day, and a client's page. One condition per line.

The day is the signed-in client's own: it has no client in its path, so nobody reads another
person's day through it. Staff read a client's parts through the client's page (audited), a
family member through the feed (consented).
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_view_client
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError


def can_read_own_day(actor: Actor) -> bool:
    """A client, their own day."""
    return actor.role == "client"


def require_own_day(actor: Actor) -> None:
    """403 unless the person may read the day: the domain's refusal is raised here."""
    if not can_read_own_day(actor):
        raise ProblemError(403, "The day is a client's own start screen.")


def can_see_client_page(actor: Actor, record: ClientRow) -> bool:
    """Whether the client is there for this person at all (else 404: whether a person is a
    client is itself private): whoever may read the record."""
    return can_view_client(actor, record)


def can_open_client_page(actor: Actor, record: ClientRow) -> bool:
    """The page is the staff's view of a client: their coach, the team's coordinator,
    administrators (``can_view_client``'s staff). The client reads their own day instead."""
    return actor.is_staff and can_view_client(actor, record)


def require_client_page(actor: Actor, record: ClientRow) -> None:
    """403 for a client asking for their own page: the domain's refusal is raised here."""
    if not can_open_client_page(actor, record):
        raise ProblemError(403, "This page is for the staff who support the client.")
