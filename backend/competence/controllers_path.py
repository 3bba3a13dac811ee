"""HTTP handlers of the path of a new coach: the onboarding module, training records and their
certificate files, the development plan's goals, simulations, and where people are on the path
(a person's summary, a team's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, RequestBody, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import accounts
from backend.accounts import PersonInfo
from backend.audit import record as audit
from backend.competence import access, path, path_plan, path_training, reach
from backend.lib import images, uploads
from backend.lib.actor import Actor, CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import ProblemError, not_found
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import competence as wire

NO_PERSON = "There is no such person."
PersonQuery = FromQuery[str | None]
CERTIFICATE_BODY = images.MAX_BYTES + uploads.OVERHEAD
NO_CERTIFICATE = "This training record has no certificate file."
NOT_STORED = {"Cache-Control": "private, no-cache"}


def _binary() -> Schema:
    return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)


@dataclass
class CertificateUploadOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            required=True,
            description=(
                "The certificate in the field ``file``: a PDF (10 MB at most), or a photo (JPEG, "
                "PNG, WebP or HEIC, up to 25 MB) re-encoded without metadata."
            ),
            content={
                "multipart/form-data": OpenAPIMediaType(
                    schema=Schema(
                        type=OpenAPIType.OBJECT, properties={"file": _binary()}, required=["file"]
                    )
                )
            },
        )


@dataclass
class CertificateFileOperation(Operation):
    def __post_init__(self) -> None:
        if self.responses is not None:
            self.responses["200"] = OpenAPIResponse(
                description="The certificate: a PDF or a JPEG",
                content={
                    t: OpenAPIMediaType(schema=_binary()) for t in ("application/pdf", "image/jpeg")
                },
            )


async def _person(actor: Actor, person_id: str | None) -> PersonInfo:
    """The person asked about (oneself when omitted), or 404 when out of the reader's reach."""
    return await reach.person(actor, person_id)


async def _writable(actor: Actor, person_id: str | None) -> PersonInfo:
    found = await _person(actor, person_id)
    access.require(access.can_write_path(actor, found))
    return found


async def _training(actor: Actor, training_id: str) -> tuple[dict[str, Any], PersonInfo]:
    access.require(access.is_staff(actor))
    row = await path_training.training_row(training_id)
    if row is None:
        raise not_found(path_training.NO_TRAINING)
    owner = await accounts.person(str(row["person"]))
    if owner is None or not await reach.sees(actor, owner):
        raise not_found(path_training.NO_TRAINING)
    return row, owner


async def _goal(actor: Actor, goal_id: str) -> tuple[dict[str, Any], PersonInfo]:
    access.require(access.is_staff(actor))
    row = await path_plan.goal_row(goal_id)
    if row is None:
        raise not_found(path_plan.NO_GOAL)
    owner = await accounts.person(str(row["person"]))
    if owner is None or not await reach.sees(actor, owner):
        raise not_found(path_plan.NO_GOAL)
    access.require(access.can_write_path(actor, owner))
    return row, owner


class OnboardingController(Controller):
    path = "/api/competence/onboarding"
    tags = ["competence"]

    @get("/", summary="The onboarding module and whether a person finished it (oneself)")
    async def get_onboarding(
        self, actor: CurrentActor, person: PersonQuery = None
    ) -> wire.OnboardingStatus:
        return await path.onboarding_status(await _person(actor, person))

    @post(
        "/",
        status_code=HTTP_200_OK,
        summary="Finish the onboarding module: every check question answered right",
    )
    async def finish_onboarding(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.OnboardingFinish],
    ) -> wire.OnboardingStatus:
        access.require(access.is_staff(actor))
        found = await accounts.person(actor.id)
        if found is None or not access.can_do_onboarding(actor, found):
            raise ProblemError(403, access.NOT_YOURS)
        if await path.finish_onboarding(found, data):
            await audit(
                "competence_onboarding_finished",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"version": data.version},
            )
        return await path.onboarding_status(found)


class TrainingController(Controller):
    path = "/api/competence/trainings"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Add a training record (one's own, or of a coach of one's team; by localId)",
        responses=replayed(wire.TrainingRecord),
    )
    async def add_training(
        self, actor: CurrentActor, data: JSONBody[wire.TrainingRecordCreate]
    ) -> Response[wire.TrainingRecord]:
        found = await _writable(actor, data.person_id)
        training_id, created = await path_training.add_training(actor, found, data)
        row = await path_training.training_row(training_id)
        assert row is not None
        return created_or_replayed((await path_training.trainings_wire([row]))[0], created)

    @get(
        "/",
        summary="A person's training records, the latest course first (oneself when omitted)",
        response_headers=LINK,
    )
    async def list_trainings(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: PersonQuery = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.TrainingRecord]]:
        page = path_training.trainings_request(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await path_training.trainings_of(found.id, page))

    @delete(
        "/{training_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a training record and its certificate file (whoever may add one)",
    )
    async def remove_training(
        self, request: Request[Any, Any, Any], actor: CurrentActor, training_id: FromPath[str]
    ) -> None:
        row, owner = await _training(actor, training_id)
        access.require(access.can_write_path(actor, owner))
        await path_training.remove_training(row)
        await audit(
            "competence_training_removed",
            request=request,
            actor=actor.id,
            subject=owner.id,
            team=owner.team_id,
            detail={"training": str(row["id"])},
        )

    @post(
        "/{training_id:str}/certificate",
        status_code=HTTP_200_OK,
        summary="Attach the certificate file (multipart, field file: a PDF or a photo)",
        operation_class=CertificateUploadOperation,
        request_max_body_size=CERTIFICATE_BODY,
    )
    async def attach_certificate(
        self, request: Request[Any, Any, Any], actor: CurrentActor, training_id: FromPath[str]
    ) -> wire.TrainingRecord:
        row, owner = await _training(actor, training_id)
        access.require(access.can_write_path(actor, owner))
        data = await uploads.read_file(request, images.MAX_BYTES, "certificate")
        await path_training.attach_certificate(row, data)
        del data
        fresh = await path_training.training_row(training_id)
        assert fresh is not None
        return (await path_training.trainings_wire([fresh]))[0]

    @get(
        "/{training_id:str}/certificate",
        summary="The certificate file of a training record",
        operation_class=CertificateFileOperation,
        opt={"skip_compression": True},
    )
    async def get_certificate(
        self, actor: CurrentActor, training_id: FromPath[str]
    ) -> Response[Any]:
        row, _ = await _training(actor, training_id)
        found = await path_training.read_certificate(row)
        if found is None:
            raise not_found(NO_CERTIFICATE)
        content_type, opened = found
        return streamed(opened, content_type, NOT_STORED)


