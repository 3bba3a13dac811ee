"""HTTP handlers for my data, the export and erasure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, Response, Router, get, post
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK

from backend import clients
from backend.audit import record as audit
from backend.lib import localtime
from backend.lib.actor import Actor, CurrentActor, ReaderLocale
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.privacy import access, services, views, walk
from shared_schemas import privacy as wire

# The words depend on the person's language, and the data is theirs alone: never cached.
NO_STORE = {"Cache-Control": "no-store", "Vary": "Accept-Language, Cookie"}


@dataclass
class ZipOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = OpenAPIResponse(
                description="data.json, index.html and the photos, in one ZIP archive",
                content={
                    "application/zip": OpenAPIMediaType(
                        schema=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
                    )
                },
            )


async def _subject(actor: Actor) -> walk.Person:
    access.require(
        access.can_copy_own_data(actor),
        "Your organisation's administrator gives you a copy of your data.",
    )
    who = await walk.person(actor.id)
    assert who is not None
    return who


class MyDataController(Controller):
    path = "/api/me"
    tags = ["privacy"]

    @get("/data", summary="Everything Stepwise holds about me, and who looked at my record")
    async def my_data(self, actor: CurrentActor, locale: ReaderLocale) -> Response[wire.MyData]:
        who = await _subject(actor)
        return Response(await services.my_data(who, locale), headers=NO_STORE)

    @get("/views", summary="Who looked at my record: a few days at a time, in sentences")
    async def views(
        self,
        actor: CurrentActor,
        locale: ReaderLocale,
        zone: FromQuery[str] = "UTC",
        before: FromQuery[str | None] = None,
    ) -> Response[wire.RecordViews]:
        """``zone``: the reader's IANA time zone (the app sends the phone's), for the days.
        ``before``: the ``earlier`` of the previous page."""
        if not localtime.is_zone(zone):
            raise field_error("query.zone", "Give a time zone such as Europe/Warsaw.", status=400)
        if before is not None and not before.isdigit():
            raise field_error("query.before", "Give the page's 'earlier' value.", status=400)
        who = await _subject(actor)
        return Response(
            await views.page(who, locale, zone, int(before) if before else None),
            headers=NO_STORE,
        )

    @get(
        "/export",
        summary="All my data in one ZIP: data.json, index.html and my photos",
        operation_class=ZipOperation,
        opt={"skip_compression": True},
    )
    async def export(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        locale: ReaderLocale,
        zone: FromQuery[str] = "UTC",
    ) -> Stream:
        """``zone``: the reader's IANA time zone (the app sends the phone's), for the times on
        the readable page; data.json keeps instants in UTC. The archive is streamed as it is
        written, the photos read a piece at a time: constant memory, however many photos."""
        if not localtime.is_zone(zone):
            raise field_error("query.zone", "Give a time zone such as Europe/Warsaw.", status=400)
        who = await _subject(actor)
        archive, counts = await services.export(who, locale, zone)
        record = await clients.record_of(who.id)
        await audit(
            "data_exported",
            request=request,
            actor=actor.id,
            subject=who.id,
            team=record.audit_team if record else "",
            detail=counts,
        )
        name = services.export_name(now())
        return Stream(
            archive,
            media_type="application/zip",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                **NO_STORE,
            },
        )


class ErasureController(Controller):
    path = "/api/people"
    tags = ["privacy"]

    @post(
        "/{user_id:str}/erase",
        status_code=HTTP_200_OK,
        summary="Erase a client or family member on their request (administrators)",
    )
    async def erase(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        user_id: FromPath[str],
        data: JSONBody[wire.EraseRequest],
    ) -> wire.ErasureReport:
        access.require(access.can_erase(actor), "Only an administrator erases a person.")
        who = await walk.person(user_id)
        if who is None:
            raise not_found("There is no such person.")
        if who.role not in services.SUBJECTS:
            raise field_error(
                "path.userId", "Staff accounts are not erased here: move their clients first."
            )
        if not services.same_name(data.confirm_name, who.name):
            raise field_error(
                "body.confirmName", "Write the person's name exactly as shown to confirm."
            )
        return await services.erase_and_record(who, actor=actor.id, request=request)


router = Router(path="/", route_handlers=[MyDataController, ErasureController])
