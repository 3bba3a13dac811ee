"""Field mentors: the coordinator of a coach's team (or an administrator) names a senior colleague
— a coach with a valid certificate, or the team's coordinator — to mentor a coach in the field.
While it runs the mentor reads the coach's record, logs mentoring visits and simulations and
attaches evidence (``access.can_see_person`` and the rules built on it, with ``mentor=True``);
naming another ends it, and so does ending it by hand. The coach sees who mentors them; the
mentor sees the coaches they mentor on their own page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import access, assessment
from backend.competence.tables_path import FieldMentoring
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.sync import insert_once
from shared_schemas import competence as wire

NO_MENTORING = "There is no such field mentor."
HISTORY = 20
"""A coach's field mentors shown: the current one and the latest before it."""


async def mentoring(actor: Actor, person: PersonInfo) -> bool:
    """Whether ``actor`` is ``person``'s field mentor now (one indexed read; none for anyone who
    could not be one)."""
    if actor.id == person.id or actor.role not in {"coach", "coordinator"}:
        return False
    return bool(
        await FieldMentoring.exists().where(
            (FieldMentoring.person == person.id)
            & (FieldMentoring.mentor == actor.id)
            & FieldMentoring.ended_on.is_null()
        )
    )


async def mentoring_on(person_ids: Sequence[str], day: date) -> set[str]:
    """Which of these people mentor a coach in the field on ``day`` (their targets are the
    mentor's: ``matrix.track_of``)."""
    ids = [k for k in (as_uuid(p) for p in person_ids) if k is not None]
    if not ids:
        return set()
    rows = await FieldMentoring.select(FieldMentoring.mentor).where(
        FieldMentoring.mentor.is_in(ids)
        & (FieldMentoring.started_on <= day)
        & (FieldMentoring.ended_on.is_null() | (FieldMentoring.ended_on > day))
    )
    return {str(r["mentor"]) for r in rows}


async def choices(person: PersonInfo) -> list[wire.AssessorChoice]:
    """Whom a coach's field mentor may be: the coordinator of the coach's team, then coaches with
    a valid certificate; never the coach."""
    leaders = [p for p in await accounts.leaders_of(person.team_id) if p.role == "coordinator"]
    certified = await assessment.certified_coaches()
    return [
        wire.AssessorChoice(person_id=p.id, display_name=p.display_name, role=p.role)
        for p in [*leaders, *certified]
        if access.may_mentor(p, person, p in certified)
    ]


async def name(actor: Actor, person: PersonInfo, data: wire.FieldMentorCreate) -> tuple[str, bool]:
    """Name ``data.mentor_id`` the coach's field mentor from today, ending the one before. False
    when this ``localId`` was sent before (nothing changed)."""
    uid = as_uuid(data.local_id)
    owner = {"person": person.id}
    if uid is not None and await FieldMentoring.exists().where(FieldMentoring.client_uuid == uid):
        stored, _ = await insert_once(FieldMentoring, FieldMentoring(client_uuid=uid), owner, data)
        return str(stored["id"]), False
    mentor = await accounts.person(data.mentor_id)
    certified = mentor is not None and mentor.id in await assessment.certified_on(
        [mentor.id], clock.now().date()
    )
    if mentor is None or not access.may_mentor(mentor, person, certified):
        raise field_error(
            "body.mentorId",
            "Choose the team's coordinator or a coach with a valid certificate, not the coach.",
        )
    today = clock.now().date()
    await FieldMentoring.update({FieldMentoring.ended_on: today}).where(
        (FieldMentoring.person == person.id) & FieldMentoring.ended_on.is_null()
    )
    row = FieldMentoring(
        client_uuid=uid,
        person=person.id,
        mentor=mentor.id,
        started_on=today,
        named_by=actor.id,
        created_at=clock.now(),
    )
    stored, created = await insert_once(FieldMentoring, row, owner, data)
    return str(stored["id"]), created


async def row_of(mentoring_id: str) -> dict[str, Any] | None:
    key = as_uuid(mentoring_id)
    if key is None:
        return None
    found: dict[str, Any] | None = (
        await FieldMentoring.select(*FieldMentoring.all_columns())
        .where(FieldMentoring.id == key)
        .first()
    )
    return found


async def end(row: dict[str, Any]) -> None:
    """End a field mentoring today (nothing when it has ended already)."""
    await FieldMentoring.update({FieldMentoring.ended_on: clock.now().date()}).where(
        (FieldMentoring.id == row["id"]) & FieldMentoring.ended_on.is_null()
    )


async def to_wire(rows: list[dict[str, Any]]) -> list[wire.FieldMentor]:
    people = {str(r[k]) for r in rows for k in ("person", "mentor", "named_by") if r[k]}
    names = await accounts.display_names(people) if people else {}
    return [
        wire.FieldMentor(
            id=str(r["id"]),
            person_id=str(r["person"]),
            person_name=names.get(str(r["person"]), ""),
            mentor_id=str(r["mentor"]),
            mentor_name=names.get(str(r["mentor"]), ""),
            started_on=r["started_on"],
            ended_on=r["ended_on"],
            named_by_name=names.get(str(r["named_by"]), "") if r["named_by"] else "",
        )
        for r in rows
    ]


async def of_person(person_id: str) -> list[wire.FieldMentor]:
    """A coach's field mentors: the current one first, then the latest before it."""
    rows = (
        await FieldMentoring.select(*FieldMentoring.all_columns())
        .where(FieldMentoring.person == person_id)
        .order_by(FieldMentoring.created_at, ascending=False)
        .limit(HISTORY)
    )
    rows.sort(key=lambda r: r["ended_on"] is not None)
    return await to_wire(rows)


async def mentees_of(mentor_id: str) -> list[wire.FieldMentor]:
    """The coaches a person mentors now (a mentor has a handful; bounded all the same)."""
    rows = (
        await FieldMentoring.select(*FieldMentoring.all_columns())
        .where((FieldMentoring.mentor == mentor_id) & FieldMentoring.ended_on.is_null())
        .order_by(FieldMentoring.started_on)
        .limit(HISTORY * 5)
    )
    return await to_wire(rows)
