"""The job analysis as the wire shows it, the mismatches between the job's demands and the
client's profile, and what other domains read of an analysis (the handover pack: who helps,
the agreed adjustments, the photo tasks of the job). Everything here reads."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import msgspec

from backend import profiles, tasks
from backend.accounts import display_names
from backend.clients import ClientRow
from backend.lib.ids import as_uuid
from backend.workplace import media, templates
from backend.workplace.services import JobRow, analysis_row, today
from backend.workplace.tables import AnalysisPhoto, AnalysisTask, JobAnalysis, NaturalSupport
from shared_schemas import shifts as week_wire
from shared_schemas import workplace as wire

NOISE = ("quiet", "moderate", "loud")
PEOPLE = ("alone", "few", "many")
KIND_ORDER = {"core": 0, "occasional": 1, "related": 2}


class SupportRow(msgspec.Struct, frozen=True):
    """A natural support as the handover pack shows it: who, their role, what they help with."""

    name: str
    role: str
    helps_with: str


# --- what other domains read ----------------------------------------------------------------


async def _analysis_id(job_id: str) -> Any:
    if as_uuid(job_id) is None:
        return None
    row = await JobAnalysis.select(JobAnalysis.id).where(JobAnalysis.job == as_uuid(job_id)).first()
    return row["id"] if row else None


async def supports_of(job_id: str) -> list[SupportRow]:
    """Who at work helps the client with what, in the order they were recorded ([] when the
    job has no analysis)."""
    analysis = await _analysis_id(job_id)
    if analysis is None:
        return []
    rows = (
        await NaturalSupport.select(
            NaturalSupport.name, NaturalSupport.role, NaturalSupport.helps_with
        )
        .where(NaturalSupport.analysis == analysis)
        .order_by(NaturalSupport.created_at)
        .order_by(NaturalSupport.id)
    )
    return [SupportRow(name=r["name"], role=r["role"], helps_with=r["helps_with"]) for r in rows]


async def supports_to_review(
    names: Mapping[str, str], until: date
) -> list[week_wire.SupportReview]:
    """The natural supports of these clients (id → name) whose review day is ``until`` or
    earlier, at jobs not ended before it, the earliest review day first (then by client name).
    Marking a support reviewed moves its review day on (or clears it), so overdue here means
    not yet reviewed. One statement over these clients' supports: a page of the week reads no
    other client's."""
    ids = [u for u in (as_uuid(c) for c in names) if u is not None]
    if not ids:
        return []
    job = NaturalSupport.analysis._.job._
    rows = await NaturalSupport.select(
        NaturalSupport.id,
        NaturalSupport.name,
        NaturalSupport.role,
        NaturalSupport.helps_with,
        NaturalSupport.review_on,
        NaturalSupport.analysis.client.as_alias("client"),
        job.id.as_alias("job"),
        job.title.as_alias("job_title"),
    ).where(
        NaturalSupport.analysis.client.is_in(ids)
        & (NaturalSupport.review_on <= until)
        & (job.end_date.is_null() | (job.end_date >= until))
    )
    due = [
        week_wire.SupportReview(
            support_id=str(r["id"]),
            owner_id=str(r["client"]),
            display_name=names[str(r["client"])],
            job_id=str(r["job"]),
            job_title=r["job_title"],
            name=r["name"],
            role=r["role"],
            helps_with=r["helps_with"],
            review_on=r["review_on"],
        )
        for r in rows
    ]
    return sorted(due, key=lambda d: (d.review_on, d.display_name, d.owner_id, d.support_id))


async def adjustments_of(job_id: str) -> list[str]:
    """The adjustments agreed with the employer, one line each ([] when none)."""
    if as_uuid(job_id) is None:
        return []
    row = (
        await JobAnalysis.select(JobAnalysis.adjustments)
        .where(JobAnalysis.job == as_uuid(job_id))
        .first()
        .output(load_json=True)
    )
    return [str(a) for a in (row["adjustments"] or [])] if row else []


async def task_ids_of(job_id: str) -> list[str]:
    """The photo tasks the analysis' tasks open: core tasks first, then occasional, then
    related, each in the analysis' order; a photo task once."""
    analysis = await _analysis_id(job_id)
    if analysis is None:
        return []
    rows = await _task_rows(analysis)
    ordered = sorted(rows, key=lambda r: (KIND_ORDER.get(r["kind"], 3), r["position"]))
    return list(dict.fromkeys(str(r["task"]) for r in ordered if r["task"] is not None))


