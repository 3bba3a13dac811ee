"""Whether a staff member reaches a person's competence record: the rules of ``access.py``, with
the one fact they need from the data — whether the reader is the person's field mentor now —
read only when the rules without it say no."""

from __future__ import annotations

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import access, mentors
from backend.lib.actor import Actor
from backend.lib.errors import not_found

NO_PERSON = "There is no such person."


async def sees(actor: Actor, person: PersonInfo) -> bool:
    return access.can_see_person(actor, person) or access.can_see_person(
        actor, person, await mentors.mentoring(actor, person)
    )


async def person(actor: Actor, person_id: str | None) -> PersonInfo:
    """The person asked about (oneself when omitted), or 404 when out of the reader's reach."""
    access.require(access.is_staff(actor))
    found = await accounts.person(person_id or actor.id)
    if found is None or not await sees(actor, found):
        raise not_found(NO_PERSON)
    return found


async def mentor_of(actor: Actor, person: PersonInfo) -> bool:
    return await mentors.mentoring(actor, person)
