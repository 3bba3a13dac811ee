"""``/api/fidelity``: the templates, reviews (start, read, score an item, finish), the list of
reviews a page at a time, and a comparison of two. None of it reads a client's record: no
client is named (the evidence's rows open on Results, which is where their reads are logged)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.fidelity import access, compare, services, templates
from backend.lib.actor import CurrentActor
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import fidelity as wire


class FidelityController(Controller):
    path = "/api/fidelity"
    tags = ["fidelity"]

    @get("/templates", summary="The newest version of each template, in four languages")
    async def template_list(self, actor: CurrentActor) -> list[wire.FidelityTemplate]:
        access.require(access.can_use_reviews(actor))
        return templates.newest()

    @get(
        "/templates/{key:str}/{version:int}",
        summary="One version of a template (the one a review was scored with)",
    )
    async def template(
        self, actor: CurrentActor, key: FromPath[str], version: FromPath[int]
    ) -> wire.FidelityTemplate:
        access.require(access.can_use_reviews(actor))
        try:
            return templates.version(key, version)
        except KeyError:
            raise access.not_found("There is no such template.") from None

    @post(
        "/reviews",
        status_code=HTTP_201_CREATED,
        summary="Start a review of a team or the organisation over a period (idempotent by "
        "localId); the items the figures can score come pre-filled",
        responses=replayed(wire.FidelityReview),
    )
    async def start(
        self, actor: CurrentActor, data: JSONBody[wire.FidelityReviewStart]
    ) -> Response[wire.FidelityReview]:
        made, created = await services.start(actor, data)
        return created_or_replayed(made, created)

    @get(
        "/reviews",
        summary="The reviews, newest first, a page at a time",
        response_headers=LINK,
    )
    async def reviews(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        team: FromQuery[str | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.FidelityReviewSummary]]:
        """An administrator's: every review (or ``team``'s); a coordinator's: her team's."""
        page = services.list_request(cursor, limit)
        items, next_cursor = await services.reviews(actor, page, team)
        return paged(request, items, next_cursor)

    @get("/reviews/{review_id:str}", summary="One review with its items and totals")
    async def review(self, actor: CurrentActor, review_id: FromPath[str]) -> wire.FidelityReview:
        return await services.review(actor, review_id)

    @put(
        "/reviews/{review_id:str}/items/{item:str}",
        status_code=HTTP_200_OK,
        summary="Score one item with notes (a draft is saved as it goes; 409 once finished)",
    )
    async def save_item(
        self,
        actor: CurrentActor,
        review_id: FromPath[str],
        item: FromPath[str],
        data: JSONBody[wire.FidelityItemSave],
    ) -> wire.FidelityReview:
        return await services.save_item(actor, review_id, item, data)

    @post(
        "/reviews/{review_id:str}/finish",
        status_code=HTTP_200_OK,
        summary="Finish and lock the review once every item is scored",
    )
    async def finish(self, actor: CurrentActor, review_id: FromPath[str]) -> wire.FidelityReview:
        return await services.finish(actor, review_id)

    @get("/comparison", summary="Two reviews with the same template, item by item")
    async def comparison(
        self, actor: CurrentActor, first: FromQuery[str], second: FromQuery[str]
    ) -> wire.FidelityComparison:
        return await compare.compare(actor, first, second)


router = Router(path="/", route_handlers=[FidelityController])
