"""Alice's vocational profile through the API, for the profile tests and the access matrix:
a section written by her coach Ada, the disclosure recorded, and (``approved``) a version
approved with a fresh step-up of Alice's passkey. Ids go into ``world.ids``."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from backend import clients
from backend.lib.actor import Actor
from backend.profiles import media, services, versions
from backend.tasks import voice_name
from shared_schemas import profiles as wire
from tests.support import audio, openapi
from tests.support.photos import processed as processed_photo
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


def base(client_id: str) -> str:
    return f"/api/clients/{client_id}/profile"


def coach(world: World) -> Actor:
    return Actor(
        id=world.ids["coach"], role="coach", team_id=world.teams["North"],
        display_name="Ada Coach", session_hash="",
    )  # fmt: skip


def alice(world: World) -> Actor:
    return Actor(
        id=world.ids["client"], role="client", team_id=world.teams["North"],
        display_name="Alice Client", session_hash="",
    )  # fmt: skip


async def build_profile(world: World, *, approved: bool = False) -> None:
    """Alice's draft with words, a photo of hers and the disclosure; ``approved``: version 1
    approved."""
    if "profile_photo" not in world.ids:
        record = await clients.record_of(world.ids["client"])
        assert record is not None
        await services.write_section(
            coach(world), record, "who_i_am",
            wire.SectionWrite(local_id=new_id(), base_revision=0,
                              words="I like early mornings.", notes="Calm and precise."),
        )  # fmt: skip
        await services.write_choices(
            alice(world), record,
            wire.ChoicesWrite(local_id=new_id(), base_revision=0, disclosure="adjustments",
                              disclosure_words="I need written instructions."),
        )  # fmt: skip
        world.ids["profile_photo"] = await _photo(world)
        row = await media.photo_row(world.ids["profile_photo"])
        assert row is not None
        world.ids["profile_photo_file"] = f"800-{row['photo_hash'][:16]}.jpg"
        profile = await services.ensure_profile(record)
        section = (await services.section_rows(profile["id"]))["who_i_am"]
        sound = audio.webm(3.0)
        await media.set_voice(alice(world), section, sound, "audio/webm", 3.0)
        digest = hashlib.sha256(sound).hexdigest()
        world.ids["profile_voice"] = voice_name(digest, "audio/webm")
    if approved and "profile_version" not in world.ids:
        record = await clients.record_of(world.ids["client"])
        assert record is not None
        number, _ = await versions.ask_approval(
            coach(world), record, wire.AskApproval(local_id=new_id())
        )
        await versions.approve(record, number)
        world.ids["profile_version"] = str(number)


async def _photo(world: World) -> str:
    record = await clients.record_of(world.ids["client"])
    assert record is not None
    profile = await services.ensure_profile(record)
    return await media.add_photo(
        alice(world),
        profile,
        "who_i_am",
        "Me at the bakery",
        processed_photo(900, 700, 1, 80),
    )


def at(template: str, *, approved: bool = False) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's profile, then fills ``template``
    from ``world.ids`` (``{client}``, ``{profile_photo}``, ``{profile_version}``)."""

    async def path(world: World) -> str:
        await build_profile(world, approved=approved)
        return template.format(**world.ids)

    return path


async def upload(
    api: Any, method: str, path: str, data: bytes, *, as_: str, content_type: str, name: str
) -> httpx.Response:
    client: httpx.AsyncClient = api.client
    client.cookies.clear()
    client.cookies.set("stepwise_session", api.world.tokens[as_])
    response = await client.request(
        method, path, files={"file": (name, data, content_type)},
        headers={"x-requested-with": "stepwise"},
    )  # fmt: skip
    openapi.validate(
        method, path, response.status_code, response.content,
        response.headers.get("content-type", ""),
    )  # fmt: skip
    return response
