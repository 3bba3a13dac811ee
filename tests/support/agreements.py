"""Alice's agreements, built through the services, for the access matrix and the agreement
tests: one with her coach Ada waiting for her (``agreement``), one with her mentor Mia that she
agreed to and Mia has not signed yet (``mentor_agreement``). Ids go into ``world.ids``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from backend import clients
from backend.accounts.sessions import hash_token
from backend.accounts.tables import Session
from backend.agreements import reading, services
from backend.lib.clock import now
from shared_schemas import agreements as wire
from tests.support.tasks import actor
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


def terms(**extra: Any) -> dict[str, Any]:
    """An agreement's terms as the PWA sends them."""
    today = reading.today()
    return {
        "rules": ["We work together as equals.", "What you tell me stays between us."],
        "locale": "en",
        "startsOn": today.isoformat(),
        "endsOn": (today + timedelta(days=90)).isoformat(),
        "rhythm": "weekly",
        "ways": ["face_to_face", "phone"],
        "goalText": "Find a job in a kitchen.",
        **extra,
    }


def draft_body(partner_id: str, **extra: Any) -> dict[str, Any]:
    return {"localId": new_id(), "partnerId": partner_id, **terms(**extra)}


async def fresh(world: World, key: str) -> None:
    """This person's session passed a step-up with their passkey just now."""
    await Session.update({Session.verified_at: now()}).where(
        Session.id_hash == hash_token(world.tokens[key])
    )


async def build_agreements(world: World) -> None:
    if "agreement" in world.ids:
        return
    coach = actor(world, "coach", "coach", "North")
    record = await clients.record_of(world.ids["client"])
    assert record is not None
    with_coach, _ = await services.draft(
        coach,
        record,
        wire.AgreementCreate(
            **_struct_terms(),
            local_id=new_id(),
            partner_id=world.ids["coach"],
        ),
    )
    with_mentor, _ = await services.draft(
        coach,
        record,
        wire.AgreementCreate(
            **_struct_terms(),
            local_id=new_id(),
            partner_id=world.ids["mentor"],
        ),
    )
    row = await reading.agreement_row(with_mentor)
    assert row is not None
    await services.agree(row, 1)
    world.ids.update(agreement=with_coach, mentor_agreement=with_mentor)


def _struct_terms() -> dict[str, Any]:
    today = reading.today()
    return {
        "rules": ["We work together as equals."],
        "locale": "en",
        "starts_on": today,
        "ends_on": today + timedelta(days=90),
        "rhythm": "weekly",
        "ways": ["face_to_face"],
        "goal_text": "Find a job in a kitchen.",
    }


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's agreements, then fills
    ``template`` from ``world.ids`` (``{client}``, ``{agreement}``, ``{mentor_agreement}``)."""

    async def path(world: World) -> str:
        await build_agreements(world)
        return template.format(**world.ids)

    return path
