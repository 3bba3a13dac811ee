"""HTTP handlers of fading plans: a client's plan for a job (read, write a new version), the
team's plans a page at a time, the alerts, and the client's own plans."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, get, put
from litestar.params import FromPath, JSONBody, Parameter
from litestar.status_codes import HTTP_201_CREATED

from backend import clients
from backend.audit import record as audit
from backend.fading import access, reading, services
from backend.fading.measuring import JobRef
from backend.lib.actor import Actor, CurrentActor
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import fading as wire

Weeks = Annotated[
    int, Parameter(ge=1, le=52, description="How many of the latest weeks (12 when absent).")
]


async def _plan(actor: Actor, client_id: str, job_id: str) -> tuple[clients.ClientRow, JobRef]:
    record = await clients.visible_record(actor, client_id, access.can_view_plan)
    return record, await services.job_of(record, job_id)


class PlanController(Controller):
    path = "/api/clients/{client_id:str}/jobs/{job_id:str}/fading"
    tags = ["fading"]

    @get(
        "/",
        summary="The client's fading plan for a job: its steps and the latest weeks, planned "
        "against actual, with the share of steps done on their own",
    )
    async def get_plan(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        weeks: Weeks = 12,
    ) -> wire.FadingPlan:
        record, job = await _plan(actor, client_id, job_id)
        await clients.audit_read(request, actor, "fading_read", record, {"job": job.id})
        return await reading.view(record, job, staff=access.sees_alerts(actor), count=weeks)

    @put(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Save the plan's steps as its next version (idempotent by localId); the weeks "
        "already closed keep what was planned then",
        responses=replayed(wire.FadingPlan),
    )
    async def save_plan(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        job_id: FromPath[str],
        data: JSONBody[wire.FadingPlanWrite],
    ) -> Response[wire.FadingPlan]:
        record, job = await _plan(actor, client_id, job_id)
        access.require(access.can_edit_plan(actor, record))
        plan, created = await services.save(actor, record, job, data)
        if created:
            await audit(
                "fading_plan_saved",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"job": job.id, "version": int(plan["version"])},
            )
        view = await reading.view(record, job, staff=True, count=12)
        return created_or_replayed(view, created)


class FadingController(Controller):
    path = "/api/fading"
    tags = ["fading"]

    @get(
        "/plans",
        summary="Planned against actual for the clients in reach (a coach's caseload, a "
        "coordinator's team), by client name, a page at a time",
        response_headers=LINK,
    )
    async def plans(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.FadingOverview]]:
        page = reading.overview_request(cursor, limit)
        access.require(access.can_list_plans(actor))
        items, next_cursor = await reading.overview(actor, page)
        if items:
            await audit(
                "fading_plans_read",
                request=request,
                actor=actor.id,
                team=actor.team_id or "",
                detail={"clients": sorted({i.client_id for i in items})},
            )
        return paged(request, items, next_cursor)

    @get(
        "/alerts",
        summary="Alerts about fading for the clients in reach, newest first, a page at a time",
        response_headers=LINK,
    )
    async def alerts(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.FadingAlert]]:
        page = reading.alerts_request(cursor, limit)
        access.require(access.can_list_plans(actor))
        items, next_cursor = await reading.alerts_for(actor, page)
        return paged(request, items, next_cursor)

    @get("/mine", summary="The client's own fading plans, in plain words")
    async def mine(self, actor: CurrentActor) -> list[wire.FadingJob]:
        access.require(access.can_read_own(actor))
        return await reading.mine(actor.id)


router = Router(path="/", route_handlers=[PlanController, FadingController])
