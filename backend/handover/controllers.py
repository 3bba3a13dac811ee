"""HTTP handlers of the pack for the client and staff: the preview with the live consents, the
choice per section, a section's own words, links (make, end), who looked, readers' feedback."""

from __future__ import annotations

import io
from typing import Annotated, Any

import segno
from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import clients
from backend.audit import record as audit
from backend.handover import access, feedback, reading, services
from backend.handover.sections import is_section
from backend.lib import i18n
from backend.lib.actor import Actor, CurrentActor, ReaderLocale
from backend.lib.errors import not_found
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import replayed
from backend.settings import get_settings
from shared_schemas import handover as wire

NO_JOB = "There is no such job."
NO_LINK = "There is no such link."
NO_SECTION = "There is no such section of the pack."
Lang = Annotated[
    i18n.Locale | None,
    Parameter(description="The reader's language to preview in (default: yours)."),
]


def qr_svg(url: str) -> str:
    # Dark modules on white, a quiet zone of 4 (ISO/IEC 18004), scaled for a phone camera; a
    # standalone SVG (xmlns, viewBox), so it also renders as an <img> data URL.
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, svgns=True, omitsize=True, scale=6, border=4
    )
    return buffer.getvalue().decode()


async def _audit(
    request: Request[Any, Any, Any],
    actor: Actor,
    action: str,
    record: clients.ClientRow,
    detail: dict[str, Any],
) -> None:
    await audit(
        action,
        request=request,
        actor=actor.id,
        subject=record.client_id,
        team=record.audit_team,
        detail=detail,
    )


async def _job(
    actor: Actor, client_id: str, job_id: str
) -> tuple[clients.ClientRow, dict[str, Any]]:
    record = await clients.visible_record(actor, client_id, access.can_view_pack)
    job = await reading.job_row(record.client_id, job_id)
    if job is None:
        raise not_found(NO_JOB)
    return record, job


def _section(key: str) -> str:
    if not is_section(key):
        raise not_found(NO_SECTION)
    return key


class HandoverController(Controller):
    path = "/api/clients/{client_id:str}/jobs/{job_id:str}/handover"
    tags = ["handover"]

    @get(
        "/",
        summary="The handover pack as its readers would see it, every section with whether the "
        "client shares it, and the links made",
    )
    async def get_pack(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        client_id: FromPath[str],
        job_id: FromPath[str],
        lang: Lang = None,
    ) -> wire.HandoverPack:
        record, job = await _job(actor, client_id, job_id)
        await clients.audit_read(request, actor, "handover_read", record, {"job": job_id})
        return await reading.pack(record, job, lang or locale, actor.is_staff)

    @put(
        "/sections/{key:str}/consent",
        status_code=HTTP_200_OK,
        summary="The client shares one section with the pack's readers, or stops at once "
        "(idempotent by localId)",
    )
    async def consent(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        client_id: FromPath[str],
        job_id: FromPath[str],
        key: FromPath[str],
        data: JSONBody[wire.ConsentWrite],
    ) -> wire.HandoverPack:
        record, job = await _job(actor, client_id, job_id)
        section = _section(key)
        access.require(access.can_consent(actor, record), "Only the client can choose this.")
        if await services.consent(actor, record, job_id, section, data):
            await _audit(
                request,
                actor,
                "handover_consent",
                record,
                {"job": job_id, "section": section, "granted": data.granted},
            )
        return await reading.pack(record, job, data.locale or locale, actor.is_staff)

    @put(
        "/sections/{key:str}/words",
        status_code=HTTP_200_OK,
        summary="Write a section's own words (the client's or their coach's)",
    )
    async def words(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        client_id: FromPath[str],
        job_id: FromPath[str],
        key: FromPath[str],
        data: JSONBody[wire.WordsWrite],
    ) -> wire.HandoverPack:
        record, job = await _job(actor, client_id, job_id)
        section = _section(key)
        access.require(access.can_write_words(actor, record))
        await services.write_words(actor, record, job_id, section, data.words)
        await _audit(request, actor, "handover_words", record, {"job": job_id, "section": section})
        return await reading.pack(record, job, locale, actor.is_staff)

    @post(
        "/links",
        status_code=HTTP_201_CREATED,
        summary="Make a link to the pack for a named reader: its address and QR code, shown "
        "this once (idempotent by localId; a repeat answers the link without its address)",
        responses=replayed(wire.LinkMade),
    )
    async def make_link(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        data: JSONBody[wire.LinkCreate],
    ) -> Response[wire.LinkMade]:
        record, job = await _job(actor, client_id, job_id)
        access.require(access.can_handle_links(actor, record))
        row, token = await services.make_link(actor, record, job, data)
        link = await reading.link_of(row)
        if token is None:
            return Response(wire.LinkMade(link=link, url="", qr_svg=""), status_code=HTTP_200_OK)
        await _audit(request, actor, "handover_link_made", record, {"job": job_id, "link": link.id})
        url = f"{get_settings().origin}/h/{token}"
        return Response(
            wire.LinkMade(link=link, url=url, qr_svg=qr_svg(url)), status_code=HTTP_201_CREATED
        )

    @post(
        "/links/{link_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End a link at once: its page answers 410 from the next request",
    )
    async def end_link(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        link_id: FromPath[str],
    ) -> wire.PackLink:
        record, _ = await _job(actor, client_id, job_id)
        access.require(access.can_handle_links(actor, record))
        row = await services.link_row(job_id, link_id)
        if row is None:
            raise not_found(NO_LINK)
        if await services.end_link(actor, row["id"]):
            await _audit(
                request, actor, "handover_link_ended", record, {"job": job_id, "link": link_id}
            )
        ended = await services.link_row(job_id, link_id)
        assert ended is not None
        return await reading.link_of(ended)

    @get(
        "/views",
        summary="Who opened the pack's links and when, newest first, a page at a time",
        response_headers=LINK,
    )
    async def views(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.PackViewRow]]:
        page = feedback.views_request(cursor, limit)
        record, _ = await _job(actor, client_id, job_id)
        await clients.audit_read(request, actor, "handover_read", record, {"job": job_id})
        return paged(request, *await feedback.views_of(job_id, page))

    @get(
        "/feedback",
        summary="What the pack's readers said, newest first, a page at a time",
        response_headers=LINK,
    )
    async def feedback(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.PackFeedbackRow]]:
        page = feedback.feedback_request(cursor, limit)
        record, _ = await _job(actor, client_id, job_id)
        await clients.audit_read(request, actor, "handover_read", record, {"job": job_id})
        return paged(request, *await feedback.feedback_of(job_id, page))
