"""HTTP handlers for consent, updates and the family feed."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.family import access, consent, photos, updates
from backend.lib import images, uploads
from backend.lib.actor import Actor, CurrentActor, ReaderLocale
from backend.lib.downloads import streamed
from backend.lib.errors import not_found
from backend.lib.openapi_files import PhotoFileOperation, PhotoUploadOperation
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed as _created_or_replayed
from backend.lib.replay import replayed as _replayed
from shared_schemas import family as wire

ONLY_FAMILY = "This page is for family members."
PHOTO_BODY = images.MAX_BYTES + uploads.OVERHEAD
NO_COMPRESSION = {"skip_compression": True}
# A family member's copy must not outlive their consent: nothing is kept by the browser.
NO_STORE = {"Cache-Control": "private, no-store"}
IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}


class ConsentTextController(Controller):
    path = "/api/family/consent-texts"
    tags = ["family"]

    @get("/", summary="The consent wording, in plain language, to show and read aloud")
    async def consent_texts(
        self,
        actor: CurrentActor,
        # ``locale`` on the wire; ``locale`` in a handler is the reader's (``ReaderLocale``).
        language: Annotated[str | None, QueryParameter(name="locale")] = None,
        version: FromQuery[int | None] = None,
    ) -> wire.ConsentTexts:
        texts = consent.consent_texts(version, language)
        if texts is None:
            raise not_found("There is no such version of the wording.")
        return texts


class FamilyController(Controller):
    path = "/api/family"
    tags = ["family"]

    @get(
        "/feed",
        summary="For a family member: what the clients share with them now, newest first, a "
        "page at a time",
        response_headers=LINK,
    )
    async def feed(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        client_id: FromQuery[str | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[wire.Feed]:
        access.require(access.is_family(actor), ONLY_FAMILY)
        page = updates.feed_request(cursor, limit)
        return paged(request, *await updates.feed(actor.id, locale, client_id, page), NO_STORE)

    @get("/sharing", summary="For a family member: what each client shares with them now")
    async def my_sharing(self, actor: CurrentActor) -> list[wire.MySharing]:
        access.require(access.is_family(actor), ONLY_FAMILY)
        return await consent.my_sharing(actor.id)


class ClientSharingController(Controller):
    path = "/api/clients/{client_id:str}"
    tags = ["family"]

    @get("/sharing", summary="What the client shares with each family member, and auto-share")
    async def sharing(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.Sharing:
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        await clients.audit_read(request, actor, "sharing_read", record)
        return await consent.sharing(record.client_id)

    @get(
        "/consents",
        summary="Every consent choice ever recorded, newest first, a page of each list at a time",
        response_headers=LINK,
    )
    async def consent_history(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[wire.ConsentHistory]:
        page = consent.history_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        await clients.audit_read(request, actor, "consents_read", record)
        return paged(request, *await consent.history(record.client_id, page))

    @post(
        "/consents",
        status_code=HTTP_201_CREATED,
        summary="Share a kind with a family member, or stop (idempotent by localId)",
        responses=_replayed(wire.ConsentEvent),
    )
    async def record_consent(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.ConsentCreate],
    ) -> Response[wire.ConsentEvent]:
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        access.require(
            access.can_decide_sharing(actor, record),
            "Only the client decides what their family sees.",
        )
        event, created = await consent.record_consent(actor, record.client_id, data)
        if created:
            await audit(
                "consent_granted" if data.granted else "consent_withdrawn",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={
                    "consent": event.id,
                    "family": event.family_id,
                    "kind": data.kind,
                    "textVersion": data.text_version,
                    "helped": event.helped,
                },
            )
        return _created_or_replayed(event, created)

    @post(
        "/auto-share",
        status_code=HTTP_201_CREATED,
        summary="Let updates of a kind go to family without asking (idempotent by localId)",
        responses=_replayed(wire.AutoShareEvent),
    )
    async def record_auto_share(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.AutoShareCreate],
    ) -> Response[wire.AutoShareEvent]:
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        access.require(
            access.can_decide_sharing(actor, record),
            "Only the client decides what their family sees.",
        )
        event, created = await consent.record_auto_share(actor, record.client_id, data)
        if created:
            await audit(
                "auto_share_on" if data.enabled else "auto_share_off",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={
                    "autoShare": event.id,
                    "kind": data.kind,
                    "textVersion": data.text_version,
                    "helped": event.helped,
                },
            )
        return _created_or_replayed(event, created)

    @get(
        "/updates",
        summary="The client's updates: waiting for approval, shared, declined; newest first, a "
        "page at a time",
        response_headers=LINK,
    )
    async def list_updates(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Update]]:
        page = updates.updates_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        await clients.audit_read(request, actor, "updates_read", record)
        return paged(request, *await updates.for_client(record.client_id, locale, page))

    @post(
        "/updates",
        status_code=HTTP_201_CREATED,
        summary="Write an update (the coach's waits for the client; idempotent by localId)",
        responses=_replayed(wire.Update),
    )
    async def create_update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.UpdateCreate],
    ) -> Response[wire.Update]:
        record = await clients.visible_record(actor, client_id, access.can_view_sharing)
        access.require(access.can_write_updates(actor, record))
        return _created_or_replayed(*await updates.create(actor, record, data, request))


async def _changeable(actor: Actor, update_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
    """404 out of reach; 403 for a family member, who sees a shared update but never changes it."""
    update, record = await updates.visible_update(actor, update_id)
    access.require(access.can_write_updates(actor, record))
    return update, record


async def _decidable(actor: Actor, update_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
    update, record = await updates.visible_update(actor, update_id)
    access.require(
        access.can_approve_updates(actor, record),
        "Only the client decides what goes to their family.",
    )
    return update, record


class UpdateController(Controller):
    path = "/api/updates"
    tags = ["family"]

    @get("/{update_id:str}", summary="One update (a family member: while shared with them)")
    async def get_update(
        self, actor: CurrentActor, locale: ReaderLocale, update_id: FromPath[str]
    ) -> Response[wire.Update]:
        update, record = await updates.visible_update(actor, update_id)
        found = await updates.detail(update["id"], locale)
        if access.can_view_updates(actor, record):
            return Response(found)
        # A family member (visible_update checked live consent): not who else sees it.
        found.audience = []
        return Response(found, headers=NO_STORE)

    @patch("/{update_id:str}", summary="Change an update's words or kind")
    async def edit_update(
        self,
        actor: CurrentActor,
        locale: ReaderLocale,
        update_id: FromPath[str],
        data: JSONBody[wire.UpdateEdit],
    ) -> wire.Update:
        update, record = await _changeable(actor, update_id)
        await updates.edit(actor, update, record, data, locale)
        return await updates.detail(update["id"], locale)

    @delete("/{update_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove an update")
    async def remove_update(
        self, request: Request[Any, Any, Any], actor: CurrentActor, update_id: FromPath[str]
    ) -> None:
        update, record = await _changeable(actor, update_id)
        await updates.remove(update)
        await audit(
            "update_removed",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"update": str(update["id"]), "kind": update["kind"]},
        )

    @post(
        "/{update_id:str}/approve",
        status_code=HTTP_200_OK,
        summary="The client shares the update with family",
    )
    async def approve_update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        update_id: FromPath[str],
    ) -> wire.Update:
        update, record = await _decidable(actor, update_id)
        await updates.approve(actor, update, record, request)
        return await updates.detail(update["id"], locale)

    @post(
        "/{update_id:str}/decline",
        status_code=HTTP_200_OK,
        summary="The client does not share the update, or stops sharing it",
    )
    async def decline_update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        update_id: FromPath[str],
    ) -> wire.Update:
        update, record = await _decidable(actor, update_id)
        await updates.decline(actor, update, record, request)
        return await updates.detail(update["id"], locale)

    @put(
        "/{update_id:str}/photo",
        summary="Set the update's photo (multipart, field file)",
        operation_class=PhotoUploadOperation,
        request_max_body_size=PHOTO_BODY,
    )
    async def set_photo(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        update_id: FromPath[str],
    ) -> wire.Update:
        update, record = await _changeable(actor, update_id)
        data = await uploads.read_file(request, images.MAX_BYTES, "photo")
        processed = await photos.process(data)
        del data  # the upload as received is never stored, only what processing made of it
        await updates.set_photo(actor, update, record, processed)
        return await updates.detail(update["id"], locale)

    @delete(
        "/{update_id:str}/photo",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove the update's photo",
    )
    async def remove_photo(self, actor: CurrentActor, update_id: FromPath[str]) -> None:
        update, record = await _changeable(actor, update_id)
        await updates.remove_photo(actor, update, record)

    @get(
        "/{update_id:str}/photo/{file_name:str}",
        summary="The update's photo in one size; access (and consent) checked on every request",
        operation_class=PhotoFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_photo(
        self, actor: CurrentActor, update_id: FromPath[str], file_name: FromPath[str]
    ) -> Response[Any]:
        update, _ = await updates.visible_update(actor, update_id)
        found = await updates.read_photo(update, file_name)
        if found is None:
            raise not_found("There is no such photo.")
        content_type, opened = found
        return streamed(opened, content_type, NO_STORE if actor.role == "family" else IMMUTABLE)


router = Router(
    path="/",
    route_handlers=[
        ConsentTextController,
        FamilyController,
        ClientSharingController,
        UpdateController,
    ],
)
