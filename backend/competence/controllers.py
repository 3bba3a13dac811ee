"""HTTP handlers of staff competence: the framework's versions, self-assessments, field-mentoring
visits, a person's record and a team's matrix."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import accounts
from backend.accounts import PersonInfo
from backend.audit import record as audit
from backend.competence import access, framework, framework_edit, matrix, reach, services
from backend.competence.controllers_assessment import CONTROLLERS as ASSESSMENT_CONTROLLERS
from backend.competence.controllers_mentors import HANDLERS as MENTOR_HANDLERS
from backend.competence.controllers_path import HANDLERS as PATH_HANDLERS
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import not_found
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import competence as wire

NO_PERSON = "There is no such person."
PersonQuery = FromQuery[str | None]


async def _person(actor: Actor, person_id: str | None) -> PersonInfo:
    """The person asked about (oneself when omitted), or 404 when out of the reader's reach."""
    return await reach.person(actor, person_id)


async def _framework(framework_id: str) -> dict[str, Any]:
    row = await framework.row_of(framework_id)
    if row is None:
        raise not_found(framework.NO_FRAMEWORK)
    return row


async def _assessment(actor: Actor, assessment_id: str) -> dict[str, Any]:
    access.require(access.is_staff(actor))
    row = await services.assessment_row(assessment_id)
    if row is None:
        raise not_found(services.NO_ASSESSMENT)
    owner = await accounts.person(str(row["person"]))
    if owner is None or not await reach.sees(actor, owner):
        raise not_found(services.NO_ASSESSMENT)
    return row


async def _one_assessment(assessment_id: str) -> wire.SelfAssessment:
    row = await services.assessment_row(assessment_id)
    assert row is not None
    return (await services.assessments_wire([row]))[0]


async def _names(rows: list[dict[str, Any]]) -> dict[str, str]:
    mentors = {str(r["mentor"]) for r in rows if r["mentor"]}
    return await accounts.display_names(mentors) if mentors else {}


class FrameworkController(Controller):
    path = "/api/competence/frameworks"
    tags = ["competence"]

    @get("/", summary="Versions of the competence framework, newest first (staff)")
    async def list_versions(self, actor: CurrentActor) -> list[wire.FrameworkSummary]:
        access.require(access.is_staff(actor))
        return await framework.versions()

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Copy a version into a new draft (administrators and coordinators)",
    )
    async def new_draft(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.FrameworkCreate],
    ) -> wire.Framework:
        access.require(access.can_edit_framework(actor))
        framework_id = await framework_edit.new_draft(actor, data.from_version)
        await audit("competence_framework_drafted", request=request, actor=actor.id)
        return framework.to_wire(await _framework(framework_id))

    @get(
        "/{framework_id:str}",
        summary="A version in every language (``current``: the newest published one)",
    )
    async def get_version(self, actor: CurrentActor, framework_id: FromPath[str]) -> wire.Framework:
        access.require(access.is_staff(actor))
        return framework.to_wire(await _framework(framework_id))

    @put("/{framework_id:str}", summary="Edit a draft's words, indicators and targets")
    async def edit_draft(
        self, actor: CurrentActor, framework_id: FromPath[str], data: JSONBody[wire.FrameworkEdit]
    ) -> wire.Framework:
        access.require(access.can_edit_framework(actor))
        row = await _framework(framework_id)
        await framework_edit.edit(row, data)
        return framework.to_wire(await _framework(framework_id))

    @post(
        "/{framework_id:str}/publish",
        status_code=HTTP_200_OK,
        summary="Put a draft into use (every text in every language); older versions stay",
    )
    async def publish(
        self, request: Request[Any, Any, Any], actor: CurrentActor, framework_id: FromPath[str]
    ) -> wire.Framework:
        access.require(access.can_edit_framework(actor))
        row = await _framework(framework_id)
        await framework_edit.publish(row)
        await audit(
            "competence_framework_published",
            request=request,
            actor=actor.id,
            detail={"version": row["version"]},
        )
        return framework.to_wire(await _framework(framework_id))


