"""HTTP handlers of funder reports: the definitions, a preview, submitting (and correcting),
the paged list, one report, and its files. Every download is access-checked and audit-logged,
like a document's."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, Router, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from backend.audit import record as audit
from backend.lib import i18n
from backend.lib.actor import Actor, CurrentActor, ReaderLocale
from backend.lib.i18n import Locale
from backend.lib.openapi_files import XLSX, CsvFileOperation, PdfFileOperation, XlsxFileOperation
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from backend.reports import access, definitions, outputs, services
from shared_schemas import reports as wire

NO_COMPRESSION = {"skip_compression": True}
ScopeQuery = Annotated[
    wire.ScopeKind | None,
    QueryParameter(name="scope", description="The organisation or a team (by default your own)."),
]
MEDIA = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


async def _file(
    request: Request[Any, Any, Any],
    actor: Actor,
    report_id: str,
    kind: Literal["xlsx", "csv", "pdf"],
    language: Locale | None,
    locale: str,
) -> Response[bytes]:
    row, snap = await services.snapshot_for_download(actor, report_id)
    chosen = language or locale
    table = services.snapshot_table(snap, chosen)
    signed = row["by_name"] or snap.submitted_by
    if kind == "xlsx":
        body = outputs.xlsx(table, signed, chosen)
    elif kind == "csv":
        body = outputs.csv_bytes(table)
    else:
        at = i18n.format_datetime(chosen, snap.submitted_at)
        body = await asyncio.to_thread(outputs.pdf, table, chosen, signed, at, row["content_hash"])
    await audit(
        "report_downloaded",
        request=request,
        actor=actor.id,
        team=str(row["team"]) if row["team"] else None,
        detail={"report": str(row["id"]), "kind": kind, "language": chosen},
    )
    name = f"{snap.definition.id}-{snap.period}-{chosen}.{kind}"
    return Response(
        body,
        media_type=MEDIA[kind],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Language": chosen,
            "Cache-Control": "private, no-store",
        },
    )


class ReportsController(Controller):
    path = "/api/reports"
    tags = ["reports"]

    @get("/definitions", summary="The funder reports that can be made (the newest version of each)")
    async def list_definitions(
        self, actor: CurrentActor, locale: ReaderLocale
    ) -> list[wire.Definition]:
        """A short fixed list (the definitions shipped with the app), not paged."""
        access.require(access.can_use_reports(actor))
        return [definitions.summary(d, locale) for d in definitions.latest()]

    @get("/preview", summary="A funder's table filled in for a scope and a period, suppressed")
    async def preview(
        self,
        actor: CurrentActor,
        locale: ReaderLocale,
        definition: FromQuery[str],
        period: FromQuery[str],
        kind: ScopeQuery = None,
        id: FromQuery[str | None] = None,
        language: FromQuery[Locale | None] = None,
    ) -> wire.Table:
        """Not a read of any client's record: no client is named, and counts of 1 to 5 are
        shown as "≤ 5" here as in every output."""
        return await services.preview(actor, definition, period, kind, id, language or locale)

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Submit a report (or a correction of one) as a signed snapshot (idempotent by "
        "localId)",
        responses=replayed(wire.Report),
    )
    async def submit(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        data: JSONBody[wire.ReportCreate],
    ) -> Response[wire.Report]:
        report_id, created = await services.submit(actor, data)
        report, snap = await services.read(actor, report_id, locale)
        if created:
            await audit(
                "report_submitted",
                request=request,
                actor=actor.id,
                team=snap.scope.id,
                detail={
                    "report": report_id,
                    "definition": f"{snap.definition.id} v{snap.definition.version}",
                    "period": snap.period,
                    "corrects": snap.corrects or "",
                    "hash": report.content_hash,
                },
            )
        return created_or_replayed(report, created)

    @get("/", summary="The submitted reports you may see, newest first", response_headers=LINK)
    async def list_reports(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.ReportSummary]]:
        page = services.list_request(cursor, limit)
        items, next_cursor = await services.listing(actor, page, locale)
        return paged(request, items, next_cursor)

    @get("/{report_id:str}", summary="A submitted report as it was submitted, and its signature")
    async def report(
        self,
        actor: CurrentActor,
        locale: ReaderLocale,
        report_id: FromPath[str],
        language: FromQuery[Locale | None] = None,
    ) -> wire.Report:
        report, _ = await services.read(actor, report_id, language or locale)
        return report

    @get(
        "/{report_id:str}/report.xlsx",
        summary="A submitted report in the funder's table layout as XLSX",
        operation_class=XlsxFileOperation,
        opt=NO_COMPRESSION,
    )
    async def xlsx(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        report_id: FromPath[str],
        language: FromQuery[Locale | None] = None,
    ) -> Response[bytes]:
        return await _file(request, actor, report_id, "xlsx", language, locale)

    @get(
        "/{report_id:str}/report.csv",
        summary="A submitted report in the funder's table layout as CSV",
        operation_class=CsvFileOperation,
    )
    async def csv(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        report_id: FromPath[str],
        language: FromQuery[Locale | None] = None,
    ) -> Response[bytes]:
        return await _file(request, actor, report_id, "csv", language, locale)

    @get(
        "/{report_id:str}/report.pdf",
        summary="A submitted report as PDF, with each figure's definition and the signature",
        operation_class=PdfFileOperation,
        opt=NO_COMPRESSION,
    )
    async def pdf(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        report_id: FromPath[str],
        language: FromQuery[Locale | None] = None,
    ) -> Response[bytes]:
        return await _file(request, actor, report_id, "pdf", language, locale)


router = Router(path="/", route_handlers=[ReportsController])
