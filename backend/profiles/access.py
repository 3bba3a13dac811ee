"""Who may see or change a client's vocational profile. One condition per line; callers answer
404 where the client is out of reach (whether a person is a client is itself private).

``record`` is the client's record (a ``ClientRow``).

- The draft, its versions and the choices: the client, their coach, the team's coordinator,
  administrators (those who read the client's record).
- Writing "in my words": the client and those who manage them (co-writing). The coach's notes
  and the benefits check: staff who manage the client. Asking for approval: staff who manage
  the client. Approving: the client alone, with their passkey.
- The approved version (never the coach's notes, never the draft): also a mentor of the client
  when the client allowed it. A mentor works with the client on their "individual possibilities and
  socio-professional potential" (the mentoring contract), which the profile is; but it holds
  what the client tells about their disability and needs, and a mentor is a peer or volunteer,
  not staff: so only when the client says so, and only what the client approved.
- Family members: the approved version only, and only while the client shares "My profile"
  with them (a live consent of the kind ``profile``, asked at every request).
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_manage_client, can_view_client, is_mentor_of
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, refusal)


def can_edit_template(actor: Actor) -> bool:
    """The organisation's words: administrators."""
    return actor.role == "admin"


def is_the_client(actor: Actor, record: ClientRow) -> bool:
    return actor.role == "client" and actor.id == record.client_id


def can_view_profile(actor: Actor, record: ClientRow) -> bool:
    """The draft, the versions, the choices: those who read the client's record."""
    return can_view_client(actor, record)


def can_write_words(actor: Actor, record: ClientRow) -> bool:
    """ "In my words", photos and voice notes: the client and those who manage them."""
    return (
        is_the_client(actor, record)
        or can_manage_client(actor, record)
    )  # fmt: skip


def can_write_notes(actor: Actor, record: ClientRow) -> bool:
    """The coach's notes and the benefits check: staff who manage the client."""
    return actor.is_staff and can_manage_client(actor, record)


def sees_notes(actor: Actor, record: ClientRow) -> bool:
    """The coach's notes are staff's: the client reads them in My data, not on the profile."""
    return actor.is_staff and can_view_client(actor, record)


def can_ask_approval(actor: Actor, record: ClientRow) -> bool:
    return actor.is_staff and can_manage_client(actor, record)


def can_approve(actor: Actor, record: ClientRow) -> bool:
    """The client approves their own profile, with their own passkey."""
    return is_the_client(actor, record)


def can_choose_mentor_reading(actor: Actor, record: ClientRow) -> bool:
    """Whether mentors read the approved profile: the client's own choice."""
    return is_the_client(actor, record)


def can_read_approved(
    actor: Actor, record: ClientRow, mentor_allowed: bool, family_consented: bool
) -> bool:
    """The approved version: those who read the profile; the client's mentors when the client
    allowed it; a family member the client shares their profile with (a live consent)."""
    return (
        can_view_profile(actor, record)
        or (is_mentor_of(actor, record) and mentor_allowed)
        or (actor.role == "family" and family_consented)
    )  # fmt: skip


def may_ask_for_approved(actor: Actor, record: ClientRow) -> bool:
    """Who reaches the approved version's address at all; the client's choices then decide for
    a mentor and a family member (``can_read_approved``): 404 when they do not allow it."""
    return (
        can_view_profile(actor, record)
        or is_mentor_of(actor, record)
        or actor.role == "family"
    )  # fmt: skip
