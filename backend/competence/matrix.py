"""Target against current, per person and competence (reads only).

- **Track** (whose targets apply): a coordinator's are the coordinator's; a coach with a valid
  certificate (a signed summative assessment's, ``assessment.py``) is held to the certified
  coach's targets, any other coach to the new coach's (month 6) — however long they have served.
- **Current**: the level the latest signed summative assessment decided (source ``assessment``)
  or the latest field-mentoring visit saw (``visit``), whichever is later (the assessment on the
  same day), else the level of the latest finished self-assessment (``self``), else none; with
  that day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import assessment, framework, mentors, services
from backend.competence.tables import MentoringVisit, SelfAssessment, SelfRating
from backend.lib import clock
from shared_schemas import competence as wire

VISITS_READ = 60
"""How many of a person's latest visits the current levels are read from (a visit a month is
five years): the matrix never reads a whole history."""


def months_between(start: datetime, end: datetime) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def track_of(person: PersonInfo, certified: bool, mentoring: bool = False) -> wire.TrackKey:
    """Whose targets a person is held to: a coordinator's; a certified coach who mentors a coach
    in the field, a mentor's; a certified coach's; else a new coach's by month of service."""
    if person.role == "coordinator":
        return "coordinator"
    if certified and mentoring:
        return "mentor"
    return "certifiedCoach" if certified else "newCoach"


async def _latest_from_visits(person_id: str) -> dict[str, tuple[int, Any]]:
    rows = (
        await MentoringVisit.select(MentoringVisit.visited_on, MentoringVisit.seen)
        .where(MentoringVisit.person == person_id)
        .order_by(MentoringVisit.visited_on, MentoringVisit.created_at, ascending=False)
        .limit(VISITS_READ)
        .output(load_json=True)
    )
    latest: dict[str, tuple[int, Any]] = {}
    for r in rows:
        for s in r["seen"]:
            latest.setdefault(s["competence"], (s["level"], r["visited_on"]))
    return latest


async def _latest_from_self(person_id: str) -> dict[str, tuple[int, Any]]:
    finished = (
        await SelfAssessment.select(SelfAssessment.id, SelfAssessment.finished_at)
        .where((SelfAssessment.person == person_id) & (SelfAssessment.status == "finished"))
        .order_by(SelfAssessment.finished_at, ascending=False)
        .first()
    )
    if finished is None:
        return {}
    day = services.evidence_day(finished["finished_at"])
    rows = await SelfRating.select(SelfRating.competence, SelfRating.rated_level).where(
        SelfRating.assessment == finished["id"]
    )
    return {r["competence"]: (r["rated_level"], day) for r in rows}


async def row_of(
    person: PersonInfo,
    version: dict[str, Any],
    joined: datetime | None,
    certified: bool,
    mentoring: bool = False,
) -> wire.PersonRow:
    month = months_between(joined, clock.now()) if joined else 0
    track = track_of(person, certified, mentoring)
    seen, rated = await _latest_from_visits(person.id), await _latest_from_self(person.id)
    decided, decided_on = await assessment.latest_signed_levels(person.id)
    cells = []
    for c in framework.competences(version):
        target = c["targets"].get(track)
        source: wire.Source = "none"
        level, day = None, None
        if c["key"] in decided and (c["key"] not in seen or seen[c["key"]][1] <= decided_on):
            (level, day), source = (decided[c["key"]], decided_on), "assessment"
        elif c["key"] in seen:
            (level, day), source = seen[c["key"]], "visit"
        elif c["key"] in rated:
            (level, day), source = rated[c["key"]], "self"
        cells.append(
            wire.MatrixCell(
                competence=c["key"], target=target, current=level, source=source, evidence_on=day
            )
        )
    return wire.PersonRow(
        person_id=person.id,
        display_name=person.display_name,
        role=person.role,
        track=track,
        month_of_service=month,
        cells=cells,
    )


async def record(person: PersonInfo) -> wire.Record:
    version = await framework.current()
    joined = await accounts.staff_since([person.id])
    today = clock.now().date()
    certified = await assessment.certified_on([person.id], today)
    mentoring = await mentors.mentoring_on([person.id], today)
    under_way = await services.open_assessment(person.id)
    return wire.Record(
        framework=framework.to_wire(version),
        person=await row_of(
            person, version, joined.get(person.id), person.id in certified, person.id in mentoring
        ),
        open_assessment_id=str(under_way["id"]) if under_way else None,
    )


async def matrix(team_id: str) -> wire.Matrix:
    """The team's coaches, by name, each against the current version."""
    version = await framework.current()
    coaches = await accounts.coaches_of(team_id)
    joined = await accounts.staff_since([c.id for c in coaches])
    today = clock.now().date()
    certified = await assessment.certified_on([c.id for c in coaches], today)
    mentoring = await mentors.mentoring_on([c.id for c in coaches], today)
    people = [
        await row_of(c, version, joined.get(c.id), c.id in certified, c.id in mentoring)
        for c in coaches
    ]
    return wire.Matrix(team_id=team_id, framework=framework.to_wire(version), people=people)