class SelfAssessmentController(Controller):
    path = "/api/competence/self-assessments"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Start my self-assessment with the current framework (idempotent by localId)",
        responses=replayed(wire.SelfAssessment),
    )
    async def start(
        self, actor: CurrentActor, data: JSONBody[wire.SelfAssessmentCreate]
    ) -> Response[wire.SelfAssessment]:
        access.require(access.can_self_assess(actor))
        assessment_id, created = await services.start(actor, data)
        return created_or_replayed(await _one_assessment(assessment_id), created)

    @get(
        "/",
        summary="A person's self-assessments, newest first (oneself when omitted), by pages",
        response_headers=LINK,
    )
    async def list_assessments(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: PersonQuery = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.SelfAssessment]]:
        page = services.assessments_request(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await services.assessments_of(found.id, page))

    @get("/{assessment_id:str}", summary="A self-assessment with its ratings")
    async def get_assessment(
        self, actor: CurrentActor, assessment_id: FromPath[str]
    ) -> wire.SelfAssessment:
        row = await _assessment(actor, assessment_id)
        return await _one_assessment(str(row["id"]))

    @put(
        "/{assessment_id:str}/ratings/{competence:str}",
        summary="My level and note for one competence (saved again on every change)",
    )
    async def rate(
        self,
        actor: CurrentActor,
        assessment_id: FromPath[str],
        competence: FromPath[str],
        data: JSONBody[wire.RatingSet],
    ) -> wire.SelfAssessment:
        row = await _assessment(actor, assessment_id)
        access.require(str(row["person"]) == actor.id, access.NOT_YOURS)
        await services.rate(row, competence, data)
        return await _one_assessment(str(row["id"]))

    @post(
        "/{assessment_id:str}/finish",
        status_code=HTTP_200_OK,
        summary="Finish my self-assessment: kept as it is, with its framework version",
    )
    async def finish(
        self, actor: CurrentActor, assessment_id: FromPath[str]
    ) -> wire.SelfAssessment:
        row = await _assessment(actor, assessment_id)
        access.require(str(row["person"]) == actor.id, access.NOT_YOURS)
        await services.finish(row)
        return await _one_assessment(str(row["id"]))


class VisitController(Controller):
    path = "/api/competence/visits"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Log a field-mentoring visit of a coach (idempotent by localId)",
        responses=replayed(wire.MentoringVisit),
    )
    async def log_visit(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.MentoringVisitCreate],
    ) -> Response[wire.MentoringVisit]:
        found = await _person(actor, data.person_id)
        access.require(access.can_log_visit(actor, found, await reach.mentor_of(actor, found)))
        visit_id, created = await services.log_visit(actor, found, data)
        if created:
            await audit(
                "competence_visit_logged",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"visit": visit_id},
            )
        rows = await services.visit_rows([visit_id])
        return created_or_replayed(
            (await services.visits_wire(rows, await _names(rows)))[0], created
        )

    @get(
        "/",
        summary="A person's mentoring visits, latest first (oneself when omitted), by pages",
        response_headers=LINK,
    )
    async def list_visits(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: PersonQuery = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.MentoringVisit]]:
        page = services.visits_request(cursor, limit)
        found = await _person(actor, person)
        rows, next_cursor = await services.visits_of(found.id, page)
        return paged(request, await services.visits_wire(rows, await _names(rows)), next_cursor)


class RecordController(Controller):
    path = "/api/competence"
    tags = ["competence"]

    @get("/record", summary="A person's competence record (oneself when omitted)")
    async def get_record(self, actor: CurrentActor, person: PersonQuery = None) -> wire.Record:
        found = await _person(actor, person)
        return await matrix.record(found)

    @get("/matrix", summary="A team's people × competences: target against current")
    async def get_matrix(self, actor: CurrentActor, team: PersonQuery = None) -> wire.Matrix:
        access.require(access.is_staff(actor))
        team_id = team or actor.team_id
        access.require(access.can_see_team(actor, team_id), access.OUT_OF_REACH)
        assert team_id is not None
        if not await accounts.team_names(team_id):
            raise not_found("There is no such team.")
        return await matrix.matrix(team_id)


router = Router(
    path="/",
    route_handlers=[
        FrameworkController,
        SelfAssessmentController,
        VisitController,
        RecordController,
        *PATH_HANDLERS,
        *ASSESSMENT_CONTROLLERS,
        *MENTOR_HANDLERS,
    ],
)
