"""``GET /api/me/day``: the signed-in client's day, with an ``ETag`` for the phone's copy."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from backend.lib.actor import CurrentActor
from backend.lib.errors import not_found
from backend.today import services
from backend.today.access import require_own_day
from shared_schemas.today import Day

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


router = Router(path="/", route_handlers=[DayController])
