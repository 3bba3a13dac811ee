"""HTTP handlers for the employer register, the people there, and clients' jobs."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import accounts, clients
from backend.audit import record as audit
from backend.employers import access, jobs, minimum_wage, register
from backend.employers.lookups import employer_of, person_of
from backend.employers.rows import EmployerPersonRow, EmployerRow
from backend.lib.actor import Actor, CurrentActor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from shared_schemas import employers as wire

Search = Annotated[
    str | None,
    Parameter(max_length=160, description="Employers whose name holds these words."),
]


def _again(data_container: type[Any]) -> dict[int, ResponseSpec]:
    return {
        HTTP_200_OK: ResponseSpec(
            data_container=data_container,
            description="Already recorded: this localId was sent before.",
            generate_examples=False,
        )
    }


async def _employer(actor: Actor, employer_id: str) -> EmployerRow:
    """The employer, or 404 when there is none or it is outside the actor's register."""
    employer = await employer_of(employer_id) if access.can_use_register(actor) else None
    if employer is None or not access.can_see_employer(actor, employer):
        raise not_found(register.NO_EMPLOYER)
    return employer


async def _person(actor: Actor, person_id: str) -> EmployerPersonRow:
    person = await person_of(person_id) if access.can_use_register(actor) else None
    employer = await employer_of(person.employer_id) if person else None
    if person is None or employer is None or not access.can_edit_employer(actor, employer):
        raise not_found(register.NO_PERSON)
    return person


async def _named_employer(actor: Actor, employer_id: str | None) -> EmployerRow | None:
    """The employer a job names: one of the writer's register, or none."""
    if employer_id is None:
        return None
    employer = await employer_of(employer_id)
    if employer is None or not access.can_see_employer(actor, employer):
        raise field_error("body.employerId", "Choose an employer from your team's register.")
    return employer


async def _job(actor: Actor, job_id: str, *, edit: bool) -> tuple[dict[str, Any], Any]:
    job = await jobs.job_row(job_id)
    record = await clients.record_of(str(job["client"])) if job else None
    if job is None or record is None or not access.can_view_jobs(actor, record):
        raise not_found(jobs.NO_JOB)
    access.require(not edit or access.can_edit_jobs(actor, record))
    return job, record


class EmployersController(Controller):
    path = "/api/employers"
    tags = ["employers"]

    @get(
        "/",
        summary="The team's employer register, by name, a page at a time (search by name)",
        response_headers=LINK,
    )
    async def list_employers(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        q: Search = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.EmployerSummary]]:
        page = register.employers_request(cursor, limit)
        access.require(access.can_use_register(actor))
        return paged(request, *await register.employers_of(actor, q, page))

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Enter an employer in the team's register (idempotent by localId)",
        responses=_again(wire.EmployerDetail),
    )
    async def create_employer(
        self, actor: CurrentActor, data: JSONBody[wire.EmployerCreate]
    ) -> Response[wire.EmployerDetail]:
        access.require(access.can_use_register(actor))
        employer_id, created = await register.create_employer(actor, data)
        employer = await _employer(actor, employer_id)
        return Response(
            await register.employer_detail(employer.id, []),
            status_code=HTTP_201_CREATED if created else HTTP_200_OK,
        )

    @get(
        "/{employer_id:str}",
        summary="An employer: its people, and the jobs there of the clients I may see",
    )
    async def get_employer(
        self, request: Request[Any, Any, Any], actor: CurrentActor, employer_id: FromPath[str]
    ) -> wire.EmployerDetail:
        employer = await _employer(actor, employer_id)
        found = await jobs.jobs_at(employer.id)
        records = await clients.records_of({j.client_id for j in found})
        seen = [
            records[j.client_id]
            for j in found
            if j.client_id in records and access.can_view_jobs(actor, records[j.client_id])
        ]
        for record in {r.client_id: r for r in seen}.values():
            await clients.audit_read(request, actor, "jobs_read", record)
        shown = {r.client_id for r in seen}
        return await register.employer_detail(
            employer.id, [j for j in found if j.client_id in shown]
        )

    @patch("/{employer_id:str}", summary="Change an employer's name, address, sector or notes")
    async def update_employer(
        self, actor: CurrentActor, employer_id: FromPath[str], data: JSONBody[wire.EmployerUpdate]
    ) -> wire.EmployerDetail:
        employer = await _employer(actor, employer_id)
        access.require(access.can_edit_employer(actor, employer))
        await register.update_employer(employer, data)
        return await register.employer_detail(employer.id, [])

    @post(
        "/{employer_id:str}/people",
        status_code=HTTP_201_CREATED,
        summary="Add a person at the employer (idempotent by localId)",
        responses=_again(wire.EmployerPerson),
    )
    async def add_person(
        self,
        actor: CurrentActor,
        employer_id: FromPath[str],
        data: JSONBody[wire.EmployerPersonCreate],
    ) -> Response[wire.EmployerPerson]:
        employer = await _employer(actor, employer_id)
        access.require(access.can_edit_employer(actor, employer))
        person_id, created = await register.add_person(actor, employer, data)
        return Response(
            await register.person_detail(person_id),
            status_code=HTTP_201_CREATED if created else HTTP_200_OK,
        )


