"""Writing the job analysis: the analysis itself (made by its first write) and its tasks (each
may open a photo task, a new one made for the job). Each write carries the phone's ``localId``:
a write the outbox sends again finds its first landing. With ``supports.py`` (the natural
supports) and ``media.py`` (photos), the only writer of the domain's tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec

from backend import clients, tasks
from backend.clients import ClientRow
from backend.employers.tables import Job
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error, not_found
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.workplace import access, templates
from backend.workplace.events import JobAnalysed
from backend.workplace.tables import AnalysisEdit, AnalysisTask, JobAnalysis
from shared_schemas import workplace as wire

NO_JOB = "There is no such job in your reach."
NO_TASK = "There is no such task in this analysis."
USED = "This id was already used for something else. Make a new one."


@dataclass(frozen=True, slots=True)
class JobRow:
    id: str
    client_id: str
    title: str
    employer_id: str | None
    employer_name: str
    hours_per_week_tenths: int | None


def today() -> date:
    """The organisation's date: review days are days, not instants (UTC, as goals do)."""
    return clock.now().date()


async def job_of(job_id: str) -> JobRow | None:
    if as_uuid(job_id) is None:
        return None
    row = (
        await Job.select(
            Job.id,
            Job.client,
            Job.title,
            Job.employer,
            Job.employer.name.as_alias("employer_name"),
            Job.hours_per_week_tenths,
        )
        .where(Job.id == as_uuid(job_id))
        .first()
    )
    if row is None:
        return None
    return JobRow(
        id=str(row["id"]),
        client_id=str(row["client"]),
        title=row["title"],
        employer_id=str(row["employer"]) if row["employer"] else None,
        employer_name=row["employer_name"] or "",
        hours_per_week_tenths=row["hours_per_week_tenths"],
    )


async def visible_job(actor: Actor, job_id: str) -> tuple[JobRow, ClientRow]:
    """The job and its client's record, or 404 when the actor may not read its analysis."""
    job = await job_of(job_id)
    record = await clients.record_of(job.client_id) if job else None
    if job is None or record is None or not access.can_view_analysis(actor, record):
        raise not_found(NO_JOB)
    return job, record


async def analysis_row(job_id: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await JobAnalysis.select(*JobAnalysis.all_columns())
        .where(JobAnalysis.job == as_uuid(job_id))
        .first()
        .output(load_json=True)
    )
    return row


