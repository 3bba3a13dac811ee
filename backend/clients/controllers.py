"""HTTP handlers for client records and caseloads."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get, patch
from litestar.params import FromPath, JSONBody

from backend.accounts import person
from backend.audit import record as audit
from backend.clients import access, caseloads, services
from backend.clients.events import StageChosen
from backend.lib.actor import CurrentActor
from backend.lib.errors import field_error
from backend.lib.events import emit
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from shared_schemas.clients import ClientDetail, ClientSummary, ClientUpdate


class ClientController(Controller):
    path = "/api/clients"
    tags = ["clients"]

    @get(
        "/",
        summary="My caseload (coordinators: the team's; administrators: all), a page at a time",
        response_headers=LINK,
    )
    async def caseload(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[ClientSummary]]:
        page = caseloads.caseload_request(cursor, limit)
        return paged(request, *await caseloads.caseload_page(actor, page))

    @get("/{client_id:str}", summary="A client's record")
    async def client(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> ClientDetail:
        record = await services.visible_record(actor, client_id)
        # Every read of a client's record by staff is audit-logged (special-category data).
        await services.audit_read(request, actor, "client_read", record)
        return await services.detail(client_id)

    @patch(
        "/{client_id:str}",
        summary="Change the notes or the coach (or the stage: it starts in the client's journey)",
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[ClientUpdate],
    ) -> ClientDetail:
        record = await services.visible_record(actor, client_id)
        # The client sees their own record but changes it through their coach.
        access.require(access.can_manage_client(actor, record), "Your coach changes this with you.")
        changes: dict[str, Any] = {}
        if data.stage is not None:
            changes["stage"] = data.stage
        if data.support_summary is not None:
            changes["support_summary"] = data.support_summary
        if data.coach_id is not None and data.coach_id != record.coach_id:
            coach = await person(data.coach_id)
            if coach is None or not access.can_assign_coach(actor, record, coach):
                raise field_error("body.coachId", "Choose a coach from your team.")
            changes["coach"] = data.coach_id
        if changes:
            await services.update(client_id, dict(changes))
            moved = changes.pop("coach", None)
            if moved is not None:
                # A move has an entry of its own: the client reads "moved you to another job
                # coach", and the log can be narrowed to moves. It is written under the team
                # the client left, so that team's coordinator sees it too.
                await audit(
                    "client_moved",
                    request=request,
                    actor=actor.id,
                    subject=client_id,
                    team=record.audit_team,
                    detail={"from": record.coach_id or "", "to": str(moved)},
                )
            if changes:
                await audit(
                    "client_updated",
                    request=request,
                    actor=actor.id,
                    subject=client_id,
                    team=record.audit_team,
                    detail={k: str(v) for k, v in changes.items() if k != "support_summary"}
                    | ({"support_summary": "changed"} if "support_summary" in changes else {}),
                )
        if data.stage is not None:
            # The journey above keeps the stage as a dated history: this starts it there.
            await emit(StageChosen(client_id, data.stage, actor))
        return await services.detail(client_id)


router = Router(path="/", route_handlers=[ClientController])
