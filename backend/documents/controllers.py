"""HTTP handlers of a client's documents: which can be made, and the CV and the "about me" as
PDF, made from the client's approved profile. Every download is audit-logged, the client's own
too (the issue: each download is logged)."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, Response, Router, get
from litestar.params import FromPath, FromQuery

from backend import clients
from backend.audit import record as audit
from backend.documents import access, services
from backend.documents.render import Kind
from backend.lib.actor import Actor, CurrentActor
from backend.lib.openapi_files import PdfFileOperation
from shared_schemas import documents as wire

Language = Literal["en", "pl", "fi", "he"]
NO_COMPRESSION = {"skip_compression": True}
KINDS: tuple[Kind, ...] = ("cv", "about-me")


async def _download(
    request: Request[Any, Any, Any],
    actor: Actor,
    client_id: str,
    kind: Kind,
    language: Language | None,
) -> Response[bytes]:
    record = await clients.visible_record(actor, client_id, access.can_make_documents)
    chosen = await services.language_of(record.client_id, language)
    made = await services.make(record.client_id, kind, chosen)
    await audit(
        "document_downloaded",
        request=request,
        actor=actor.id,
        subject=record.client_id,
        team=record.audit_team,
        detail={"kind": kind, "language": made.language, "version": made.version},
    )
    return Response(
        made.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{kind}-{made.language}.pdf"',
            "Content-Language": made.language,
            "Cache-Control": "private, no-store",
        },
    )


class DocumentsController(Controller):
    path = "/api/clients/{client_id:str}/documents"
    tags = ["documents"]

    @get("/", summary="Which documents can be made from the client's approved profile")
    async def list_documents(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        language: FromQuery[Language | None] = None,
    ) -> wire.Documents:
        record = await clients.visible_record(actor, client_id, access.can_make_documents)
        await clients.audit_read(request, actor, "documents_listed", record)
        chosen = await services.language_of(record.client_id, language)
        version = await services.approved_version(record.client_id, chosen)
        base = f"/api/clients/{record.client_id}/documents"
        return wire.Documents(
            approved_version=version,
            language=chosen,
            documents=[
                wire.DocumentLink(kind=kind, href=f"{base}/{kind}.pdf?language={chosen}")
                for kind in KINDS
            ]
            if version is not None
            else [],
        )

    @get(
        "/cv.pdf",
        summary="The client's CV (close to Europass) as PDF, from the approved profile",
        operation_class=PdfFileOperation,
        opt=NO_COMPRESSION,
    )
    async def cv(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        language: FromQuery[Language | None] = None,
    ) -> Response[bytes]:
        return await _download(request, actor, client_id, "cv", language)

    @get(
        "/about-me.pdf",
        summary="The client's one-page \u201cabout me\u201d with photos as PDF, from the approved "
        "profile",
        operation_class=PdfFileOperation,
        opt=NO_COMPRESSION,
    )
    async def about_me(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        language: FromQuery[Language | None] = None,
    ) -> Response[bytes]:
        return await _download(request, actor, client_id, "about-me", language)


router = Router(path="/", route_handlers=[DocumentsController])
