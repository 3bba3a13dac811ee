"""HTTP handlers of field mentors: who may be named, naming one and ending it, a coach's field
mentors, and the coaches one mentors."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import accounts
from backend.audit import record as audit
from backend.competence import access, mentors, reach
from backend.lib.actor import CurrentActor
from backend.lib.errors import not_found
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import competence as wire

PersonQuery = FromQuery[str | None]


class FieldMentorController(Controller):
    path = "/api/competence/field-mentors"
    tags = ["competence"]

    @get("/", summary="A coach's field mentors: the current one first (oneself when omitted)")
    async def list_mentors(
        self, actor: CurrentActor, person: PersonQuery = None
    ) -> list[wire.FieldMentor]:
        found = await reach.person(actor, person)
        return await mentors.of_person(found.id)

    @get(
        "/choices",
        summary="Who may be a coach's field mentor: the team's coordinator, certified coaches",
    )
    async def choices(
        self, actor: CurrentActor, person: FromQuery[str]
    ) -> list[wire.AssessorChoice]:
        found = await reach.person(actor, person)
        access.require(access.can_name_mentor(actor, found))
        return await mentors.choices(found)

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Name a coach's field mentor from today, ending the one before (by localId)",
        responses=replayed(wire.FieldMentor),
    )
    async def name(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.FieldMentorCreate],
    ) -> Response[wire.FieldMentor]:
        found = await reach.person(actor, data.person_id)
        access.require(access.can_name_mentor(actor, found))
        mentoring_id, created = await mentors.name(actor, found, data)
        if created:
            await audit(
                "competence_mentor_named",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"mentoring": mentoring_id, "mentor": data.mentor_id},
            )
        row = await mentors.row_of(mentoring_id)
        assert row is not None
        return created_or_replayed((await mentors.to_wire([row]))[0], created)

    @post(
        "/{mentoring_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End a field mentoring today (again: no change)",
    )
    async def end(
        self, request: Request[Any, Any, Any], actor: CurrentActor, mentoring_id: FromPath[str]
    ) -> wire.FieldMentor:
        access.require(access.is_staff(actor))
        row = await mentors.row_of(mentoring_id)
        owner = await accounts.person(str(row["person"])) if row else None
        if row is None or owner is None or not await reach.sees(actor, owner):
            raise not_found(mentors.NO_MENTORING)
        access.require(access.can_name_mentor(actor, owner))
        if row["ended_on"] is None:
            await mentors.end(row)
            await audit(
                "competence_mentor_ended",
                request=request,
                actor=actor.id,
                subject=owner.id,
                team=owner.team_id,
                detail={"mentoring": str(row["id"])},
            )
        ended = await mentors.row_of(mentoring_id)
        assert ended is not None
        return (await mentors.to_wire([ended]))[0]


class MenteeController(Controller):
    path = "/api/competence/mentees"
    tags = ["competence"]

    @get("/", summary="The coaches one mentors in the field now")
    async def mentees(self, actor: CurrentActor) -> list[wire.FieldMentor]:
        access.require(access.is_staff(actor))
        return await mentors.mentees_of(actor.id)


HANDLERS = [FieldMentorController, MenteeController]
