"""HTTP handlers for the client's journey: thin — parse, authorise, call a service, answer."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import clients
from backend.audit import record as audit
from backend.journey import access, changes, followups, history, targets, texts
from backend.lib.actor import CurrentActor
from backend.lib.errors import not_found
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import journey as wire

STAFF_CHANGE = "Your job coach changes this with you."


class DecisionTextController(Controller):
    path = "/api/journey"
    tags = ["journey"]

    @get("/decision-text", summary="The words the client reads before deciding to take part")
    async def decision_text(
        self,
        actor: CurrentActor,
        language: Annotated[str | None, QueryParameter(name="locale")] = None,
        version: FromQuery[int | None] = None,
    ) -> wire.DecisionText:
        words = texts.decision_text(version, language)
        if words is None:
            raise not_found("There is no such version of the words.")
        return words

    @get("/targets", summary="The organisation's target number of days per stage")
    async def stage_targets(self, actor: CurrentActor) -> wire.StageTargets:
        access.require(access.can_read_targets(actor))
        return await targets.get()

    @put("/targets", summary="Set the target number of days per stage (administrators)")
    async def set_stage_targets(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.StageTargetsUpdate],
    ) -> wire.StageTargets:
        access.require(access.can_set_targets(actor), "Administrators set the targets.")
        result, changed = await targets.set_targets(actor, data)
        if changed:
            await audit(
                "stage_targets_changed",
                request=request,
                actor=actor.id,
                detail={
                    stage: "" if days is None else str(days) for stage, days in changed.items()
                },
            )
        return result


class JourneyController(Controller):
    path = "/api/clients/{client_id:str}/journey"
    tags = ["journey"]

    @get("/", summary="The client's episodes of support and the history of their stages")
    async def journey(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.Journey:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        await clients.audit_read(request, actor, "journey_read", record)
        return await history.journey(record.client_id)

    @post(
        "/episodes",
        status_code=HTTP_201_CREATED,
        summary="Intake: open the client's support, with engagement started (idempotent by "
        "localId)",
        responses=replayed(wire.Journey),
    )
    async def open_episode(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.EpisodeCreate],
    ) -> Response[wire.Journey]:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_change_journey(actor, record), STAFF_CHANGE)
        created = await changes.open_new(actor, record.client_id, data)
        if created:
            await audit(
                "episode_opened",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"intakeOn": data.intake_on.isoformat()},
            )
        return created_or_replayed(await history.journey(record.client_id), created)

    @post(
        "/decision",
        status_code=HTTP_201_CREATED,
        summary="Record the client's informed decision to take part (the client, or staff with "
        "them); a second time changes nothing",
        responses=replayed(wire.Journey),
    )
    async def record_decision(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.DecisionCreate],
    ) -> Response[wire.Journey]:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_record_decision(actor, record))
        created = await changes.decide(actor, record.client_id, data)
        if created:
            # Recorded like a consent: who, when, which words in which language.
            await audit(
                "journey_decision",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={
                    "textVersion": data.text_version,
                    "locale": data.locale,
                    "helped": actor.id != record.client_id,
                },
            )
        return created_or_replayed(await history.journey(record.client_id), created)

    @post(
        "/close",
        status_code=HTTP_200_OK,
        summary="Close the client's support with a date and a reason",
    )
    async def close_episode(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.EpisodeClose],
    ) -> wire.Journey:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_change_journey(actor, record), STAFF_CHANGE)
        episode = await changes.close(actor, record.client_id, data)
        await audit(
            "episode_closed",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={
                "episode": episode,
                "closedOn": data.closed_on.isoformat(),
                "reason": data.reason,
                "followUpAgreed": data.follow_up_agreed,
            },
        )
        return await history.journey(record.client_id)

    @post(
        "/episodes/{episode_id:str}/follow-up",
        status_code=HTTP_201_CREATED,
        summary="Record a former client's situation six months after leaving, where they agreed "
        "to be asked (idempotent by localId)",
        responses=replayed(wire.Journey),
    )
    async def record_follow_up(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        episode_id: FromPath[str],
        data: JSONBody[wire.FollowUpCreate],
    ) -> Response[wire.Journey]:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_change_journey(actor, record), STAFF_CHANGE)
        created = await followups.record(actor, record.client_id, episode_id, data)
        if created:
            await audit(
                "follow_up_recorded",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"episode": episode_id, "situation": data.situation},
            )
        return created_or_replayed(await history.journey(record.client_id), created)

    @post(
        "/stages",
        status_code=HTTP_201_CREATED,
        summary="Start a stage on a day (others may go on beside it; idempotent by localId)",
        responses=replayed(wire.Journey),
    )
    async def start_stage(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.StageStart],
    ) -> Response[wire.Journey]:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_change_journey(actor, record), STAFF_CHANGE)
        created = await changes.start_stage(actor, record.client_id, data)
        if created:
            await audit(
                "stage_started",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"stage": data.stage},
            )
        return created_or_replayed(await history.journey(record.client_id), created)

    @post(
        "/stages/{stage_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End a stage on a day",
    )
    async def end_stage(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        stage_id: FromPath[str],
        data: JSONBody[wire.StageEnd],
    ) -> wire.Journey:
        record = await clients.visible_record(actor, client_id, access.can_view_journey)
        access.require(access.can_change_journey(actor, record), STAFF_CHANGE)
        await changes.end_stage(actor, record.client_id, stage_id, data)
        await audit(
            "stage_ended",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"stagePeriod": stage_id},
        )
        return await history.journey(record.client_id)


router = Router(path="/", route_handlers=[DecisionTextController, JourneyController])