async def ensure_analysis(actor: Actor, job: JobRow) -> dict[str, Any]:
    """The job's analysis, made (and ``JobAnalysed`` told) by the first write."""
    if (found := await analysis_row(job.id)) is not None:
        return found
    at = clock.now()
    made = JobAnalysis(
        job=job.id,
        client=job.client_id,
        template_version=await templates.newest_version(),
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    try:
        async with JobAnalysis._meta.db.transaction():
            await JobAnalysis.insert(made)
            await emit(JobAnalysed(str(made.id), job.id, job.client_id, actor.id, at))
    except Exception:  # another phone made it at the same moment (unique job)
        if (found := await analysis_row(job.id)) is None:
            raise
        return found
    row = await analysis_row(job.id)
    assert row is not None
    return row


# --- the analysis ---------------------------------------------------------------------------


async def _edit_replayed(local_id: str, job: JobRow) -> bool:
    found = (
        await AnalysisEdit.select(AnalysisEdit.analysis.job.as_alias("job"))
        .where(AnalysisEdit.client_uuid == as_uuid(local_id))
        .first()
    )
    if found is None:
        return False
    if str(found["job"]) != job.id:
        raise field_error("body.localId", USED, 409, "conflict")
    return True


def _changes(row: dict[str, Any], data: wire.AnalysisWrite) -> dict[Any, Any]:
    changes: dict[Any, Any] = {}
    if data.texts is not None:
        texts = dict(row["texts"] or {})
        texts.update({k: v.strip() for k, v in data.texts.items()})
        changes[JobAnalysis.texts] = texts
    if data.demands is not None:
        d = data.demands
        if d.noise_level is not msgspec.UNSET:
            changes[JobAnalysis.noise_level] = d.noise_level or ""
        if d.people_level is not msgspec.UNSET:
            changes[JobAnalysis.people_level] = d.people_level or ""
        if d.hours_per_week is not msgspec.UNSET:
            changes[JobAnalysis.hours_per_week] = d.hours_per_week
        if d.travel_minutes is not msgspec.UNSET:
            changes[JobAnalysis.travel_minutes] = d.travel_minutes
    if data.glossary is not None:
        changes[JobAnalysis.glossary] = [
            {"term": g.term.strip(), "meaning": g.meaning.strip()}
            for g in data.glossary
            if g.term.strip()
        ]
    if data.adjustments is not None:
        changes[JobAnalysis.adjustments] = [a.strip() for a in data.adjustments if a.strip()]
    if data.notes is not None:
        changes[JobAnalysis.notes] = data.notes.strip()
    return changes


async def write(actor: Actor, job: JobRow, record: ClientRow, data: wire.AnalysisWrite) -> bool:
    """Apply a write to the analysis (made the first time): True when it landed now, False when
    it had landed before (a repeat). The latest write of a field wins."""
    if data.glossary is not None:
        for i, g in enumerate(data.glossary):
            if not g.term.strip():
                raise field_error(f"body.glossary[{i}].term", "Write the word.")
    if await _edit_replayed(data.local_id, job):
        return False
    row = await ensure_analysis(actor, job)
    changes = _changes(row, data)
    at = clock.now()
    try:
        async with JobAnalysis._meta.db.transaction():
            await AnalysisEdit.insert(
                AnalysisEdit(
                    client_uuid=as_uuid(data.local_id), analysis=row["id"], author=actor.id, at=at
                )
            )
            changes[JobAnalysis.revision] = JobAnalysis.revision + 1
            changes[JobAnalysis.updated_at] = at
            await JobAnalysis.update(changes).where(JobAnalysis.id == row["id"])
    except Exception:
        if await _edit_replayed(data.local_id, job):
            return False
        raise
    return True


async def touch(analysis_id: Any) -> None:
    await JobAnalysis.update(
        {JobAnalysis.updated_at: clock.now(), JobAnalysis.revision: JobAnalysis.revision + 1}
    ).where(JobAnalysis.id == analysis_id)


# --- the tasks ------------------------------------------------------------------------------


async def _linkable(record: ClientRow, task_id: str, field: str) -> str:
    """A photo task of the same client (422 naming ``field`` otherwise)."""
    ref = (await tasks.task_refs([task_id])).get(str(as_uuid(task_id)))
    if ref is None or ref.client_id != record.client_id:
        raise field_error(field, "Choose one of the client's photo tasks.")
    return ref.id


async def task_row(task_id: str) -> dict[str, Any] | None:
    if as_uuid(task_id) is None:
        return None
    row: dict[str, Any] | None = (
        await AnalysisTask.select(
            *AnalysisTask.all_columns(), AnalysisTask.analysis.job.as_alias("job")
        )
        .where(AnalysisTask.id == as_uuid(task_id))
        .first()
    )
    return row


async def _task_replayed(local_id: str, job: JobRow) -> str | None:
    found = (
        await AnalysisTask.select(AnalysisTask.id, AnalysisTask.analysis.job.as_alias("job"))
        .where(AnalysisTask.client_uuid == as_uuid(local_id))
        .first()
    )
    if found is None:
        return None
    if str(found["job"]) != job.id:
        raise field_error("body.localId", USED, 409, "conflict")
    return str(found["id"])


async def add_task(
    actor: Actor, job: JobRow, record: ClientRow, data: wire.AnalysisTaskCreate
) -> tuple[str, bool, str | None]:
    """The analysis' new task: its id, whether it was added now (not a repeat), and the id of a
    photo task made for it now (None when none was made: linked, not asked, or a repeat)."""
    title = " ".join(data.title.split())
    if not title:
        raise field_error("body.title", "Write the task.")
    if data.link_task_id and data.new_photo_task:
        raise field_error("body.newPhotoTask", "Link a photo task or make a new one, not both.")
    if (found := await _task_replayed(data.local_id, job)) is not None:
        return found, False, None
    linked = None
    if data.link_task_id:
        linked = await _linkable(record, data.link_task_id, "body.linkTaskId")
    analysis = await ensure_analysis(actor, job)
    position = await AnalysisTask.count().where(AnalysisTask.analysis == analysis["id"])
    made: str | None = None
    try:
        async with AnalysisTask._meta.db.transaction():
            if data.new_photo_task:
                made = linked = await tasks.make_job_task(actor, record.client_id, job.id, title)
            row = AnalysisTask(
                client_uuid=as_uuid(data.local_id),
                analysis=analysis["id"],
                position=position,
                title=title,
                kind=data.kind,
                how_often=data.how_often.strip(),
                standard=data.standard.strip(),
                task=linked,
                taken_from=data.taken_from.strip(),
                agreed_with=data.agreed_with.strip(),
                agreed_on=data.agreed_on,
                created_at=clock.now(),
            )
            await AnalysisTask.insert(row)
            await touch(analysis["id"])
    except Exception:
        if (found := await _task_replayed(data.local_id, job)) is not None:
            return found, False, None
        raise
    return str(row.id), True, made


async def update_task(
    actor: Actor, row: dict[str, Any], record: ClientRow, data: wire.AnalysisTaskUpdate
) -> str | None:
    """Change a task of the analysis; the id of a photo task made for it now, if one was."""
    changes: dict[Any, Any] = {}
    if data.title is not None:
        title = " ".join(data.title.split())
        if not title:
            raise field_error("body.title", "Write the task.")
        changes[AnalysisTask.title] = title
    if data.kind is not None:
        changes[AnalysisTask.kind] = data.kind
    for name, column in (
        ("how_often", AnalysisTask.how_often),
        ("standard", AnalysisTask.standard),
        ("taken_from", AnalysisTask.taken_from),
        ("agreed_with", AnalysisTask.agreed_with),
    ):
        if (value := getattr(data, name)) is not None:
            changes[column] = value.strip()
    if data.agreed_on is not msgspec.UNSET:
        changes[AnalysisTask.agreed_on] = data.agreed_on
    if data.new_photo_task and data.link_task_id not in (msgspec.UNSET, None):
        raise field_error("body.newPhotoTask", "Link a photo task or make a new one, not both.")
    if data.link_task_id is None:
        changes[AnalysisTask.task] = None
    elif isinstance(data.link_task_id, str):
        changes[AnalysisTask.task] = await _linkable(record, data.link_task_id, "body.linkTaskId")
    made: str | None = None
    async with AnalysisTask._meta.db.transaction():
        if data.new_photo_task and row["task"] is None:
            title = changes.get(AnalysisTask.title, row["title"])
            made = await tasks.make_job_task(actor, record.client_id, str(row["job"]), title)
            changes[AnalysisTask.task] = made
        if changes:
            await AnalysisTask.update(changes).where(AnalysisTask.id == row["id"])
            await touch(row["analysis"])
    return made


async def remove_task(row: dict[str, Any]) -> None:
    """Out of the analysis; the photo task it opened stays (the training is the client's)."""
    await AnalysisTask.delete().where(AnalysisTask.id == row["id"])
    await touch(row["analysis"])
