"""Who may see or change a client's shifts. One condition per line; callers answer 404 where
the client is out of reach.

``record`` is the client's record (a ``ClientRow``).
"""

from __future__ import annotations

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


def can_view_shifts(actor: Actor, record: ClientRow) -> bool:
    """The client, their coach, the team's coordinator, administrators. Family members never
    read the shifts here: with the client's "My work times" consent the family domain shows
    them the next shifts (``shifts.next_shifts``) in their feed."""
    return can_view_client(actor, record)


def can_edit_shifts(actor: Actor, record: ClientRow) -> bool:
    """Shifts are entered and changed by staff who manage the client. The client reads them and
    asks the coach for a change: a client's phone cannot add, move or remove one."""
    return can_manage_client(actor, record)


def can_see_week(actor: Actor) -> bool:
    """The coach's week: staff, over the caseload they see (clients.services.caseload)."""
    return actor.is_staff
