"""Who may make and download a client's documents (the CV and the "about me"). One condition per
line; everyone else is answered 404, as for the record itself: whether someone is a client is
private.
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_view_client
from backend.lib.actor import Actor

__all__ = ["can_make_documents"]


def can_make_documents(actor: Actor, record: ClientRow) -> bool:
    """The client, their coach, the team's coordinator and administrators: those who see the
    record (never family members or mentors: the documents carry the whole profile)."""
    return can_view_client(actor, record)
