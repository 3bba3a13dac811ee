"""Evidence from the person's own practice: the records the app proposes (read through the
lower domains' public functions, in a bounded window, never a whole history), and the ones the
person or their mentor attached to an indicator, with a note. Nothing here changes a level: a
level is what a mentoring visit saw, a self-assessment chose or an assessment decided.

What is proposed, and for which indicators (only those the current version has):

- ``profile_approved``: a profile version the person asked a client to approve, approved —
  engagement.profiling (the profile in the client's words, approved by them).
- ``job_analysis``: a job analysis the person made — workplace.task_analysis.
- ``employer_contacts_week``: a week (Monday to Sunday) with employer contacts the person made,
  with their number — jobs.employer_contact.
- ``conversation_held``: a monthly conversation the person held — organisation.reviews.
- ``logged_in_time_week``: a week with activities the person logged within a day of their
  happening, with their number — organisation.planning (logs activities on the same day).
- ``task_mastered``: a client's task the person made (wrote its steps: ``tasks.created_by``)
  that met its mastery criterion — workplace.task_analysis (steps the client can learn),
  workplace.prompting (the least help that works; records progress). Who made the task, not the
  client's coach now or then: the record says who wrote the analysis, not who coached when.
- ``fading_on_plan``: a week in which a fading plan the person made or changed reached one of
  the field's marks (the coach present at most a quarter of the shift, or stable) —
  workplace.prompting (steps back as planned; plans how support will fade),
  workplace.natural_supports (lets co-workers help).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backend import activities, fading, goals, profiles, tasks, workplace
from backend.accounts import PersonInfo, display_names
from backend.competence import framework
from backend.competence.tables_assessment import Evidence
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import competence as wire

WINDOW_DAYS = 183
"""Records of the last six months are proposed (the months before a summative assessment)."""
PER_KIND = 20
"""At most this many records of each kind are proposed, the latest first."""
WEEKS = 12
"""Employer contacts are counted for each of the last twelve weeks."""
FITS: dict[wire.EvidenceKind, list[tuple[str, int]]] = {
    "profile_approved": [("engagement.profiling", 2), ("engagement.profiling", 0)],
    "job_analysis": [("workplace.task_analysis", 0), ("workplace.task_analysis", 1)],
    "employer_contacts_week": [("jobs.employer_contact", 0), ("jobs.employer_contact", 2)],
    "conversation_held": [("organisation.reviews", 1)],
    "logged_in_time_week": [("organisation.planning", 1)],
    "task_mastered": [
        ("workplace.task_analysis", 0),
        ("workplace.prompting", 0),
        ("workplace.prompting", 1),
    ],
    "fading_on_plan": [
        ("workplace.prompting", 2),
        ("workplace.prompting", 1),
        ("workplace.natural_supports", 1),
    ],
}
NO_EVIDENCE = "There is no such evidence."
PAGES = "competence-evidence"


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _fits(kind: wire.EvidenceKind, indicators: dict[str, int]) -> list[wire.EvidenceTarget]:
    return [
        wire.EvidenceTarget(competence=c, indicator=i)
        for c, i in FITS[kind]
        if i < indicators.get(c, 0)
    ]


async def _records(person_id: str, today: date) -> list[tuple[wire.EvidenceKind, str, date, int]]:
    """(kind, source id, day, amount) of the person's own records in the window."""
    start, end = _midnight(today - timedelta(days=WINDOW_DAYS)), _midnight(today + timedelta(1))
    found: list[tuple[wire.EvidenceKind, str, date, int]] = []
    for vid, at in await profiles.approvals_asked_by(person_id, start, end, PER_KIND):
        found.append(("profile_approved", vid, _day(at), 1))
    for aid, at in await workplace.analyses_made_by(person_id, start, end, PER_KIND):
        found.append(("job_analysis", aid, _day(at), 1))
    for tid, at in await tasks.tasks_mastered_by(person_id, start, end, PER_KIND):
        found.append(("task_mastered", tid, _day(at), 1))
    for mark in await fading.marks_reached_by(person_id, start, end, PER_KIND):
        found.append(("fading_on_plan", mark.alert_id, mark.week, 1))
    monday = today - timedelta(days=today.weekday())
    for n in range(WEEKS):
        first = monday - timedelta(weeks=n)
        made = await activities.employer_contact_count(
            [person_id], _midnight(first), _midnight(first + timedelta(weeks=1))
        )
        if made.made:
            found.append(("employer_contacts_week", first.isoformat(), first, made.made))
        in_time, _ = await activities.logged_in_time(
            person_id, _midnight(first), _midnight(first + timedelta(weeks=1))
        )
        if in_time:
            found.append(("logged_in_time_week", first.isoformat(), first, in_time))
    first_day = today - timedelta(days=WINDOW_DAYS)
    for cid, day in await goals.conversations_held_by(person_id, first_day, today, PER_KIND):
        found.append(("conversation_held", cid, day, 1))
    found.sort(key=lambda r: (r[2], r[0], r[1]), reverse=True)
    return found


