"""The pack read: every section's content in a reader's language, the live consents, the
links with their views. Everything here reads; ``services.py`` writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from backend import profiles
from backend.clients import ClientRow
from backend.employers.tables import EmployerPerson, Job
from backend.handover import sources
from backend.handover.sections import LIVE_LINKS_SHOWN, SECTIONS
from backend.handover.tables import HandoverConsent, HandoverLink, HandoverView, HandoverWords
from backend.lib import i18n
from backend.lib.ids import as_uuid
from backend.lib.owned_photos import file_name
from backend.tasks.tables import Step, StepRecord, Task, TrainingSession
from shared_schemas import handover as wire

PhotoUrl = Callable[[str, str, int], str]
"""(photo id, content hash, size) → where the reader's browser gets it."""
MAX_CARDS = 20
SMALL = 320  # the photo size a phone's card shows (the pipeline's smallest)


def api_photo(photo_id: str, content_hash: str, size: int) -> str:
    """The signed-in app's address of a step photo (the preview)."""
    return f"/api/photos/{photo_id}/{file_name(size, content_hash, 'jpg')}"


async def job_row(client_id: str, job_id: str) -> dict[str, Any] | None:
    """The client's job, or None when the job is not theirs."""
    if as_uuid(job_id) is None:
        return None
    return (
        await Job.select(Job.id, Job.title, Job.employer, Job.client)
        .where((Job.id == as_uuid(job_id)) & (Job.client == as_uuid(client_id)))
        .first()
    )


async def consents(job_id: str) -> dict[str, datetime | None]:
    """The live consent of each section: when it was given, None where it is not."""
    rows = (
        await HandoverConsent.select(
            HandoverConsent.section, HandoverConsent.granted, HandoverConsent.at
        )
        .where(HandoverConsent.job == as_uuid(job_id))
        .order_by(HandoverConsent.at, ascending=False)
        .limit(200)  # 8 sections: the latest of each is far within
    )
    live: dict[str, datetime | None] = {}
    for row in rows:
        if row["section"] not in live:
            live[row["section"]] = row["at"] if row["granted"] else None
    return {key: live.get(key) for key in SECTIONS}


async def words_of(job_id: str) -> dict[str, str]:
    rows = await HandoverWords.select(HandoverWords.section, HandoverWords.words).where(
        HandoverWords.job == as_uuid(job_id)
    )
    return {r["section"]: r["words"] for r in rows}


async def task_ids(client_id: str, job_id: str) -> list[str]:
    """The job's photo tasks: those the job analysis links, and the client's own made for it."""
    linked = await sources.task_ids_of(job_id)
    # Until the job analysis links tasks, the client's own tasks made for this job.
    own = await (
        Task.select(Task.id)
        .where(
            (Task.job == as_uuid(job_id))
            & (Task.client == as_uuid(client_id))
            & (Task.is_template.eq(False))
        )
        .order_by(Task.title)
        .limit(MAX_CARDS)
    )
    return list(dict.fromkeys([*linked, *(str(r["id"]) for r in own)]))[:MAX_CARDS]


async def task_titles(client_id: str, job_id: str) -> set[str]:
    """The titles of the job's task cards (a reader's feedback names one)."""
    ids = [as_uuid(t) for t in await task_ids(client_id, job_id)]
    if not ids:
        return set()
    rows = await Task.select(Task.title).where(
        Task.id.is_in(ids) & (Task.client == as_uuid(client_id))
    )
    return {r["title"] for r in rows}


async def _latest_levels(task_id: str) -> dict[str, str]:
    """Each step's prompt level in the task's latest training session (the current level of
    independence), from that one session only."""
    session = (
        await TrainingSession.select(TrainingSession.id)
        .where(TrainingSession.task == as_uuid(task_id))
        .order_by(TrainingSession.started_at, ascending=False)
        .first()
    )
    if session is None:
        return {}
    rows = await StepRecord.select(StepRecord.step, StepRecord.level).where(
        StepRecord.session == session["id"]
    )
    return {str(r["step"]): r["level"] for r in rows}


def _smallest(sizes: Any) -> int:
    known = [s["size"] for s in sizes or [] if isinstance(s, dict) and "size" in s]
    return SMALL if SMALL in known or not known else min(known)


async def cards(
    client_id: str, job_id: str, locale: str, photo_url: PhotoUrl
) -> list[wire.TaskCard]:
    made: list[wire.TaskCard] = []
    for task_id in await task_ids(client_id, job_id):
        task = (
            await Task.select(Task.id, Task.title, Task.client)
            .where(Task.id == as_uuid(task_id))
            .first()
        )
        if task is None or str(task["client"]) != client_id:
            continue
        levels = await _latest_levels(task_id)
        steps = await (
            Step.select(
                Step.id,
                Step.position,
                Step.text,
                Step.photo,
                Step.photo.content_hash.as_alias("photo_hash"),
                Step.photo.sizes.as_alias("photo_sizes"),
            )
            .where(Step.task == task["id"])
            .order_by(Step.position)
            .output(load_json=True)
        )
        card_steps = []
        for s in steps:
            level = levels.get(str(s["id"]))
            photo = (
                photo_url(str(s["photo"]), s["photo_hash"], _smallest(s["photo_sizes"]))
                if s["photo"] is not None and s["photo_hash"]
                else None
            )
            card_steps.append(
                wire.CardStep(
                    position=s["position"],
                    text=s["text"],
                    level=level,
                    level_words=i18n.text(locale, f"handover.level.{level}") if level else "",
                    photo=photo,
                )
            )
        made.append(
            wire.TaskCard(
                id=str(task["id"]),
                title=task["title"],
                steps=card_steps,
                on_own=sum(1 for s in card_steps if s.level == "independent"),
            )
        )
    return made