class EmployerPeopleController(Controller):
    path = "/api/employer-people"
    tags = ["employers"]

    @patch("/{person_id:str}", summary="Change a person's name, role, phone or e-mail")
    async def update_person(
        self,
        actor: CurrentActor,
        person_id: FromPath[str],
        data: JSONBody[wire.EmployerPersonUpdate],
    ) -> wire.EmployerPerson:
        person = await _person(actor, person_id)
        await register.update_person(person.id, data)
        return await register.person_detail(person.id)

    @delete(
        "/{person_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a person from the register (what is kept about them goes)",
    )
    async def remove_person(self, actor: CurrentActor, person_id: FromPath[str]) -> None:
        person = await _person(actor, person_id)
        await register.remove_person(person.id)

    @post(
        "/{person_id:str}/notice",
        status_code=HTTP_200_OK,
        summary="The person was given the notice for employer contacts, in this version",
    )
    async def notice_given(
        self, actor: CurrentActor, person_id: FromPath[str], data: JSONBody[wire.NoticeGiven]
    ) -> wire.EmployerPerson:
        person = await _person(actor, person_id)
        if data.version not in accounts.NOTICE_VERSIONS:
            raise field_error("body.version", "There is no such version of the notice.")
        await register.notice_given(person.id, data.version, now())
        return await register.person_detail(person.id)


class ClientJobsController(Controller):
    path = "/api/clients/{client_id:str}/jobs"
    tags = ["employers"]

    @get(
        "/",
        summary="A client's jobs (the client: my jobs), the latest start first, a page at a time",
        response_headers=LINK,
    )
    async def list_jobs(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Job]]:
        page = jobs.jobs_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_jobs)
        await clients.audit_read(request, actor, "jobs_read", record)
        return paged(request, *await jobs.jobs_of(record.client_id, page))

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Record a client's job (idempotent by localId)",
        responses=_again(wire.Job),
    )
    async def create_job(
        self, actor: CurrentActor, client_id: FromPath[str], data: JSONBody[wire.JobCreate]
    ) -> Response[wire.Job]:
        record = await clients.visible_record(actor, client_id, access.can_view_jobs)
        access.require(access.can_edit_jobs(actor, record))
        employer = await _named_employer(actor, data.employer_id)
        job_id, created = await jobs.create(actor, record.client_id, employer, data)
        return Response(
            await jobs.detail(job_id), status_code=HTTP_201_CREATED if created else HTTP_200_OK
        )


class JobController(Controller):
    path = "/api/jobs"
    tags = ["employers"]

    @get("/{job_id:str}", summary="A job")
    async def get_job(
        self, request: Request[Any, Any, Any], actor: CurrentActor, job_id: FromPath[str]
    ) -> wire.Job:
        job, record = await _job(actor, job_id, edit=False)
        await clients.audit_read(request, actor, "jobs_read", record)
        return await jobs.detail(job["id"])

    @patch("/{job_id:str}", summary="Change what was recorded about a job")
    async def update_job(
        self, actor: CurrentActor, job_id: FromPath[str], data: JSONBody[wire.JobUpdate]
    ) -> wire.Job:
        job, _ = await _job(actor, job_id, edit=True)
        employer = (
            await _named_employer(actor, data.employer_id)
            if isinstance(data.employer_id, str)
            else None
        )
        await jobs.update(job, employer, data)
        return await jobs.detail(job["id"])

    @post("/{job_id:str}/end", status_code=HTTP_200_OK, summary="End a job: its last day and why")
    async def end_job(
        self, actor: CurrentActor, job_id: FromPath[str], data: JSONBody[wire.JobEnd]
    ) -> wire.Job:
        job, _ = await _job(actor, job_id, edit=True)
        await jobs.end(job, data)
        return await jobs.detail(job["id"])


class MinimumWageController(Controller):
    path = "/api/minimum-wage"
    tags = ["employers"]

    @get("/", summary="The legal minimum hourly wage the administrator set")
    async def minimum_wage(self, actor: CurrentActor) -> wire.MinimumWage:
        access.require(access.can_read_minimum_wage(actor))
        return await minimum_wage.get()

    @put("/", summary="Set the legal minimum hourly wage (administrators)")
    async def set_minimum_wage(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.MinimumWageUpdate],
    ) -> wire.MinimumWage:
        access.require(access.can_set_minimum_wage(actor), "Administrators set the minimum wage.")
        result, changed = await minimum_wage.set_minimum(actor, data)
        if changed:
            await audit(
                "minimum_wage_changed",
                request=request,
                actor=actor.id,
                detail={
                    "hourly_cents": "" if data.hourly_cents is None else str(data.hourly_cents),
                    "currency": data.currency,
                },
            )
        return result


router = Router(
    path="/",
    route_handlers=[
        EmployersController,
        EmployerPeopleController,
        ClientJobsController,
        JobController,
        MinimumWageController,
    ],
)
