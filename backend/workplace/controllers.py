"""HTTP handlers of the job analysis: the template, a job's analysis (its fields, tasks,
natural supports and photos)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.lib import images, uploads
from backend.lib.actor import Actor, CurrentActor
from backend.lib.downloads import streamed
from backend.lib.errors import field_error, not_found
from backend.lib.openapi_files import PhotoFileOperation, PhotoUploadOperation
from backend.lib.photo_pool import process
from backend.lib.replay import created_or_replayed, replayed
from backend.workplace import access, media, reading, services, supports, templates
from backend.workplace.services import JobRow
from shared_schemas import workplace as wire

IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}
NO_COMPRESSION = {"skip_compression": True}
PHOTO_BODY = images.MAX_BYTES + uploads.OVERHEAD
NO_PHOTO = "There is no such photo."
Number = Annotated[
    int, Parameter(ge=1, le=1_000_000, description="A version's number (1 is the first).")
]


async def _audit(
    request: Request[Any, Any, Any],
    actor: Actor,
    action: str,
    record: clients.ClientRow,
    detail: dict[str, Any] | None = None,
) -> None:
    await audit(
        action,
        request=request,
        actor=actor.id,
        subject=record.client_id,
        team=record.audit_team,
        detail=detail,
    )


async def _editable(actor: Actor, job_id: str) -> tuple[JobRow, clients.ClientRow]:
    job, record = await services.visible_job(actor, job_id)
    access.require(
        access.can_edit_analysis(actor, record), "Your coach writes the analysis of your job."
    )
    return job, record


async def _answer(actor: Actor, job: JobRow, record: clients.ClientRow) -> wire.JobAnalysis:
    return await reading.analysis(job, record, access.sees_notes(actor, record))


async def _task_created(
    request: Request[Any, Any, Any], actor: Actor, record: clients.ClientRow, task_id: str | None
) -> None:
    """A photo task made from the analysis is audited as the tasks domain audits its own."""
    if task_id is not None:
        await _audit(request, actor, "task_created", record, {"task": task_id})


class TemplateController(Controller):
    path = "/api/analysis-templates"
    tags = ["workplace"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Write the next version of the job-analysis template, in all four languages "
        "(administrators)",
    )
    async def add_template(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.AnalysisTemplateCreate],
    ) -> wire.AnalysisTemplate:
        access.require(access.can_edit_template(actor))
        made = await templates.add(data)
        await audit(
            "analysis_template_added",
            request=request,
            actor=actor.id,
            detail={"version": made.version},
        )
        return made

    @get("/{version:int}", summary="One version of the job-analysis template, in four languages")
    async def template(self, actor: CurrentActor, version: Number) -> wire.AnalysisTemplate:
        texts = await templates.texts_of(version)
        if texts is None:
            raise not_found("There is no such version of the template.")
        return templates.to_wire(version, texts)


class AnalysisController(Controller):
    path = "/api/jobs/{job_id:str}/analysis"
    tags = ["workplace"]

    @get(
        "/",
        summary="The job's analysis (empty, started false, until its first write), with the "
        "mismatches between its demands and the client's profile",
    )
    async def get_analysis(
        self, request: Request[Any, Any, Any], actor: CurrentActor, job_id: FromPath[str]
    ) -> wire.JobAnalysis:
        job, record = await services.visible_job(actor, job_id)
        await clients.audit_read(request, actor, "job_analysis_read", record, {"job": job.id})
        return await _answer(actor, job, record)

    @put(
        "/",
        status_code=HTTP_200_OK,
        summary="Change the analysis, made by its first write (idempotent by localId): only the "
        "fields sent change",
    )
    async def write_analysis(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        job_id: FromPath[str],
        data: JSONBody[wire.AnalysisWrite],
    ) -> wire.JobAnalysis:
        job, record = await _editable(actor, job_id)
        if await services.write(actor, job, record, data):
            await _audit(request, actor, "job_analysis_written", record, {"job": job.id})
        return await _answer(actor, job, record)

    @post(
        "/tasks",
        status_code=HTTP_201_CREATED,
        summary="Add a task of the job (idempotent by localId): linked to a photo task of the "
        "client, or with a new photo task made for the job",
        responses=replayed(wire.AnalysisTask),
    )
    async def add_task(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        job_id: FromPath[str],
        data: JSONBody[wire.AnalysisTaskCreate],
    ) -> Response[wire.AnalysisTask]:
        job, record = await _editable(actor, job_id)
        task_id, created, made = await services.add_task(actor, job, record, data)
        await _task_created(request, actor, record, made)
        shown = await _answer(actor, job, record)
        return created_or_replayed(next(t for t in shown.tasks if t.id == task_id), created)

    @post(
        "/supports",
        status_code=HTTP_201_CREATED,
        summary="Record a natural support: who at work helps with what (idempotent by localId)",
        responses=replayed(wire.NaturalSupport),
    )
    async def add_support(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        job_id: FromPath[str],
        data: JSONBody[wire.SupportCreate],
    ) -> Response[wire.NaturalSupport]:
        job, record = await _editable(actor, job_id)
        support_id, created = await supports.add_support(actor, job, data)
        if created:
            await _audit(request, actor, "natural_support_added", record, {"job": job.id})
        shown = await _answer(actor, job, record)
        return created_or_replayed(next(s for s in shown.supports if s.id == support_id), created)

    @post(
        "/photos",
        status_code=HTTP_201_CREATED,
        summary="Add a photo of the workplace (multipart, field file; an optional caption)",
        operation_class=PhotoUploadOperation,
        request_max_body_size=PHOTO_BODY,
    )
    async def add_photo(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        job_id: FromPath[str],
        caption: FromQuery[str] = "",
    ) -> wire.JobAnalysis:
        job, record = await _editable(actor, job_id)
        if len(caption) > 200:
            raise field_error("query.caption", "A caption is 200 characters at most.")
        data = await uploads.read_file(request, images.MAX_BYTES, "photo")
        processed = await process(data)
        del data  # the upload as received is never stored, only what processing made of it
        analysis = await services.ensure_analysis(actor, job)
        await media.add_photo(actor, analysis, caption.strip(), processed)
        return await _answer(actor, job, record)


class AnalysisTaskController(Controller):
    path = "/api/analysis-tasks"
    tags = ["workplace"]

    async def _task(
        self, actor: Actor, task_id: str
    ) -> tuple[dict[str, Any], JobRow, clients.ClientRow]:
        row = await services.task_row(task_id)
        if row is None:
            raise not_found(services.NO_TASK)
        job, record = await _editable(actor, str(row["job"]))
        return row, job, record

    @put("/{task_id:str}", status_code=HTTP_200_OK, summary="Change a task of the analysis")
    async def update_task(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        task_id: FromPath[str],
        data: JSONBody[wire.AnalysisTaskUpdate],
    ) -> wire.AnalysisTask:
        row, job, record = await self._task(actor, task_id)
        made = await services.update_task(actor, row, record, data)
        await _task_created(request, actor, record, made)
        shown = await _answer(actor, job, record)
        return next(t for t in shown.tasks if t.id == str(row["id"]))

    @delete(
        "/{task_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Take a task out of the analysis (its photo task stays)",
    )
    async def remove_task(self, actor: CurrentActor, task_id: FromPath[str]) -> None:
        row, _, _ = await self._task(actor, task_id)
        await services.remove_task(row)


class SupportController(Controller):
    path = "/api/natural-supports"
    tags = ["workplace"]

    async def _support(
        self, actor: Actor, support_id: str
    ) -> tuple[dict[str, Any], JobRow, clients.ClientRow]:
        row = await supports.support_row(support_id)
        if row is None:
            raise not_found(supports.NO_SUPPORT)
        job, record = await _editable(actor, str(row["job"]))
        return row, job, record

    @put(
        "/{support_id:str}",
        status_code=HTTP_200_OK,
        summary="Change a natural support (its dates: agreed, review)",
    )
    async def update_support(
        self, actor: CurrentActor, support_id: FromPath[str], data: JSONBody[wire.SupportUpdate]
    ) -> wire.NaturalSupport:
        row, job, record = await self._support(actor, support_id)
        await supports.update_support(row, data)
        shown = await _answer(actor, job, record)
        return next(s for s in shown.supports if s.id == str(row["id"]))

    @post(
        "/{support_id:str}/reviewed",
        status_code=HTTP_200_OK,
        summary="Mark a natural support reviewed today, with the day of its next review (or none)",
    )
    async def mark_reviewed(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        support_id: FromPath[str],
        data: JSONBody[wire.SupportReviewed],
    ) -> wire.NaturalSupport:
        row, job, record = await self._support(actor, support_id)
        await supports.mark_reviewed(row, data)
        await _audit(
            request,
            actor,
            "natural_support_reviewed",
            record,
            {"job": job.id, "support": row["id"]},
        )
        shown = await _answer(actor, job, record)
        return next(s for s in shown.supports if s.id == str(row["id"]))

    @delete("/{support_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a support")
    async def remove_support(self, actor: CurrentActor, support_id: FromPath[str]) -> None:
        row, _, _ = await self._support(actor, support_id)
        await supports.remove_support(row)


class PhotoController(Controller):
    path = "/api/analysis-photos"
    tags = ["workplace"]

    async def _photo(self, actor: Actor, photo_id: str) -> tuple[dict[str, Any], clients.ClientRow]:
        photo = await media.photo_row(photo_id)
        job = await services.job_of(str(photo["job"])) if photo else None
        record = await clients.record_of(job.client_id) if job else None
        if photo is None or record is None or not access.can_view_analysis(actor, record):
            raise not_found(NO_PHOTO)
        return photo, record

    @delete("/{photo_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Take a photo out")
    async def remove_photo(self, actor: CurrentActor, photo_id: FromPath[str]) -> None:
        photo, record = await self._photo(actor, photo_id)
        access.require(access.can_edit_analysis(actor, record))
        await media.remove_photo(photo)

    @get(
        "/{photo_id:str}/photo/{file_name:str}",
        summary="A photo of the workplace in one size; access checked on every request",
        operation_class=PhotoFileOperation,
        opt=NO_COMPRESSION,
    )
    async def get_photo(
        self, actor: CurrentActor, photo_id: FromPath[str], file_name: FromPath[str]
    ) -> Response[Any]:
        photo, _ = await self._photo(actor, photo_id)
        found = await media.read_photo(photo, file_name)
        if found is None:
            raise not_found(NO_PHOTO)
        content_type, opened = found
        return streamed(opened, content_type, IMMUTABLE)


router = Router(
    path="/",
    route_handlers=[
        TemplateController,
        AnalysisController,
        AnalysisTaskController,
        SupportController,
        PhotoController,
    ],
)
