"""Management's gap report (reads only): over the organisation's coaches or a team's, per
competence of the current version, how many are below their target now and at the end of the
last quarter, how many have no level yet, and the training hours recorded against it this
quarter. A group of fewer than ``SMALL_GROUP`` people shows no counts at all ("fewer than 5"):
its figures would name someone.

A level as it stood on a day is read as the record's is now (``matrix.py``), from what was there
by that day: the latest signed assessment or mentoring visit, else the latest finished
self-assessment; the track from the certificate valid on that day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import assessment, framework, matrix, mentors, path_training
from backend.competence.tables import MentoringVisit, SelfAssessment, SelfRating
from backend.lib import clock
from shared_schemas import competence as wire

SMALL_GROUP = 5


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


async def _levels_on(person_id: str, day: date) -> dict[str, int]:
    visits = (
        await MentoringVisit.select(MentoringVisit.visited_on, MentoringVisit.seen)
        .where((MentoringVisit.person == person_id) & (MentoringVisit.visited_on <= day))
        .order_by(MentoringVisit.visited_on, MentoringVisit.created_at, ascending=False)
        .limit(matrix.VISITS_READ)
        .output(load_json=True)
    )
    seen: dict[str, tuple[int, date]] = {}
    for r in visits:
        for s in r["seen"]:
            seen.setdefault(s["competence"], (s["level"], r["visited_on"]))
    decided, decided_on = await assessment.latest_signed_levels(person_id, day)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)
    finished = (
        await SelfAssessment.select(SelfAssessment.id)
        .where(
            (SelfAssessment.person == person_id)
            & (SelfAssessment.status == "finished")
            & (SelfAssessment.finished_at < end)
        )
        .order_by(SelfAssessment.finished_at, ascending=False)
        .first()
    )
    levels: dict[str, int] = {}
    if finished is not None:
        rows = await SelfRating.select(SelfRating.competence, SelfRating.rated_level).where(
            SelfRating.assessment == finished["id"]
        )
        levels = {r["competence"]: r["rated_level"] for r in rows}
    levels.update({k: lv for k, (lv, _) in seen.items()})
    if decided_on is not None:
        levels.update(
            {k: lv for k, lv in decided.items() if k not in seen or seen[k][1] <= decided_on}
        )
    return levels


async def _below(
    people: list[PersonInfo], version: dict[str, Any], day: date
) -> tuple[dict[str, int], dict[str, int], int]:
    """Per competence: how many are below target, how many have no level; and how many hold a
    valid certificate, on ``day``."""
    certified = await assessment.certified_on([p.id for p in people], day)
    mentoring = await mentors.mentoring_on([p.id for p in people], day)
    below: dict[str, int] = {}
    none: dict[str, int] = {}
    for p in people:
        track = matrix.track_of(p, p.id in certified, p.id in mentoring)
        levels = await _levels_on(p.id, day)
        for c in framework.competences(version):
            target = c["targets"].get(track)
            level = levels.get(c["key"])
            if level is None:
                none[c["key"]] = none.get(c["key"], 0) + 1
            elif target is not None and level < target:
                below[c["key"]] = below.get(c["key"], 0) + 1
    return below, none, len(certified)


async def report(team_id: str | None) -> wire.GapReport:
    version = await framework.current()
    people = await accounts.coaches_of(team_id)
    today = clock.now().date()
    start = quarter_start(today)
    last_end = start - timedelta(days=1)
    hours = await path_training.training_hours(
        person_ids=[p.id for p in people], since=start, until=today
    )
    small = len(people) < SMALL_GROUP
    below, none, certified = ({}, {}, 0) if small else await _below(people, version, today)
    before, _, _ = ({}, {}, 0) if small else await _below(people, version, last_end)
    return wire.GapReport(
        scope="team" if team_id else "organisation",
        team_id=team_id,
        framework_version=version["version"],
        people=len(people),
        fewer_than_five=small,
        certified=None if small else certified,
        quarter_start=start,
        last_quarter_end=last_end,
        rows=[
            wire.GapRow(
                competence=c["key"],
                below_target=None if small else below.get(c["key"], 0),
                below_target_last_quarter=None if small else before.get(c["key"], 0),
                no_evidence=None if small else none.get(c["key"], 0),
                training_hours=float(hours.get(c["key"], 0.0)),
            )
            for c in framework.competences(version)
        ],
    )
