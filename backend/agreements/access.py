"""Who may see or change agreements and their templates. One condition per line; callers answer
404 where the client or the agreement is out of reach.

``record`` is the client's record (a ``ClientRow``); ``agreement`` the agreement's row.
"""

from __future__ import annotations

from typing import Any

from backend.accounts import PersonInfo
from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client, is_mentor_of
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, refusal)


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_read_templates(actor: Actor) -> bool:
    """Staff draft agreements from the template."""
    return actor.is_staff


def can_edit_templates(actor: Actor) -> bool:
    """The organisation's words: administrators."""
    return actor.role == "admin"


def can_list_agreements(actor: Actor, record: ClientRow) -> bool:
    """A client's agreements: those who see the client's record, and the client's mentors
    (who are shown only their own agreements with the client)."""
    return (
        can_view_client(actor, record)
        or is_mentor_of(actor, record)
    )  # fmt: skip


def sees_every_agreement(actor: Actor, record: ClientRow) -> bool:
    """Everyone who lists a client's agreements but their mentors sees all of them."""
    return can_view_client(actor, record)


def is_partner(actor: Actor, agreement: dict[str, Any]) -> bool:
    """The coach or mentor the agreement is with."""
    return _same(agreement["partner"], actor.id)


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and _same(record.client_id, actor.id)


def can_view_agreement(actor: Actor, record: ClientRow, agreement: dict[str, Any]) -> bool:
    """The client, those who see the client's record, and the partner (a mentor reads the
    agreement offered to them before they sign it)."""
    return (
        can_view_client(actor, record)
        or is_partner(actor, agreement)
    )  # fmt: skip


def can_draft(actor: Actor, record: ClientRow) -> bool:
    """Those who manage the client write an agreement (and each new version) with them."""
    return can_manage_client(actor, record)


def may_be_partner(person: PersonInfo, record: ClientRow) -> bool:
    """An agreement is with the client's own coach, or with a mentor of the client's team."""
    return (
        (person.role == "coach" and _same(person.id, record.coach_id))
        or (person.role == "mentor" and _same(person.team_id, record.team_id))
    )  # fmt: skip


def can_agree(actor: Actor, record: ClientRow) -> bool:
    """The client agrees first, in their own words and with their own passkey."""
    return is_the_client(actor, record)


def can_sign(actor: Actor, agreement: dict[str, Any]) -> bool:
    """The coach or mentor the agreement is with signs second."""
    return is_partner(actor, agreement)


def can_end(actor: Actor, record: ClientRow, agreement: dict[str, Any]) -> bool:
    """Either side ends it, without blame; those who manage the client too (a mentor who left)."""
    return (
        is_the_client(actor, record)
        or is_partner(actor, agreement)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_see_mentoring(actor: Actor) -> bool:
    """The clients a mentor works with: the mentor's own home."""
    return actor.role == "mentor"