def _profile_text(profile: profiles.ApprovedProfile | None, key: str) -> list[str]:
    if profile is None:
        return []
    return [s.text for s in profile.sections if s.key == key and s.text.strip()]


async def _lines(
    key: str, record: ClientRow, job_id: str, locale: str, profile: profiles.ApprovedProfile | None
) -> list[str]:
    t = i18n.text
    if key == "about_me":
        return _profile_text(profile, "who_i_am")
    if key == "how_i_learn":
        ladder = [t(locale, f"handover.ladder.{n}") for n in range(1, 6)]
        return [*_profile_text(profile, "how_i_learn"), *ladder]
    if key == "adjustments":
        return await sources.adjustments_of(job_id)
    if key == "who_helps":
        return [
            t(locale, "handover.support", name=s.name, role=s.role, what=s.helps_with)
            for s in await sources.supports_of(job_id)
        ]
    if key == "phone":
        return [t(locale, "handover.phone.why")]
    if key == "coach":
        lines = (
            [t(locale, "handover.coach.name", name=record.coach_name)] if record.coach_name else []
        )
        plan = await sources.plan_of(record.client_id, job_id)
        if plan is not None:
            lines.append(t(locale, "handover.coach.fading"))
            for step in plan.steps:
                day = i18n.format_date(locale, step.in_force_from)
                if step.coach_hours_tenths is not None:
                    hours = f"{step.coach_hours_tenths / 10:g}"
                    lines.append(t(locale, "handover.coach.step_hours", date=day, hours=hours))
                elif step.share_of_shift_percent is not None:
                    percent = step.share_of_shift_percent
                    lines.append(t(locale, "handover.coach.step_share", date=day, percent=percent))
            if plan.stable:
                lines.append(t(locale, "handover.coach.stable"))
        return lines
    return []


async def sections(
    record: ClientRow,
    job_id: str,
    locale: str,
    photo_url: PhotoUrl,
    only_shared: bool,
) -> list[wire.PackSection]:
    """The pack's sections in ``locale``: all of them (the preview) or only those the client
    shares now (a reader's page). A section not shared is never read from the record here."""
    live = await consents(job_id)
    keys = [k for k in SECTIONS if live[k] is not None or not only_shared]
    if not keys:
        return []
    words = await words_of(job_id)
    profile = (
        await profiles.approved_profile(record.client_id, locale)
        if {"about_me", "how_i_learn"} & set(keys)
        else None
    )
    made = []
    for key in keys:
        made.append(
            wire.PackSection(
                key=key,
                heading=i18n.text(locale, f"handover.heading.{key}"),
                words=words.get(key, ""),
                lines=await _lines(key, record, job_id, locale, profile),
                cards=await cards(record.client_id, job_id, locale, photo_url)
                if key == "tasks"
                else [],
                shared=live[key] is not None,
                shared_at=live[key],
            )
        )
    return made


async def links(job_id: str) -> list[wire.PackLink]:
    rows = await (
        HandoverLink.select(*HandoverLink.all_columns())
        .where(HandoverLink.job == as_uuid(job_id))
        .order_by(HandoverLink.created_at, ascending=False)
        .limit(LIVE_LINKS_SHOWN)
    )
    made = []
    for row in rows:
        made.append(await link_of(row))
    return made


async def link_of(row: dict[str, Any]) -> wire.PackLink:
    views = await HandoverView.count().where(HandoverView.link == row["id"])
    last = (
        await HandoverView.select(HandoverView.at)
        .where(HandoverView.link == row["id"])
        .order_by(HandoverView.at, ascending=False)
        .first()
    )
    return wire.PackLink(
        id=str(row["id"]),
        reader_name=row["reader_name"],
        reader_role=row["reader_role"],
        language=row["language"],
        created_at=row["created_at"],
        ended_at=row["ended_at"],
        views=views,
        last_view_at=last["at"] if last else None,
    )


async def people_at(job: dict[str, Any]) -> list[wire.ReaderChoice]:
    """The people at the job's employer (at most 50, by name)."""
    if job["employer"] is None:
        return []
    rows = await (
        EmployerPerson.select(EmployerPerson.id, EmployerPerson.name, EmployerPerson.role)
        .where(EmployerPerson.employer == job["employer"])
        .order_by(EmployerPerson.name)
        .limit(50)
    )
    return [wire.ReaderChoice(id=str(r["id"]), name=r["name"], role=r["role"]) for r in rows]


async def pack(
    record: ClientRow, job: dict[str, Any], locale: i18n.Locale, staff: bool = False
) -> wire.HandoverPack:
    job_id = str(job["id"])
    return wire.HandoverPack(
        client_id=record.client_id,
        job_id=job_id,
        job_title=job["title"],
        language=locale,
        consent_version=1,
        consent_text=i18n.text(locale, "handover.consent"),
        sections=await sections(record, job_id, locale, api_photo, only_shared=False),
        links=await links(job_id),
        people=await people_at(job) if staff else [],
    )
