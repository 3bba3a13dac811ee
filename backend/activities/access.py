"""Who may log, see, change or remove activities. One condition per line; callers answer 404
where the client (or the activity) is out of reach.

``record`` is a client's record (a ``ClientRow``). An activity may be for several clients: it is
visible to a person when it is visible through one of them, or to its author.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client, is_mentor_of
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."
DELETE_WITHIN = timedelta(days=1)
"""The author may remove what they logged within a day; after that it is part of the record
(changes are still possible)."""


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_view_log(actor: Actor, record: ClientRow) -> bool:
    """A client's log: the client (the activities about them), their coach, the team's
    coordinator, administrators, and a mentor working with the client. Family members and other
    teams: none (404)."""
    return (
        can_view_client(actor, record)
        or is_mentor_of(actor, record)
    )  # fmt: skip


def sees_restricted(actor: Actor, record: ClientRow) -> bool:
    """What a third party said in confidence: the coach, the team's coordinator and
    administrators. Never the client, nor a mentor; each read is audit-logged."""
    return can_manage_client(actor, record)


def can_log_for(actor: Actor, record: ClientRow) -> bool:
    """Log an activity for the client: staff who manage the client, and a mentor working with
    the client."""
    return (
        can_manage_client(actor, record)
        or is_mentor_of(actor, record)
    )  # fmt: skip


def is_author(actor: Actor, author_id: str | None) -> bool:
    return _same(author_id, actor.id)


def can_view_activity(
    actor: Actor, author_id: str | None, restricted: bool, records: Iterable[ClientRow]
) -> bool:
    """Its author; otherwise whoever sees the log of one of its clients, and for a restricted
    one whoever sees restricted activities of one of them."""
    return is_author(actor, author_id) or any(
        can_view_log(actor, r) and (not restricted or sees_restricted(actor, r)) for r in records
    )


def can_edit(actor: Actor, author_id: str | None) -> bool:
    """Only its author changes what was logged."""
    return is_author(actor, author_id)


def can_delete(actor: Actor, author_id: str | None, created_at: datetime, at: datetime) -> bool:
    """Its author, within a day of logging it (a slip of the finger, a duplicate)."""
    return is_author(actor, author_id) and at - created_at <= DELETE_WITHIN


def can_see_own_log(actor: Actor) -> bool:
    """One's own log and day recap: those who log activities (staff and mentors)."""
    return actor.is_staff or actor.role == "mentor"


def can_see_team_log(actor: Actor) -> bool:
    """The team's log (the activities about the team's clients): coordinators; administrators
    see the whole organisation's."""
    return actor.role in {"coordinator", "admin"}


def can_see_time_use_of(actor: Actor, person_id: str, person_team: str | None) -> bool:
    """A person's time use: their own; a coordinator, that of the people in their team;
    administrators, anyone's."""
    return (
        _same(person_id, actor.id)
        or actor.role == "admin"
        or (actor.role == "coordinator" and _same(person_team, actor.team_id))
    )
