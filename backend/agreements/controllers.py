"""HTTP handlers of agreements: the templates, a client's agreements, one agreement with its
versions, agreeing, signing and ending, and a person's own agreements."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import clients
from backend.accounts import require_fresh
from backend.agreements import access, reading, services, templates
from backend.audit import record as audit
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import not_found
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import agreements as wire


async def _agreement(actor: Actor, agreement_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
    """The agreement and its client's record, or 404 when out of the actor's reach."""
    row = await reading.agreement_row(agreement_id)
    record = await clients.record_of(str(row["client"])) if row else None
    if row is None or record is None or not access.can_view_agreement(actor, record, row):
        raise not_found(services.NO_AGREEMENT)
    return row, record


async def _audit(
    request: Request[Any, Any, Any], actor: Actor, action: str, record: clients.ClientRow, row: Any
) -> None:
    await audit(
        action,
        request=request,
        actor=actor.id,
        subject=record.client_id,
        team=record.audit_team,
        detail={"agreement": str(row["id"])},
    )


class TemplateController(Controller):
    path = "/api/agreement-templates"
    tags = ["agreements"]

    @get(
        "/",
        summary="The organisation's agreement templates, newest version first, a page at a time",
        response_headers=LINK,
    )
    async def list_templates(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.AgreementTemplate]]:
        page = templates.templates_request(cursor, limit)
        access.require(access.can_read_templates(actor))
        return paged(request, *await templates.templates(page))

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Write the next version of the template, in all four languages (administrators)",
    )
    async def add_template(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.AgreementTemplateCreate],
    ) -> wire.AgreementTemplate:
        access.require(access.can_edit_templates(actor))
        made = await templates.add(actor, data)
        await audit(
            "agreement_template_added",
            request=request,
            actor=actor.id,
            detail={"version": made.version},
        )
        return made


class ClientAgreementsController(Controller):
    path = "/api/clients/{client_id:str}/agreements"
    tags = ["agreements"]

    @get(
        "/",
        summary="A client's agreements, newest first (a mentor: only their own with the client)",
        response_headers=LINK,
    )
    async def list_agreements(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Agreement]]:
        page = reading.list_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_list_agreements)
        await clients.audit_read(request, actor, "agreements_read", record)
        only = None if access.sees_every_agreement(actor, record) else actor.id
        return paged(request, *await reading.agreements_of(record.client_id, only, page))

    @get("/partners", summary="Whom an agreement with the client can be with (those who draft)")
    async def partners(
        self, actor: CurrentActor, client_id: FromPath[str]
    ) -> list[wire.AgreementPartner]:
        record = await clients.visible_record(actor, client_id, access.can_list_agreements)
        access.require(access.can_draft(actor, record))
        return await services.partners(record)

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Draft an agreement with the client's coach or a mentor (idempotent by localId): "
        "the client agrees first, then the partner signs",
        responses=replayed(wire.Agreement),
    )
    async def draft(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.AgreementCreate],
    ) -> Response[wire.Agreement]:
        record = await clients.visible_record(actor, client_id, access.can_list_agreements)
        access.require(access.can_draft(actor, record))
        agreement_id, created = await services.draft(actor, record, data)
        if created:
            await _audit(request, actor, "agreement_drafted", record, {"id": agreement_id})
        return created_or_replayed(await reading.detail(agreement_id), created)


class AgreementController(Controller):
    path = "/api/agreements"
    tags = ["agreements"]

    @get("/{agreement_id:str}", summary="An agreement with every version, newest first")
    async def get_agreement(
        self, request: Request[Any, Any, Any], actor: CurrentActor, agreement_id: FromPath[str]
    ) -> wire.Agreement:
        row, record = await _agreement(actor, agreement_id)
        await clients.audit_read(
            request, actor, "agreement_read", record, {"agreement": str(row["id"])}
        )
        return await reading.detail(row["id"])

    @post(
        "/{agreement_id:str}/versions",
        status_code=HTTP_201_CREATED,
        summary="Change the agreement: a new version, which both agree to again",
    )
    async def change(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        agreement_id: FromPath[str],
        data: JSONBody[wire.AgreementTerms],
    ) -> wire.Agreement:
        row, record = await _agreement(actor, agreement_id)
        access.require(access.can_draft(actor, record), "The coach writes the changes with you.")
        await services.new_version(actor, record, row, data)
        await _audit(request, actor, "agreement_changed", record, row)
        return await reading.detail(row["id"])

    @post(
        "/{agreement_id:str}/agree",
        status_code=HTTP_200_OK,
        summary="The client agrees to the newest version, confirming with their passkey "
        "(403 reverify_needed without a fresh step-up)",
    )
    async def agree(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        agreement_id: FromPath[str],
        data: JSONBody[wire.AgreementAgree],
    ) -> wire.Agreement:
        row, record = await _agreement(actor, agreement_id)
        access.require(access.can_agree(actor, record), "The client agrees to their agreement.")
        await require_fresh(actor)
        if await services.agree(row, data.version):
            await _audit(request, actor, "agreement_agreed", record, row)
        return await reading.detail(row["id"])

    @post(
        "/{agreement_id:str}/sign",
        status_code=HTTP_200_OK,
        summary="The coach or mentor signs the newest version after the client agreed, "
        "confirming with their passkey (403 reverify_needed without a fresh step-up)",
    )
    async def sign(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        agreement_id: FromPath[str],
        data: JSONBody[wire.AgreementAgree],
    ) -> wire.Agreement:
        row, record = await _agreement(actor, agreement_id)
        access.require(
            access.can_sign(actor, row), "The coach or mentor the agreement is with signs it."
        )
        await require_fresh(actor)
        if await services.sign(row, data.version):
            await _audit(request, actor, "agreement_signed", record, row)
        return await reading.detail(row["id"])

    @post(
        "/{agreement_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End the agreement, nobody to blame (an optional reason)",
    )
    async def end(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        agreement_id: FromPath[str],
        data: JSONBody[wire.AgreementEnd],
    ) -> wire.Agreement:
        row, record = await _agreement(actor, agreement_id)
        access.require(access.can_end(actor, record, row))
        await services.end(actor, row, data.reason)
        await _audit(request, actor, "agreement_ended", record, row)
        return await reading.detail(row["id"])


class MyAgreementsController(Controller):
    path = "/api/me/agreements"
    tags = ["agreements"]

    @get(
        "/",
        summary="My agreements: as the client, or as the coach or mentor, newest first",
        response_headers=LINK,
    )
    async def mine(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Agreement]]:
        page = reading.list_request(cursor, limit)
        found, next_cursor = await reading.agreements_with(actor.id, page)
        # A coach or mentor reading clients' agreements here: each client's read is logged.
        others = {a.client_id for a in found if a.client_id != actor.id}
        for record in (await clients.records_of(others)).values():
            await clients.audit_read(request, actor, "agreements_read", record)
        return paged(request, found, next_cursor)


router = Router(
    path="/",
    route_handlers=[
        TemplateController,
        ClientAgreementsController,
        AgreementController,
        MyAgreementsController,
    ],
)
