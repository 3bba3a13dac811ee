"""Who may see or change a client's handover pack. One condition per line; callers answer 404
where the client is out of reach (whether a person is a client is itself private).

- The preview, the links, who looked and the feedback: those who read the client's record (the
  client, their coach, the team's coordinator, administrators). Mentors and family: never.
- The words of a section and the links (make, end): the client, and staff who manage them.
- Consent to share a section: the client alone; it is theirs to give (staff are refused, 403).
- The page behind a link: whoever holds the link, while it lasts, and only the sections the
  client consents to now (``backend/handover/public.py``).
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError


def require(allowed: bool, refusal: str = "This is not allowed.") -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, refusal)


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and actor.id == record.client_id


def can_view_pack(actor: Actor, record: ClientRow) -> bool:
    """The preview, links, views, feedback: those who read the client's record."""
    return can_view_client(actor, record)


def can_write_words(actor: Actor, record: ClientRow) -> bool:
    """A section's own words: the client and those who manage them."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_consent(actor: Actor, record: ClientRow) -> bool:
    """Sharing a section: the client's own choice."""
    return is_the_client(actor, record)


def can_handle_links(actor: Actor, record: ClientRow) -> bool:
    """Make a link for a reader, or end one at once: the client and those who manage them."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip
