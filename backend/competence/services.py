"""Self-assessments and field-mentoring visits: the only writer of their tables. Each write
carries the phone's ``localId`` (a self-assessment, a visit) or names its slot (a rating of one
competence), so a repeat lands once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from backend.accounts import PersonInfo
from backend.competence import framework
from backend.competence.tables import MentoringVisit, SelfAssessment, SelfRating
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import competence as wire

NO_ASSESSMENT = "There is no such self-assessment."
ASSESSMENTS = "competence-self-assessments"
VISITS = "competence-visits"


# --- self-assessments ------------------------------------------------------------------------


async def open_assessment(person_id: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await SelfAssessment.select(*SelfAssessment.all_columns())
        .where((SelfAssessment.person == person_id) & (SelfAssessment.status == "open"))
        .order_by(SelfAssessment.started_at, ascending=False)
        .first()
    )
    return row


async def start(actor: Actor, data: wire.SelfAssessmentCreate) -> tuple[str, bool]:
    """A self-assessment against the current version; the one under way when there is one (a
    person has one open at a time), so a second phone continues it."""
    found = (
        await SelfAssessment.select(SelfAssessment.id, SelfAssessment.person)
        .where(SelfAssessment.client_uuid == as_uuid(data.local_id))
        .first()
    )
    if found is None and (under_way := await open_assessment(actor.id)) is not None:
        return str(under_way["id"]), False
    current = await framework.current()
    row = SelfAssessment(
        client_uuid=as_uuid(data.local_id),
        person=actor.id,
        framework=current["id"],
        status="open",
        started_at=clock.now(),
    )
    stored, created = await insert_once(SelfAssessment, row, {"person": actor.id}, data)
    return str(stored["id"]), created


async def assessment_row(assessment_id: str) -> dict[str, Any] | None:
    if as_uuid(assessment_id) is None:
        return None
    row: dict[str, Any] | None = (
        await SelfAssessment.select(*SelfAssessment.all_columns())
        .where(SelfAssessment.id == as_uuid(assessment_id))
        .first()
    )
    return row


async def _ratings(assessment_ids: list[Any]) -> dict[str, list[wire.Rating]]:
    if not assessment_ids:
        return {}
    rows = await SelfRating.select(*SelfRating.all_columns()).where(
        SelfRating.assessment.is_in(assessment_ids)
    )
    by: dict[str, list[wire.Rating]] = {}
    for r in rows:
        by.setdefault(str(r["assessment"]), []).append(
            wire.Rating(
                competence=r["competence"],
                level=r["rated_level"],
                note=r["note"],
                updated_at=r["updated_at"],
            )
        )
    return by


async def assessments_wire(rows: list[dict[str, Any]]) -> list[wire.SelfAssessment]:
    ratings = await _ratings([r["id"] for r in rows])
    versions = await framework.rows_by_id({str(r["framework"]) for r in rows})
    return [
        wire.SelfAssessment(
            id=str(r["id"]),
            person_id=str(r["person"]),
            framework_id=str(r["framework"]),
            framework_version=versions[str(r["framework"])]["version"],
            status=r["status"],
            ratings=ratings.get(str(r["id"]), []),
            started_at=r["started_at"],
            finished_at=r["finished_at"],
        )
        for r in rows
    ]


async def rate(row: dict[str, Any], competence: str, data: wire.RatingSet) -> None:
    """The level and note of one competence: saved again on every change, one row a slot."""
    if row["status"] != "open":
        raise ProblemError(409, "This self-assessment is finished.", code="finished")
    version = await framework.row_of(str(row["framework"]))
    assert version is not None
    if competence not in {c["key"] for c in framework.competences(version)}:
        raise field_error("path.competence", "This competence is not in the framework.")
    at = clock.now()
    await SelfRating.insert(
        SelfRating(
            slot=f"{row['id']}:{competence}",
            assessment=row["id"],
            competence=competence,
            rated_level=data.level,
            note=data.note.strip(),
            updated_at=at,
        )
    ).on_conflict(
        target=SelfRating.slot,
        action="DO UPDATE",
        values=[SelfRating.rated_level, SelfRating.note, SelfRating.updated_at],
    )


async def finish(row: dict[str, Any]) -> None:
    """Kept as it is from now on, with its framework version; a repeat changes nothing."""
    if row["status"] == "finished":
        return
    rated = await SelfRating.count().where(SelfRating.assessment == row["id"])
    if rated == 0:
        raise ProblemError(422, "Choose a level for at least one competence first.", code="empty")
    await SelfAssessment.update(
        {SelfAssessment.status: "finished", SelfAssessment.finished_at: clock.now()}
    ).where((SelfAssessment.id == row["id"]) & (SelfAssessment.status == "open"))


def assessments_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of self-assessments: the newest first (then by id)."""
    return page_request(ASSESSMENTS, cursor, limit, datetime, str)


