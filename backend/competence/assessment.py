"""The summative assessment and the certificate it makes: the only writer of their tables.

An administrator or the coach's coordinator starts one, naming two assessors (administrators,
the coordinator of the coach's team, or coaches with a valid certificate). The two assessors
fill it in — the date, the observed practice, a scenario, the knowledge test's score, a level per
competence, a decision and a re-assessment day — and each signs it with their passkey (a
step-up). A save bumps the ``revision`` and clears a signature given to an earlier revision; a
signature names the revision signed. When both signed, it is ``signed`` and never changes: every
change is refused (409 ``signed``) and the attempt is audit-logged by the handler.

A "certified" or "certified with conditions" decision makes a certificate valid for
``CERTIFICATE_YEARS`` from the day the second assessor signed, reviewed yearly; the coach is held
to the certified coach's targets while it is valid.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import access, framework
from backend.competence.tables_assessment import Assessment, Certificate
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import FieldError
from shared_schemas import competence as wire

CERTIFICATE_YEARS = 3
"""How long a certificate is valid (a constant; an organisation setting may come later)."""
NO_ASSESSMENT = "There is no such assessment."
PAGES = "competence-assessments"


def years_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- certificates ----------------------------------------------------------------------------


async def certified_on(person_ids: Collection[str], day: date) -> dict[str, dict[str, Any]]:
    """Each person's certificate valid on ``day`` (the newest), by person id."""
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    rows = (
        await Certificate.select(*Certificate.all_columns())
        .where(
            Certificate.person.is_in(wanted)
            & (Certificate.issued_on <= day)
            & (Certificate.valid_until >= day)
        )
        .order_by(Certificate.issued_on)
    )
    return {str(r["person"]): r for r in rows}


def certificate_wire(row: dict[str, Any], today: date) -> wire.Certificate:
    review = years_on(row["issued_on"], 1)
    while review < today and review < row["valid_until"]:
        review = years_on(review, 1)
    return wire.Certificate(
        id=str(row["id"]),
        person_id=str(row["person"]),
        assessment_id=str(row["assessment"]),
        issued_on=row["issued_on"],
        valid_until=row["valid_until"],
        review_on=min(review, row["valid_until"]),
        conditions=row["decision_conditions"],
        valid=row["issued_on"] <= today <= row["valid_until"],
    )


async def certificate_of(person_id: str) -> wire.Certificate | None:
    """The person's newest certificate (valid or not)."""
    row = (
        await Certificate.select(*Certificate.all_columns())
        .where(Certificate.person == person_id)
        .order_by(Certificate.issued_on, ascending=False)
        .first()
    )
    return certificate_wire(row, clock.now().date()) if row else None


# --- assessments -----------------------------------------------------------------------------


def assessors_of(row: dict[str, Any]) -> set[str]:
    return {str(x) for x in (row["assessor_a"], row["assessor_b"]) if x}


async def start(actor: Actor, person: PersonInfo, data: wire.AssessmentCreate) -> tuple[str, bool]:
    a, b = data.assessor_ids
    if a == b:
        raise field_error("body.assessorIds.1", "Name two different assessors.")
    certified = await certified_on([a, b], clock.now().date())
    for i, pid in enumerate((a, b)):
        found = await accounts.person(pid)
        if found is None or not access.may_assess(found, person, pid in certified):
            raise field_error(
                f"body.assessorIds.{i}",
                "An assessor is an administrator, the coordinator of the team, or a certified "
                "coach; not the coach assessed.",
            )
    current = await framework.current()
    at = clock.now()
    row = Assessment(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        framework=current["id"],
        assessor_a=a,
        assessor_b=b,
        created_by=actor.id,
        status="open",
        revision=1,
        created_at=at,
        updated_at=at,
    )
    stored, created = await insert_once(Assessment, row, {"person": person.id}, data)
    return str(stored["id"]), created


async def row_of(assessment_id: str) -> dict[str, Any] | None:
    if as_uuid(assessment_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Assessment.select(*Assessment.all_columns())
        .where(Assessment.id == as_uuid(assessment_id))
        .first()
        .output(load_json=True)
    )
    return row


def refuse_if_signed(row: dict[str, Any]) -> None:
    if row["status"] == "signed":
        raise ProblemError(
            409, "Both assessors signed this assessment; it is kept as it is.", code="signed"
        )


async def edit(row: dict[str, Any], data: wire.AssessmentEdit) -> None:
    refuse_if_signed(row)
    if data.revision != row["revision"]:
        raise field_error(
            "body.revision", "Someone saved this assessment meanwhile. Read it again.", 409
        )
    version = await framework.row_of(str(row["framework"]))
    assert version is not None
    keys = {c["key"] for c in framework.competences(version)}
    for key in data.levels:
        if key not in keys:
            raise field_error(f"body.levels.{key}", "This competence is not in the framework.")
    if data.assessed_on is not None and data.assessed_on > clock.now().date():
        raise field_error("body.assessedOn", "The day cannot be in the future.")
    updated = (
        await Assessment.update(
            {
                Assessment.assessed_on: data.assessed_on,
                Assessment.observed: data.observed.strip(),
                Assessment.scenario: data.scenario.strip(),
                Assessment.knowledge_score: data.knowledge_score,
                Assessment.decided_levels: dict(data.levels),
                Assessment.decision: data.decision,
                Assessment.decision_conditions: data.conditions.strip(),
                Assessment.reassess_on: data.reassess_on,
                Assessment.revision: row["revision"] + 1,
                Assessment.signed_a_at: None,
                Assessment.signed_b_at: None,
                Assessment.updated_at: clock.now(),
            }
        )
        .where(
            (Assessment.id == row["id"])
            & (Assessment.revision == row["revision"])
            & (Assessment.status == "open")
        )
        .returning(Assessment.id)
    )
    if not updated:
        raise field_error(
            "body.revision", "Someone saved this assessment meanwhile. Read it again.", 409
        )


def _ready(row: dict[str, Any]) -> None:
    """What must be there before anyone signs: each missing part named."""
    missing = [
        ("body.assessedOn", row["assessed_on"] is None, "Give the day of the assessment."),
        ("body.observed", not row["observed"], "Describe the observed practice."),
        ("body.scenario", not row["scenario"], "Describe the scenario."),
        ("body.knowledgeScore", row["knowledge_score"] is None, "Give the test's score."),
        ("body.levels", not row["decided_levels"], "Give a level for at least one competence."),
        ("body.decision", row["decision"] is None, "Choose a decision."),
        (
            "body.conditions",
            row["decision"] == "certified_with_conditions" and not row["decision_conditions"],
            "Write the conditions.",
        ),
        ("body.reassessOn", row["reassess_on"] is None, "Give the re-assessment day."),
    ]
    errors = [FieldError(field=f, reason=m, code="missing") for f, bad, m in missing if bad]
    if errors:
        problem = ProblemError(422, "The assessment is not complete.", code="incomplete")
        problem.problem.errors = errors
        raise problem


async def sign(actor: Actor, row: dict[str, Any], revision: int) -> bool:
    """The assessor's signature of ``revision``; True when this was the second one (the
    assessment is then signed and kept)."""
    refuse_if_signed(row)
    if revision != row["revision"]:
        raise field_error("body.revision", "The assessment changed. Read it again.", 409)
    _ready(row)
    column = (
        Assessment.signed_a_at if str(row["assessor_a"]) == actor.id else Assessment.signed_b_at
    )
    at = clock.now()
    mine = (
        (Assessment.id == row["id"])
        & (Assessment.revision == revision)
        & (Assessment.status == "open")
    )
    done = await Assessment.update({column: at}).where(mine).returning(Assessment.id)
    if not done:
        raise field_error("body.revision", "The assessment changed. Read it again.", 409)
    # Both signatures there: one statement makes it signed, so of two signing at once exactly
    # one turns it (and makes the certificate).
    turned = (
        await Assessment.update({Assessment.status: "signed"})
        .where(mine & Assessment.signed_a_at.is_not_null() & Assessment.signed_b_at.is_not_null())
        .returning(Assessment.id)
    )
    if not turned:
        return False
    if row["decision"] in {"certified", "certified_with_conditions"}:
        today = at.date()
        await Certificate.insert(
            Certificate(
                person=row["person"],
                assessment=row["id"],
                issued_on=today,
                valid_until=years_on(today, CERTIFICATE_YEARS),
                review_on=years_on(today, 1),
                decision_conditions=row["decision_conditions"],
                created_at=at,
            )
        )
    return True


async def to_wire(rows: list[dict[str, Any]]) -> list[wire.Assessment]:
    people = {str(r["person"]) for r in rows} | {a for r in rows for a in assessors_of(r)}
    names = await accounts.display_names(people) if people else {}
    versions = await framework.rows_by_id({str(r["framework"]) for r in rows})

    def assessor(pid: Any, at: Any) -> wire.AssessmentAssessor:
        return wire.AssessmentAssessor(
            person_id=str(pid) if pid else None,
            display_name=names.get(str(pid), ""),
            signed_at=at,
        )

    return [
        wire.Assessment(
            id=str(r["id"]),
            person_id=str(r["person"]),
            person_name=names.get(str(r["person"]), ""),
            framework_id=str(r["framework"]),
            framework_version=versions[str(r["framework"])]["version"],
            assessors=[
                assessor(r["assessor_a"], r["signed_a_at"]),
                assessor(r["assessor_b"], r["signed_b_at"]),
            ],
            status=r["status"],
            revision=r["revision"],
            assessed_on=r["assessed_on"],
            observed=r["observed"],
            scenario=r["scenario"],
            knowledge_score=r["knowledge_score"],
            levels=r["decided_levels"],
            decision=r["decision"],
            conditions=r["decision_conditions"],
            reassess_on=r["reassess_on"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


def page(cursor: str | None, limit: int) -> PageRequest:
    """A page of assessments: the newest first (then by id)."""
    return page_request(PAGES, cursor, limit, datetime, str)


async def of_person(
    person_id: str, request: PageRequest
) -> tuple[list[wire.Assessment], str | None]:
    where: Any = Assessment.person == person_id
    order = (Assessment.created_at, Assessment.id)
    if (after := after_key(request, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Assessment.select(*Assessment.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(request.fetch)
        .output(load_json=True),
        request,
        PAGES,
        lambda r: (r["created_at"], str(r["id"])),
    )
    return await to_wire(rows), next_cursor


async def latest_signed_levels(
    person_id: str, until: date | None = None
) -> tuple[dict[str, int], date | None]:
    """The levels of the person's latest signed assessment (up to ``until``), with its day."""
    where: Any = (Assessment.person == person_id) & (Assessment.status == "signed")
    if until is not None:
        where &= Assessment.assessed_on <= until
    row = (
        await Assessment.select(Assessment.decided_levels, Assessment.assessed_on)
        .where(where)
        .order_by(Assessment.assessed_on, ascending=False)
        .first()
        .output(load_json=True)
    )
    return (row["decided_levels"], row["assessed_on"]) if row else ({}, None)


async def open_for(
    assessor_id: str, request: PageRequest
) -> tuple[list[wire.Assessment], str | None]:
    """The open assessments this person is an assessor of, newest first."""
    where: Any = (
        (Assessment.assessor_a == assessor_id) | (Assessment.assessor_b == assessor_id)
    ) & (Assessment.status == "open")
    order = (Assessment.created_at, Assessment.id)
    if (after := after_key(request, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Assessment.select(*Assessment.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(request.fetch)
        .output(load_json=True),
        request,
        PAGES,
        lambda r: (r["created_at"], str(r["id"])),
    )
    return await to_wire(rows), next_cursor


async def certified_coaches() -> list[PersonInfo]:
    """The coaches holding a valid certificate today, by name (assessors, field mentors)."""
    today = clock.now().date()
    rows = await Certificate.select(Certificate.person).where(
        (Certificate.issued_on <= today) & (Certificate.valid_until >= today)
    )
    certified = []
    for pid in sorted({str(r["person"]) for r in rows}):
        found = await accounts.person(pid)
        if found is not None and found.role == "coach":
            certified.append(found)
    certified.sort(key=lambda p: (p.display_name, p.id))
    return certified


async def assessor_choices(person: PersonInfo) -> list[wire.AssessorChoice]:
    """Whom the coach's assessment may name: administrators and the team's coordinator, then
    coaches with a valid certificate; never the coach."""
    leaders = await accounts.leaders_of(person.team_id)
    certified = await certified_coaches()
    return [
        wire.AssessorChoice(person_id=p.id, display_name=p.display_name, role=p.role)
        for p in [*leaders, *certified]
        if access.may_assess(p, person, p in certified)
    ]
