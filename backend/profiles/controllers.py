"""HTTP handlers of the vocational profile: the template, the client's draft (sections, choices,
photos, voice notes), versions, the client's approval with their passkey, and the approved
version."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients, family
from backend.accounts import require_fresh
from backend.audit import record as audit
from backend.lib import images, uploads
from backend.lib.actor import Actor, CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import field_error, not_found
from backend.lib.openapi_files import (
    PhotoFileOperation,
    PhotoUploadOperation,
    VoiceFileOperation,
    VoiceUploadOperation,
)
from backend.lib.photo_pool import process
from backend.lib.replay import created_or_replayed, replayed
from backend.profiles import access, media, reading, services, templates, versions
from backend.tasks import VOICE_MAX_BYTES, VoiceRefused, check_voice, clean_voice
from shared_schemas import profiles as wire

IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}
NO_COMPRESSION = {"skip_compression": True}
PHOTO_BODY = images.MAX_BYTES + uploads.OVERHEAD
VOICE_BODY = VOICE_MAX_BYTES + uploads.OVERHEAD
NO_PHOTO = "There is no such photo."
NO_RECORDING = "There is no such recording."
Caption = FromQuery[str]
Number = Annotated[
    int, Parameter(ge=1, le=1_000_000, description="A version's number (1 is the first).")
]


async def _audit(
    request: Request[Any, Any, Any],
    actor: Actor,
    action: str,
    record: clients.ClientRow,
    detail: dict[str, Any] | None = None,
) -> None:
    await audit(
        action,
        request=request,
        actor=actor.id,
        subject=record.client_id,
        team=record.audit_team,
        detail=detail,
    )


async def _reads_approved(actor: Actor, record: clients.ClientRow) -> bool:
    """The client's choices, asked now: mentors allowed, the profile shared with this family
    member."""
    profile = await services.profile_row(record.client_id)
    mentor_allowed = bool(profile and profile["mentor_may_read"])
    consented = actor.role == "family" and await family.shares_with(
        actor.id, record.client_id, "profile"
    )
    return access.can_read_approved(actor, record, mentor_allowed, consented)


async def _draft(actor: Actor, record: clients.ClientRow) -> wire.Profile:
    return await reading.draft(record, access.sees_notes(actor, record))


async def _section(record: clients.ClientRow, key: wire.SectionKey) -> dict[str, Any]:
    profile = await services.ensure_profile(record)
    return (await services.section_rows(profile["id"]))[key]


class TemplateController(Controller):
    path = "/api/profile-templates"
    tags = ["profiles"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Write the next version of the template, in all four languages (administrators)",
    )
    async def add_template(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.ProfileTemplateCreate],
    ) -> wire.ProfileTemplate:
        access.require(access.can_edit_template(actor))
        made = await templates.add(data)
        await audit(
            "profile_template_added",
            request=request,
            actor=actor.id,
            detail={"version": made.version},
        )
        return made

    @get("/{version:int}", summary="One version of the profile template, in four languages")
    async def template(self, actor: CurrentActor, version: Number) -> wire.ProfileTemplate:
        texts = await templates.texts_of(version)
        if texts is None:
            raise not_found("There is no such version of the template.")
        return templates.to_wire(version, texts)


class ProfileController(Controller):
    path = "/api/clients/{client_id:str}/profile"
    tags = ["profiles"]

    @get("/", summary="The client's vocational profile: the draft, the choices and the versions")
    async def get_profile(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.Profile:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        await clients.audit_read(request, actor, "profile_read", record)
        return await _draft(actor, record)

    @put(
        "/sections/{key:str}",
        status_code=HTTP_200_OK,
        summary="Change one section of the draft (idempotent by localId): fields changed "
        "meanwhile by someone else keep the newer words and the arriving ones beside them",
    )
    async def write_section(
        self,
        actor: CurrentActor,
        client_id: FromPath[str],
        key: FromPath[wire.SectionKey],
        data: JSONBody[wire.SectionWrite],
    ) -> wire.Profile:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_write_words(actor, record))
        await services.write_section(actor, record, key, data)
        return await _draft(actor, record)

    @put(
        "/choices",
        status_code=HTTP_200_OK,
        summary="Record the disclosure, the benefits check, and whether mentors read the "
        "approved profile (idempotent by localId)",
    )
    async def write_choices(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.ChoicesWrite],
    ) -> wire.Profile:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_write_words(actor, record))
        if await services.write_choices(actor, record, data) and data.mentor_may_read is not None:
            await _audit(
                request,
                actor,
                "profile_mentor_reading",
                record,
                {"allowed": data.mentor_may_read},
            )
        return await _draft(actor, record)

    @post(
        "/versions",
        status_code=HTTP_201_CREATED,
        summary="Ask the client to approve: a version of the draft (idempotent by localId; the "
        "draft unchanged since the newest version answers that one)",
        responses=replayed(wire.ProfileVersion),
    )
    async def ask_approval(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.AskApproval],
    ) -> Response[wire.ProfileVersion]:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_ask_approval(actor, record), "The coach asks for approval.")
        number, created = await versions.ask_approval(actor, record, data)
        if created:
            await _audit(request, actor, "profile_version_made", record, {"version": number})
        row = await reading.version_row(record.client_id, number)
        assert row is not None
        return created_or_replayed(await reading.version(row), created)

    @get("/versions/{number:int}", summary="One version of the profile, as the client approves it")
    async def get_version(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        number: Number,
    ) -> wire.ProfileVersion:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        row = await reading.version_row(record.client_id, number)
        if row is None:
            raise not_found(versions.NO_VERSION)
        await clients.audit_read(request, actor, "profile_read", record, {"version": number})
        return await reading.version(row)

    @post(
        "/versions/{number:int}/approve",
        status_code=HTTP_200_OK,
        summary="The client approves the newest version, confirming with their passkey "
        "(403 reverify_needed without a fresh step-up)",
    )
    async def approve(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        number: Number,
    ) -> wire.ProfileVersion:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_approve(actor, record), "The client approves their profile.")
        await require_fresh(actor)
        if await versions.approve(record, number):
            await _audit(request, actor, "profile_approved", record, {"version": number})
        row = await reading.version_row(record.client_id, number)
        assert row is not None
        return await reading.version(row)

    @get(
        "/approved",
        summary="The version in force (the newest the client approved; the client's mentors "
        "too when the client allowed it, and family members the client shares it with)",
    )
    async def approved(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.ProfileVersion:
        record = await clients.visible_record(actor, client_id, access.may_ask_for_approved)
        if not await _reads_approved(actor, record):
            raise not_found(clients.NO_CLIENT)
        row = await reading.version_row(record.client_id, None)
        if row is None:
            raise not_found("No version of the profile is approved yet.")
        await clients.audit_read(request, actor, "profile_read", record, {"version": row["number"]})
        return await reading.version(row)

    @post(
        "/sections/{key:str}/photos",
        status_code=HTTP_201_CREATED,
        summary="Add a photo to a section (multipart, field file; an optional caption)",
        operation_class=PhotoUploadOperation,
        request_max_body_size=PHOTO_BODY,
    )
    async def add_photo(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        key: FromPath[wire.SectionKey],
        caption: Caption = "",
    ) -> wire.Profile:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_write_words(actor, record))
        if len(caption) > 200:
            raise field_error("query.caption", "A caption is 200 characters at most.")
        data = await uploads.read_file(request, images.MAX_BYTES, "photo")
        processed = await process(data)
        del data  # the upload as received is never stored, only what processing made of it
        profile = await services.ensure_profile(record)
        await media.add_photo(actor, profile, key, caption.strip(), processed)
        return await _draft(actor, record)

    @put(
        "/sections/{key:str}/voice",
        status_code=HTTP_200_OK,
        summary="Set a section's voice note (multipart, field file)",
        operation_class=VoiceUploadOperation,
        request_max_body_size=VOICE_BODY,
    )
    async def set_voice(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        key: FromPath[wire.SectionKey],
    ) -> wire.Profile:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_write_words(actor, record))
        data = await uploads.read_file(request, VOICE_MAX_BYTES, "recording")
        try:
            recording = check_voice(data)
            # Only the sound is kept: a new container, none of the phone's metadata.
            data = await asyncio.to_thread(clean_voice, data, recording)
        except VoiceRefused as refused:
            raise field_error("file", refused.reason, refused.status, refused.code) from None
        section = await _section(record, key)
        await media.set_voice(actor, section, data, recording.content_type, recording.seconds)
        return await _draft(actor, record)

    @delete(
        "/sections/{key:str}/voice",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a section's voice note",
    )
    async def remove_voice(
        self, actor: CurrentActor, client_id: FromPath[str], key: FromPath[wire.SectionKey]
    ) -> None:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        access.require(access.can_write_words(actor, record))
        await media.remove_voice(await _section(record, key))

    @get(
        "/sections/{key:str}/voice/{file_name:str}",
        summary="A section's voice note (audio)",
        operation_class=VoiceFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_voice(
        self,
        actor: CurrentActor,
        client_id: FromPath[str],
        key: FromPath[wire.SectionKey],
        file_name: FromPath[str],
    ) -> Response[Any]:
        record = await clients.visible_record(actor, client_id, access.can_view_profile)
        profile = await services.profile_row(record.client_id)
        section = (await services.section_rows(profile["id"]))[key] if profile else None
        opened = await media.read_voice(section, file_name) if section else None
        if section is None or opened is None:
            raise not_found(NO_RECORDING)
        return streamed(opened, section["voice_type"], IMMUTABLE)


class PhotoController(Controller):
    path = "/api/profile-photos"
    tags = ["profiles"]

    async def _photo(self, actor: Actor, photo_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
        """The photo and its client's record: those who read the profile; a mentor the client
        allowed, for the photos of the approved version. 404 otherwise."""
        photo = await media.photo_row(photo_id)
        record = await clients.record_of(str(photo["client"])) if photo else None
        if photo is None or record is None:
            raise not_found(NO_PHOTO)
        if access.can_view_profile(actor, record):
            return photo, record
        if await _reads_approved(actor, record) and str(
            photo["id"]
        ) in await reading.approved_photo_ids(record.client_id):
            return photo, record
        raise not_found(NO_PHOTO)

    @delete("/{photo_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Take a photo out")
    async def remove_photo(self, actor: CurrentActor, photo_id: FromPath[str]) -> None:
        photo, record = await self._photo(actor, photo_id)
        access.require(access.can_write_words(actor, record))
        await media.remove_photo(photo)

    @get(
        "/{photo_id:str}/photo/{file_name:str}",
        summary="A profile photo in one size; access checked on every request",
        operation_class=PhotoFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_photo(
        self, actor: CurrentActor, photo_id: FromPath[str], file_name: FromPath[str]
    ) -> Response[Any]:
        photo, _ = await self._photo(actor, photo_id)
        found = await media.read_photo(photo, file_name)
        if found is None:
            raise not_found(NO_PHOTO)
        content_type, opened = found
        return streamed(opened, content_type, IMMUTABLE)


router = Router(path="/", route_handlers=[TemplateController, ProfileController, PhotoController])