async def assessments_of(
    person_id: str, page: PageRequest
) -> tuple[list[wire.SelfAssessment], str | None]:
    where: Any = SelfAssessment.person == person_id
    order = (SelfAssessment.started_at, SelfAssessment.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await SelfAssessment.select(*SelfAssessment.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch),
        page,
        ASSESSMENTS,
        lambda r: (r["started_at"], str(r["id"])),
    )
    return await assessments_wire(rows), next_cursor


# --- field-mentoring visits ------------------------------------------------------------------


async def log_visit(
    actor: Actor, person: PersonInfo, data: wire.MentoringVisitCreate
) -> tuple[str, bool]:
    current = await framework.current()
    keys = {c["key"] for c in framework.competences(current)}
    seen: list[dict[str, Any]] = []
    for i, s in enumerate(data.seen):
        if s.competence not in keys:
            raise field_error(
                f"body.seen.{i}.competence", "This competence is not in the framework."
            )
        if any(x["competence"] == s.competence for x in seen):
            raise field_error(f"body.seen.{i}.competence", "Each competence is named once.")
        seen.append({"competence": s.competence, "level": s.level})
    if data.visited_on > clock.now().date():
        raise field_error("body.visitedOn", "The visit's day cannot be in the future.")
    row = MentoringVisit(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        mentor=actor.id,
        framework=current["id"],
        visited_on=data.visited_on,
        setting=data.setting,
        seen=seen,
        situation=data.situation.strip(),
        task=data.task.strip(),
        action=data.action.strip(),
        result=data.result.strip(),
        reflection=data.reflection.strip(),
        next_step=data.next_step.strip(),
        created_at=clock.now(),
    )
    stored, created = await insert_once(MentoringVisit, row, {"person": person.id}, data)
    return str(stored["id"]), created


async def visits_wire(
    rows: list[dict[str, Any]], names: dict[str, str]
) -> list[wire.MentoringVisit]:
    versions = await framework.rows_by_id({str(r["framework"]) for r in rows})
    return [
        wire.MentoringVisit(
            id=str(r["id"]),
            person_id=str(r["person"]),
            mentor_id=str(r["mentor"]) if r["mentor"] else None,
            mentor_name=names.get(str(r["mentor"]), ""),
            framework_version=versions[str(r["framework"])]["version"],
            visited_on=r["visited_on"],
            setting=r["setting"],
            seen=[wire.SeenWords(competence=s["competence"], level=s["level"]) for s in r["seen"]],
            situation=r["situation"],
            task=r["task"],
            action=r["action"],
            result=r["result"],
            reflection=r["reflection"],
            next_step=r["next_step"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


async def visit_rows(visit_ids: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await MentoringVisit.select(*MentoringVisit.all_columns())
        .where(MentoringVisit.id.is_in([as_uuid(i) for i in visit_ids]))
        .output(load_json=True)
    )
    return rows


def visits_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of visits: the latest day first (then the newest, then by id)."""
    return page_request(VISITS, cursor, limit, date, datetime, str)


async def visits_of(person_id: str, page: PageRequest) -> tuple[list[dict[str, Any]], str | None]:
    where: Any = MentoringVisit.person == person_id
    order = (MentoringVisit.visited_on, MentoringVisit.created_at, MentoringVisit.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows: list[dict[str, Any]] = (
        await MentoringVisit.select(*MentoringVisit.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch)
        .output(load_json=True)
    )
    return page_of(
        rows,
        page,
        VISITS,
        lambda r: (r["visited_on"], r["created_at"], str(r["id"])),
    )


def evidence_day(at: datetime) -> date:
    return at.astimezone(UTC).date()
