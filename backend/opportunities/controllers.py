"""HTTP handlers for job finding: a client's pipeline (read, add), one opportunity (read,
change, remove, move a step, log a contact), the pipeline across a caseload, and the figures
per coach."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.lib import clock
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import field_error
from backend.lib.localtime import is_zone, today
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, page_of, page_request, paged
from backend.opportunities import access, figures, reading, services
from shared_schemas import activities as activity_wire
from shared_schemas import opportunities as wire
from shared_schemas.base import refusal

MAX_PERIOD = timedelta(days=366)
FIGURES_DAYS = 28
SLACK = timedelta(hours=1)
COACHES = "opportunity-figures"


def _again(spec: type[Any]) -> dict[int, ResponseSpec]:
    return {
        HTTP_200_OK: ResponseSpec(
            data_container=spec,
            description="Already recorded: this localId was sent before.",
            generate_examples=False,
        )
    }


def _created(result: tuple[Any, bool]) -> Response[Any]:
    item, created = result
    return Response(item, status_code=HTTP_201_CREATED if created else HTTP_200_OK)


async def _one(actor: Actor, opportunity_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
    return await services.visible(actor, clients.record_of, opportunity_id)


class ClientOpportunitiesController(Controller):
    path = "/api/clients/{client_id:str}/opportunities"
    tags = ["opportunities"]

    @get("/", summary="A client's job search pipeline, newest first, a page at a time",
         response_headers=LINK)  # fmt: skip
    async def pipeline(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        step: FromQuery[wire.Step | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Opportunity]]:
        page = reading.list_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_pipeline)
        rows, next_cursor = await reading.client_page(record.client_id, step, page)
        await clients.audit_read(request, actor, "opportunities_read", record)
        items = await reading.to_wire(rows, access.can_move(actor, record))
        return paged(request, items, next_cursor)

    @post("/", status_code=HTTP_201_CREATED, responses=_again(wire.Opportunity),
          summary="Add an opportunity: an employer and a job, or an idea (the client: an idea of "
          "their own); idempotent by localId")  # fmt: skip
    async def add(
        self,
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.OpportunityCreate],
    ) -> Response[wire.Opportunity]:
        record = await clients.visible_record(actor, client_id, access.can_view_pipeline)
        access.require(access.can_add(actor, record))
        return _created(await services.create(actor, record, data))


class OpportunitiesController(Controller):
    path = "/api/opportunities"
    tags = ["opportunities"]

    @get("/", summary="The job search pipeline across my caseload (a coordinator: the team's; "
         "an administrator: everyone's), newest first, a page at a time",
         response_headers=LINK)  # fmt: skip
    async def caseload(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        step: FromQuery[wire.Step | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Opportunity]]:
        page = reading.list_request(cursor, limit)
        access.require(access.can_see_caseload_pipeline(actor))
        rows, next_cursor = await reading.caseload_page(actor, step, page)
        return paged(request, await reading.to_wire(rows, True), next_cursor)

    @get("/figures", summary="Per coach: employer contacts per week, and the days from intake "
         "to the first employer contact, over a period (a page of coaches at a time)",
         response_headers=LINK)  # fmt: skip
    async def coach_figures(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.CoachFigures]]:
        """The last four weeks when no period is given; a year at most. Coordinators: the
        coaches of their team; administrators: every coach with a caseload."""
        page = page_request(COACHES, cursor, limit, str, str)
        access.require(access.can_see_figures(actor))
        if not is_zone(zone):
            raise field_error("query.zone", "Choose a time zone from the list.", status=400)
        for name, value in (("since", since), ("until", until)):
            if value is not None and (reason := refusal(value, is_name=False)):
                raise field_error(f"query.{name}", reason, status=400, code="date_range")
        last = until or today(clock.now(), zone)
        first = since or last - timedelta(days=FIGURES_DAYS - 1)
        if last < first or last - first > MAX_PERIOD:
            raise field_error(
                "query.since", "Choose a period of a year at most, first day first.", status=400
            )
        caseload = await clients.caseload(actor)
        coaches = sorted(
            {(c.coach_name or "", c.coach_id) for c in caseload if c.coach_id is not None}
        )
        if page.after is not None:
            coaches = [c for c in coaches if c > (page.after[0], page.after[1])]
        part, next_cursor = page_of(coaches[: page.fetch], page, COACHES, lambda c: c)
        ids = [coach for _, coach in part]
        weeks = await figures.contacts_by(ids, first, last, zone)
        theirs = [c.id for c in caseload if c.coach_id in ids]
        # Up to now (and the few minutes a phone's clock may be ahead): contacts so far.
        days = await figures.first_contacts(theirs, first, last, zone, clock.now() + SLACK)
        coach_of = {c.id: c.coach_id for c in caseload}
        out = []
        for name, coach in part:
            mine = {client: d for client, d in days.items() if coach_of.get(client) == coach}
            counted = weeks.get(coach) or [figures.Week(w, 0, 0) for w in _mondays(first, last)]
            out.append(
                wire.CoachFigures(
                    coach_id=coach,
                    display_name=name,
                    weeks=[
                        wire.WeekContacts(week_of=w.week_of, made=w.made, attempted=w.attempted)
                        for w in counted
                    ],
                    made=sum(w.made for w in counted),
                    attempted=sum(w.attempted for w in counted),
                    intakes=len(mine),
                    contacted=sum(1 for d in mine.values() if d is not None),
                    median_days=figures.median_days(mine.values()),
                )
            )
        return paged(request, out, next_cursor)

    @get("/{opportunity_id:str}", summary="One opportunity with its history")
    async def one(
        self, request: Request[Any, Any, Any], actor: CurrentActor, opportunity_id: FromPath[str]
    ) -> wire.Opportunity:
        row, record = await _one(actor, opportunity_id)
        await clients.audit_read(request, actor, "opportunities_read", record)
        return (await reading.to_wire([row], access.can_move(actor, record)))[0]

    @patch("/{opportunity_id:str}", summary="Change an opportunity: the employer, the job, the "
           "idea, its themes, the follow-up day, the interview's time and place")  # fmt: skip
    async def change(
        self,
        actor: CurrentActor,
        opportunity_id: FromPath[str],
        data: JSONBody[wire.OpportunityUpdate],
    ) -> wire.Opportunity:
        row, record = await _one(actor, opportunity_id)
        return await services.update(actor, record, row, data)

    @delete("/{opportunity_id:str}", status_code=HTTP_204_NO_CONTENT,
            summary="Remove an opportunity (and its history)")  # fmt: skip
    async def remove(self, actor: CurrentActor, opportunity_id: FromPath[str]) -> None:
        row, record = await _one(actor, opportunity_id)
        await services.remove(actor, record, row)

    @post("/{opportunity_id:str}/steps", status_code=HTTP_201_CREATED,
          responses=_again(wire.Opportunity),
          summary='Move to a step on a day, in one tap (to "contacted": the employer contact is '
          "logged as an activity); idempotent by localId")  # fmt: skip
    async def move(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        opportunity_id: FromPath[str],
        data: JSONBody[wire.StepMove],
    ) -> Response[wire.Opportunity]:
        row, record = await _one(actor, opportunity_id)
        return _created(await services.move(request, actor, record, row, data))

    @post("/{opportunity_id:str}/contacts", status_code=HTTP_201_CREATED,
          responses=_again(activity_wire.Activity),
          summary="Log a contact with the employer about this opportunity, as an activity; "
          "idempotent by localId")  # fmt: skip
    async def contact(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        opportunity_id: FromPath[str],
        data: JSONBody[wire.ContactCreate],
    ) -> Response[activity_wire.Activity]:
        row, record = await _one(actor, opportunity_id)
        return _created(await services.contact(request, actor, record, row, data))


def _mondays(first: date, last: date) -> list[date]:
    out, monday = [], figures.week_of(first)
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


router = Router(path="/", route_handlers=[ClientOpportunitiesController, OpportunitiesController])
