"""HTTP handlers for goals: a client's goals, one goal, its photo, check-ins, ending early and
the evaluation."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.goals import access, photos, reading, services
from backend.goals.controllers.common import (
    IMMUTABLE,
    PHOTO_BODY,
    _goal,
)
from backend.lib import images, uploads
from backend.lib.actor import CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import not_found
from backend.lib.openapi_files import PhotoFileOperation, PhotoUploadOperation
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed as _created_or_replayed
from backend.lib.replay import replayed as _replayed
from shared_schemas import goals as wire


class ClientGoalsController(Controller):
    path = "/api/clients/{client_id:str}"
    tags = ["goals"]

    @get(
        "/goals",
        summary="A client's goals, newest period first (the client: my goals), a page at a time",
        response_headers=LINK,
    )
    async def list_goals(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        status: FromQuery[Literal["draft", "active", "ended", "cancelled"] | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Goal]]:
        page = reading.goals_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_read_goals)
        await clients.audit_read(request, actor, "goals_read", record)
        return paged(request, *await reading.goals_of(record.client_id, status, page))

    @post(
        "/goals",
        status_code=HTTP_201_CREATED,
        summary="Set a goal for one to four weeks (idempotent by localId)",
        responses=_replayed(wire.Goal),
    )
    async def create_goal(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.GoalCreate],
    ) -> Response[wire.Goal]:
        record = await clients.visible_record(actor, client_id, access.can_view_goals)
        access.require(access.can_set_goals(actor, record))
        goal_id, created = await services.create(actor, record.client_id, data)
        if created:
            await audit(
                "goal_created",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"goal": goal_id},
            )
        return _created_or_replayed(await reading.detail(goal_id), created)

    @get("/gas", summary="GAS T-scores per period (ρ = 0.3) and their trend")
    async def gas(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.GasSummary:
        record = await clients.visible_record(actor, client_id, access.can_view_goals)
        await clients.audit_read(request, actor, "goals_read", record)
        return await reading.gas_summary(record.client_id)


class GoalController(Controller):
    path = "/api/goals"
    tags = ["goals"]

    @get("/{goal_id:str}", summary="A goal with its check-ins and both evaluations")
    async def get_goal(
        self, request: Request[Any, Any, Any], actor: CurrentActor, goal_id: FromPath[str]
    ) -> wire.Goal:
        goal, record = await _goal(actor, goal_id, access.can_read_goals)
        await clients.audit_read(request, actor, "goal_read", record, {"goal": str(goal["id"])})
        return await reading.detail(goal["id"])

    @patch("/{goal_id:str}", summary="Change a goal, start a draft, or drop it")
    async def update_goal(
        self, actor: CurrentActor, goal_id: FromPath[str], data: JSONBody[wire.GoalUpdate]
    ) -> wire.Goal:
        goal, record = await _goal(actor, goal_id)
        access.require(access.can_set_goals(actor, record))
        await services.update(goal, data)
        return await reading.detail(goal["id"])

    @delete("/{goal_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a goal")
    async def remove_goal(
        self, request: Request[Any, Any, Any], actor: CurrentActor, goal_id: FromPath[str]
    ) -> None:
        goal, record = await _goal(actor, goal_id)
        access.require(
            access.can_remove_goals(actor, record),
            "Your coach removes goals with you; you can drop one.",
        )
        await services.remove(goal)
        await audit(
            "goal_removed",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"goal": str(goal["id"])},
        )

    @put(
        "/{goal_id:str}/photo",
        summary="Set the goal's optional photo (multipart, field file)",
        operation_class=PhotoUploadOperation,
        request_max_body_size=PHOTO_BODY,
    )
    async def set_photo(
        self, request: Request[Any, Any, Any], actor: CurrentActor, goal_id: FromPath[str]
    ) -> wire.Goal:
        goal, record = await _goal(actor, goal_id)
        access.require(access.can_set_goals(actor, record))
        data = await uploads.read_file(request, images.MAX_BYTES, "photo")
        processed = await photos.process(data)
        del data  # the upload as received is never stored, only what processing made of it
        await services.set_photo(goal, processed)
        return await reading.detail(goal["id"])

    @delete("/{goal_id:str}/photo", status_code=HTTP_204_NO_CONTENT, summary="Remove the photo")
    async def remove_photo(self, actor: CurrentActor, goal_id: FromPath[str]) -> None:
        goal, record = await _goal(actor, goal_id)
        access.require(access.can_set_goals(actor, record))
        await services.remove_photo(goal)

    @get(
        "/{goal_id:str}/photo/{file_name:str}",
        summary="The goal's photo in one size; access checked on every request",
        operation_class=PhotoFileOperation,
        opt={"skip_compression": True},
    )
    async def get_photo(
        self, actor: CurrentActor, goal_id: FromPath[str], file_name: FromPath[str]
    ) -> Response[Any]:
        goal, _ = await _goal(actor, goal_id)
        found = await services.read_photo(goal, file_name)
        if found is None:
            raise not_found("There is no such photo.")
        content_type, opened = found
        return streamed(opened, content_type, IMMUTABLE)

    @post(
        "/{goal_id:str}/check-ins",
        status_code=HTTP_201_CREATED,
        summary="The client checks in: one of the goal's levels (−2 … +2) (idempotent by localId)",
        responses=_replayed(wire.CheckIn),
    )
    async def check_in(
        self, actor: CurrentActor, goal_id: FromPath[str], data: JSONBody[wire.CheckInCreate]
    ) -> Response[wire.CheckIn]:
        goal, record = await _goal(actor, goal_id)
        access.require(
            access.can_check_in(actor, record),
            "Only the client checks in on their goal.",
        )
        return _created_or_replayed(*await services.check_in(actor, goal, data))

    @post(
        "/{goal_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End a goal before its last day, with a reason (staff): its final evaluation opens",
    )
    async def end_early(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        goal_id: FromPath[str],
        data: JSONBody[wire.GoalEnd],
    ) -> wire.Goal:
        goal, record = await _goal(actor, goal_id)
        access.require(
            access.can_end_goals_early(actor, record),
            "Your coach ends a goal early with you.",
        )
        await services.end_early(goal, data)
        await audit(
            "goal_ended_early",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"goal": str(goal["id"])},
        )
        return await reading.detail(goal["id"])

    @put(
        "/{goal_id:str}/evaluation",
        summary="The final evaluation (GAS −2 … +2), the client's or the coach's: from the "
        "goal's last week, or once staff ended it early",
    )
    async def evaluate(
        self, actor: CurrentActor, goal_id: FromPath[str], data: JSONBody[wire.EvaluationSet]
    ) -> wire.Goal:
        goal, record = await _goal(actor, goal_id)
        as_client = access.is_the_client(actor, record)
        access.require(as_client or access.can_remove_goals(actor, record))
        await services.evaluate(actor, goal, as_client, data)
        return await reading.detail(goal["id"])
