"""Writing the natural supports of a job's analysis: who at work helps with what, agreed with
the client and with that person, with a day to review it. Each new one carries the phone's
``localId``: the outbox's repeat lands once."""

from __future__ import annotations

from typing import Any

import msgspec

from backend.employers import person_of
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.workplace.services import USED, JobRow, ensure_analysis, today, touch
from backend.workplace.tables import NaturalSupport
from shared_schemas import workplace as wire

NO_SUPPORT = "There is no such support in this analysis."


async def support_row(support_id: str) -> dict[str, Any] | None:
    if as_uuid(support_id) is None:
        return None
    row: dict[str, Any] | None = (
        await NaturalSupport.select(
            *NaturalSupport.all_columns(), NaturalSupport.analysis.job.as_alias("job")
        )
        .where(NaturalSupport.id == as_uuid(support_id))
        .first()
    )
    return row


async def _support_replayed(local_id: str, job: JobRow) -> str | None:
    found = (
        await NaturalSupport.select(NaturalSupport.id, NaturalSupport.analysis.job.as_alias("job"))
        .where(NaturalSupport.client_uuid == as_uuid(local_id))
        .first()
    )
    if found is None:
        return None
    if str(found["job"]) != job.id:
        raise field_error("body.localId", USED, 409, "conflict")
    return str(found["id"])


async def add_support(actor: Actor, job: JobRow, data: wire.SupportCreate) -> tuple[str, bool]:
    """Record who helps with what: the support's id and whether it was recorded now."""
    name, role = " ".join(data.name.split()), data.role.strip()
    person = None
    if data.person_id is not None:
        person = await person_of(data.person_id)
        if person is None or person.employer_id != job.employer_id:
            raise field_error("body.personId", "Choose a person who works at this employer.")
        name, role = name or person.name, role or person.role
    if not name:
        raise field_error("body.name", "Write who helps.")
    if not data.helps_with.strip():
        raise field_error("body.helpsWith", "Write what they help with.")
    if (found := await _support_replayed(data.local_id, job)) is not None:
        return found, False
    analysis = await ensure_analysis(actor, job)
    at = clock.now()
    row = NaturalSupport(
        client_uuid=as_uuid(data.local_id),
        analysis=analysis["id"],
        person=person.id if person else None,
        name=name,
        role=role,
        helps_with=data.helps_with.strip(),
        client_agreed_on=data.client_agreed_on,
        person_agreed_on=data.person_agreed_on,
        review_on=data.review_on,
        created_at=at,
        updated_at=at,
    )
    try:
        await NaturalSupport.insert(row)
    except Exception:
        if (found := await _support_replayed(data.local_id, job)) is not None:
            return found, False
        raise
    await touch(analysis["id"])
    return str(row.id), True


async def update_support(row: dict[str, Any], data: wire.SupportUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.name is not None:
        if not (name := " ".join(data.name.split())):
            raise field_error("body.name", "Write who helps.")
        changes[NaturalSupport.name] = name
    if data.role is not None:
        changes[NaturalSupport.role] = data.role.strip()
    if data.helps_with is not None:
        if not data.helps_with.strip():
            raise field_error("body.helpsWith", "Write what they help with.")
        changes[NaturalSupport.helps_with] = data.helps_with.strip()
    for name, column in (
        ("client_agreed_on", NaturalSupport.client_agreed_on),
        ("person_agreed_on", NaturalSupport.person_agreed_on),
        ("review_on", NaturalSupport.review_on),
    ):
        if (value := getattr(data, name)) is not msgspec.UNSET:
            changes[column] = value
    if changes:
        changes[NaturalSupport.updated_at] = clock.now()
        await NaturalSupport.update(changes).where(NaturalSupport.id == row["id"])
        await touch(row["analysis"])


async def mark_reviewed(row: dict[str, Any], data: wire.SupportReviewed) -> None:
    """Reviewed today: the next review day is the one given (after today), or none. Marked
    again the same day with the same next day, nothing changes."""
    on = today()
    if data.next_review_on is not None and data.next_review_on <= on:
        raise field_error("body.nextReviewOn", "Choose a day after today.")
    await NaturalSupport.update(
        {
            NaturalSupport.reviewed_on: on,
            NaturalSupport.review_on: data.next_review_on,
            NaturalSupport.updated_at: clock.now(),
        }
    ).where(NaturalSupport.id == row["id"])
    await touch(row["analysis"])


async def remove_support(row: dict[str, Any]) -> None:
    await NaturalSupport.delete().where(NaturalSupport.id == row["id"])
    await touch(row["analysis"])
