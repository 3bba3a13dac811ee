"""``GET /api/me/day``: the signed-in client's day, with an ``ETag`` for the phone's copy;
``GET /api/clients/{id}/page``: a client's page for staff, one audit entry per opening."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from backend import clients
from backend.lib.actor import CurrentActor
from backend.lib.errors import not_found
from backend.today import page, services
from backend.today.access import can_see_client_page, require_client_page, require_own_day
from shared_schemas.today import ClientPage, Day

# The phone keeps its copy and asks again each time (``no-cache``: revalidate before use), with
# the ETag in If-None-Match; nothing shared (a proxy, another person) may keep it (``private``).
CACHE_CONTROL = "private, no-cache"


def _matches(header: str | None, tag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110 §13.1.2): ``W/"x"`` and ``"x"`` both match."""
    if not header:
        return False
    opaque = tag.removeprefix("W/")
    return any(
        candidate.strip() == "*" or candidate.strip().removeprefix("W/") == opaque
        for candidate in header.split(",")
    )


class DayController(Controller):
    path = "/api/me/day"
    tags = ["me"]

    @get(
        "/",
        summary="My day (clients): me, my next shifts, tasks with steps and progress, goals, news",
        responses={
            HTTP_304_NOT_MODIFIED: ResponseSpec(
                data_container=None,
                description="The day is as in the copy whose ETag was sent in If-None-Match.",
                generate_examples=False,
            )
        },
    )
    async def get_day(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Response[Day]:
        require_own_day(actor)
        found = await services.encoded_day(actor.id)
        if found is None:
            raise not_found("There is no such person.")
        body, tag = found
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
        if _matches(request.headers.get("if-none-match"), tag):
            return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)  # type: ignore[arg-type]
        # The encoded bytes go out as they are (the ETag is theirs); the OpenAPI document still
        # names the Struct they encode.
        return Response(body, media_type="application/json", headers=headers)  # type: ignore[arg-type]


def _answer(request: Request[Any, Any, Any], body: bytes, tag: str) -> Response[Any]:
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match"), tag):
        return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    # The encoded bytes go out as they are (the ETag is theirs); the OpenAPI document still
    # names the Struct they encode.
    return Response(body, media_type="application/json", headers=headers)


class ClientPageController(Controller):
    path = "/api/clients/{client_id:str}/page"
    tags = ["clients"]

    @get(
        "/",
        summary="A client's page (staff): record, tasks, next shifts, reminders, goals, talks",
        responses={
            HTTP_304_NOT_MODIFIED: ResponseSpec(
                data_container=None,
                description="The page is as in the copy whose ETag was sent in If-None-Match.",
                generate_examples=False,
            )
        },
    )
    async def get_page(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> Response[ClientPage]:
        found = await page.record(client_id)
        if found is None or not can_see_client_page(actor, found.fields):
            raise not_found(clients.NO_CLIENT)
        require_client_page(actor, found.fields)
        # Every opening is a read of the client's record by staff: one audit entry, kept answer
        # or not (a 304 too: the person has the record in front of them).
        await clients.audit_read(request, actor, "client_read", found.fields)
        body, tag = await page.encoded_page(found)
        return _answer(request, body, tag)  # type: ignore[return-value]


router = Router(path="/", route_handlers=[DayController, ClientPageController])