async def _task_rows(analysis: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await (
        AnalysisTask.select(*AnalysisTask.all_columns())
        .where(AnalysisTask.analysis == analysis)
        .order_by(AnalysisTask.position)
        .order_by(AnalysisTask.created_at)
    )
    return rows


# --- mismatches -----------------------------------------------------------------------------


def mismatches(demands: wire.Demands, needs: dict[str, str]) -> list[wire.Mismatch]:
    """The job's demands beyond the client's needs, each named: louder than they prefer, more
    people around, more hours, a longer way. A level or number not said on either side is no
    mismatch (nothing to compare honestly)."""
    found: list[wire.Mismatch] = []
    for kind, scale, job_level in (
        ("noise", NOISE, demands.noise_level),
        ("people", PEOPLE, demands.people_level),
    ):
        wants = needs.get(f"{kind}Level", "")
        if job_level and wants in scale and scale.index(job_level) > scale.index(wants):
            found.append(wire.Mismatch(kind=kind, job=job_level, wants=wants))  # type: ignore[arg-type]
    for kind, name, number in (
        ("hours", "hoursPerWeek", demands.hours_per_week),
        ("travel", "travelMinutes", demands.travel_minutes),
    ):
        wants = needs.get(name, "")
        if number is not None and wants.isdigit() and number > int(wants):
            found.append(wire.Mismatch(kind=kind, job=str(number), wants=wants))  # type: ignore[arg-type]
    return found


# --- the wire -------------------------------------------------------------------------------


def _task(row: dict[str, Any], refs: dict[str, tasks.TaskRef]) -> wire.AnalysisTask:
    ref = refs.get(str(row["task"])) if row["task"] else None
    return wire.AnalysisTask(
        id=str(row["id"]),
        title=row["title"],
        kind=row["kind"],
        how_often=row["how_often"],
        standard=row["standard"],
        task_id=ref.id if ref else None,
        task_title=ref.title if ref else None,
        taken_from=row["taken_from"],
        agreed_with=row["agreed_with"],
        agreed_on=row["agreed_on"],
    )


def _support(row: dict[str, Any]) -> wire.NaturalSupport:
    review = row["review_on"]
    return wire.NaturalSupport(
        id=str(row["id"]),
        person_id=str(row["person"]) if row["person"] else None,
        name=row["name"],
        role=row["role"],
        helps_with=row["helps_with"],
        client_agreed_on=row["client_agreed_on"],
        person_agreed_on=row["person_agreed_on"],
        review_on=review,
        review_due=review is not None and review <= today(),
        reviewed_on=row["reviewed_on"],
    )


def _photo(row: dict[str, Any]) -> wire.AnalysisPhoto | None:
    sizes = row["photo_sizes"] if isinstance(row["photo_sizes"], list) else []
    shown = media.PHOTOS.to_wire(str(row["id"]), row["photo_hash"], sizes)
    if shown is None:
        return None
    return wire.AnalysisPhoto(id=str(row["id"]), caption=row["caption"], photo=shown)


def _demands(row: dict[str, Any] | None, job: JobRow) -> wire.Demands:
    job_hours = (
        (job.hours_per_week_tenths + 5) // 10 if job.hours_per_week_tenths is not None else None
    )
    if row is None:
        return wire.Demands(hours_per_week=job_hours)
    return wire.Demands(
        noise_level=row["noise_level"] or None,
        people_level=row["people_level"] or None,
        hours_per_week=row["hours_per_week"] if row["hours_per_week"] is not None else job_hours,
        travel_minutes=row["travel_minutes"],
    )


async def analysis(job: JobRow, record: ClientRow, with_notes: bool) -> wire.JobAnalysis:
    row = await analysis_row(job.id)
    names = await display_names({record.client_id})
    demands = _demands(row, job)
    source, needs = await profiles.needs_levels(record.client_id)
    texts = {k: "" for k in templates.FIELD_KEYS}
    task_list: list[wire.AnalysisTask] = []
    supports: list[wire.NaturalSupport] = []
    photos: list[wire.AnalysisPhoto] = []
    if row is not None:
        texts.update({k: v for k, v in (row["texts"] or {}).items() if k in texts})
        task_rows = await _task_rows(row["id"])
        refs = await tasks.task_refs([str(t["task"]) for t in task_rows if t["task"]])
        task_list = [_task(t, refs) for t in task_rows]
        supports = [
            _support(s)
            for s in await NaturalSupport.select(*NaturalSupport.all_columns())
            .where(NaturalSupport.analysis == row["id"])
            .order_by(NaturalSupport.created_at)
            .order_by(NaturalSupport.id)
        ]
        photo_rows = (
            await AnalysisPhoto.select(*AnalysisPhoto.all_columns())
            .where(AnalysisPhoto.analysis == row["id"])
            .order_by(AnalysisPhoto.created_at)
            .output(load_json=True)
        )
        photos = [p for p in (_photo(r) for r in photo_rows) if p]
    return wire.JobAnalysis(
        job_id=job.id,
        client_id=record.client_id,
        client_name=names.get(record.client_id, ""),
        job_title=job.title,
        employer_name=job.employer_name,
        started=row is not None,
        template_version=row["template_version"] if row else await templates.newest_version(),
        revision=row["revision"] if row else 0,
        texts=texts,  # type: ignore[arg-type]  # the keys are the template's fields
        demands=demands,
        glossary=msgspec.convert(row["glossary"] or [], list[wire.GlossaryEntry]) if row else [],
        adjustments=list(row["adjustments"] or []) if row else [],
        notes=(row["notes"] if row and with_notes else ""),
        tasks=task_list,
        supports=supports,
        photos=photos,
        mismatches=mismatches(demands, needs),
        profile_from=source,  # type: ignore[arg-type]  # approved | draft | none
        reviews_due=sum(1 for s in supports if s.review_due),
        updated_at=row["updated_at"] if row else None,
        employer_id=job.employer_id,
    )