class PlanController(Controller):
    path = "/api/competence/plan-goals"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Propose a goal of a development plan (at most three open; by localId)",
        responses=replayed(wire.PlanGoal),
    )
    async def propose_goal(
        self, actor: CurrentActor, data: JSONBody[wire.PlanGoalCreate]
    ) -> Response[wire.PlanGoal]:
        found = await _writable(actor, data.person_id)
        goal_id, created = await path_plan.propose_goal(actor, found, data)
        row = await path_plan.goal_row(goal_id)
        assert row is not None
        return created_or_replayed((await path_plan.goals_wire(actor, [row]))[0], created)

    @get(
        "/",
        summary="A person's plan goals, the newest first (oneself when omitted), by pages",
        response_headers=LINK,
    )
    async def list_goals(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: PersonQuery = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.PlanGoal]]:
        page = path_plan.goals_request(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await path_plan.goals_of(actor, found.id, page))

    @post(
        "/{goal_id:str}/agree",
        status_code=HTTP_200_OK,
        summary="Agree to a goal the other side proposed (the person, or their coordinator)",
    )
    async def agree_goal(self, actor: CurrentActor, goal_id: FromPath[str]) -> wire.PlanGoal:
        row, _ = await _goal(actor, goal_id)
        await path_plan.agree_goal(actor, row)
        fresh = await path_plan.goal_row(goal_id)
        assert fresh is not None
        return (await path_plan.goals_wire(actor, [fresh]))[0]

    @put(
        "/{goal_id:str}/progress",
        summary="Rate a goal's progress (−2 … +2) with a note; close it when it is over",
    )
    async def rate_goal(
        self, actor: CurrentActor, goal_id: FromPath[str], data: JSONBody[wire.PlanGoalProgress]
    ) -> wire.PlanGoal:
        row, _ = await _goal(actor, goal_id)
        await path_plan.rate_goal(row, data)
        fresh = await path_plan.goal_row(goal_id)
        assert fresh is not None
        return (await path_plan.goals_wire(actor, [fresh]))[0]


class SimulationController(Controller):
    path = "/api/competence/simulations"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Log a simulation a coach practised (idempotent by localId)",
        responses=replayed(wire.Simulation),
    )
    async def log_simulation(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.SimulationCreate],
    ) -> Response[wire.Simulation]:
        found = await _person(actor, data.person_id)
        access.require(access.can_log_simulation(actor, found, await reach.mentor_of(actor, found)))
        simulation_id, created = await path_plan.log_simulation(actor, found, data)
        if created:
            await audit(
                "competence_simulation_logged",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"simulation": simulation_id},
            )
        rows = await path_plan.simulation_rows([simulation_id])
        return created_or_replayed((await path_plan.simulations_wire(rows))[0], created)

    @get(
        "/",
        summary="A person's simulations, the latest first (oneself when omitted), by pages",
        response_headers=LINK,
    )
    async def list_simulations(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: PersonQuery = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Simulation]]:
        page = path_plan.simulations_request(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await path_plan.simulations_of(found.id, page))


class PathController(Controller):
    path = "/api/competence"
    tags = ["competence"]

    @get("/path", summary="Where a person is on the path: provisional, certificates, the plan")
    async def get_path(self, actor: CurrentActor, person: PersonQuery = None) -> wire.PathSummary:
        found = await _person(actor, person)
        return (await path.summaries(actor, [found]))[0]

    @get("/team-path", summary="A team's coaches on the path: provisional, expiring certificates")
    async def get_team_path(self, actor: CurrentActor, team: PersonQuery = None) -> wire.TeamPath:
        access.require(access.is_staff(actor))
        team_id = team or actor.team_id
        access.require(access.can_see_team(actor, team_id), access.OUT_OF_REACH)
        assert team_id is not None
        if not await accounts.team_names(team_id):
            raise not_found("There is no such team.")
        coaches = await accounts.coaches_of(team_id)
        return wire.TeamPath(team_id=team_id, people=await path.summaries(actor, coaches))


HANDLERS = [
    OnboardingController,
    TrainingController,
    PlanController,
    SimulationController,
    PathController,
]