async def _attached_slots(person_id: str, kinds_ids: set[str]) -> dict[str, list[tuple[str, int]]]:
    if not kinds_ids:
        return {}
    rows = await Evidence.select(
        Evidence.kind, Evidence.source_id, Evidence.competence, Evidence.indicator
    ).where((Evidence.person == person_id) & Evidence.source_id.is_in(sorted(kinds_ids)))
    by: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        by.setdefault(f"{r['kind']}:{r['source_id']}", []).append((r["competence"], r["indicator"]))
    return by


async def suggestions(person: PersonInfo) -> list[wire.EvidenceSuggestion]:
    version = await framework.current()
    indicators = {c["key"]: len(c["indicators"]) for c in framework.competences(version)}
    records = await _records(person.id, clock.now().date())
    attached = await _attached_slots(person.id, {r[1] for r in records})
    return [
        wire.EvidenceSuggestion(
            kind=kind,
            source_id=source,
            occurred_on=day,
            amount=amount,
            fits=_fits(kind, indicators),
            attached=[
                wire.EvidenceTarget(competence=c, indicator=i)
                for c, i in sorted(attached.get(f"{kind}:{source}", []))
            ],
        )
        for kind, source, day, amount in records
    ]


async def attach(actor: Actor, person: PersonInfo, data: wire.EvidenceCreate) -> tuple[str, bool]:
    """Attach one of the proposed records to an indicator; the same record on the same indicator
    is attached once (a repeat answers the one there)."""
    replay = (
        await Evidence.select(Evidence.id)
        .where(Evidence.client_uuid == as_uuid(data.local_id))
        .first()
    )
    if replay is None:
        version = await framework.current()
        indicators = {c["key"]: len(c["indicators"]) for c in framework.competences(version)}
        if data.competence not in indicators:
            raise field_error("body.competence", "This competence is not in the framework.")
        if data.indicator >= indicators[data.competence]:
            raise field_error("body.indicator", "The competence has no such indicator.")
        records = await _records(person.id, clock.now().date())
        match = next((r for r in records if (r[0], r[1]) == (data.kind, data.source_id)), None)
        if match is None:
            raise field_error("body.sourceId", "This is not one of the person's own records.")
        slot = f"{person.id}:{data.competence}:{data.indicator}:{data.kind}:{data.source_id}"
        there = await Evidence.select(Evidence.id).where(Evidence.slot == slot).first()
        if there is not None:
            return str(there["id"]), False
        row = Evidence(
            client_uuid=as_uuid(data.local_id),
            slot=slot,
            person=person.id,
            competence=data.competence,
            indicator=data.indicator,
            kind=data.kind,
            source_id=data.source_id,
            occurred_on=match[2],
            amount=match[3],
            note=data.note.strip(),
            attached_by=actor.id,
            created_at=clock.now(),
        )
    else:
        row = Evidence(client_uuid=as_uuid(data.local_id))
    stored, created = await insert_once(Evidence, row, {"person": person.id}, data)
    return str(stored["id"]), created


async def row_of(evidence_id: str) -> dict[str, Any] | None:
    if as_uuid(evidence_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Evidence.select(*Evidence.all_columns())
        .where(Evidence.id == as_uuid(evidence_id))
        .first()
    )
    return row


async def remove(row: dict[str, Any]) -> None:
    await Evidence.delete().where(Evidence.id == row["id"])


async def to_wire(rows: list[dict[str, Any]]) -> list[wire.Evidence]:
    who = {str(r["attached_by"]) for r in rows if r["attached_by"]}
    names = await display_names(who) if who else {}
    return [
        wire.Evidence(
            id=str(r["id"]),
            person_id=str(r["person"]),
            competence=r["competence"],
            indicator=r["indicator"],
            kind=r["kind"],
            source_id=r["source_id"],
            occurred_on=r["occurred_on"],
            amount=r["amount"],
            note=r["note"],
            attached_by_id=str(r["attached_by"]) if r["attached_by"] else None,
            attached_by_name=names.get(str(r["attached_by"]), ""),
            created_at=r["created_at"],
        )
        for r in rows
    ]


def page(cursor: str | None, limit: int) -> PageRequest:
    """A page of attached evidence: the newest attached first (then by id)."""
    return page_request(PAGES, cursor, limit, datetime, str)


async def of_person(
    person_id: str, competence: str | None, request: PageRequest
) -> tuple[list[wire.Evidence], str | None]:
    where: Any = Evidence.person == person_id
    if competence:
        where &= Evidence.competence == competence
    order = (Evidence.created_at, Evidence.id)
    if (after := after_key(request, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Evidence.select(*Evidence.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(request.fetch),
        request,
        PAGES,
        lambda r: (r["created_at"], str(r["id"])),
    )
    return await to_wire(rows), next_cursor
