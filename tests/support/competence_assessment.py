"""Summative assessments and certificates for the tests, built straight in the database (the
API tests of signing build theirs through the API)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, timedelta

from backend.activities.tables import Activity
from backend.competence import assessment, framework
from backend.competence.tables_assessment import Assessment, Certificate, Evidence
from backend.lib.clock import now
from tests.support.world import World


async def certify(person_id: str, issued_on: date, assessor_id: str) -> str:
    """A signed "certified" assessment of the person on ``issued_on``, and its certificate."""
    version = await framework.current()
    at = now()
    row = Assessment(
        client_uuid=uuid.uuid4(),
        person=person_id,
        framework=version["id"],
        assessor_a=assessor_id,
        assessor_b=assessor_id,
        created_by=assessor_id,
        observed="Observed.",
        scenario="Scenario.",
        knowledge_score=90,
        decided_levels={},
        decision="certified",
        reassess_on=assessment.years_on(issued_on, 1),
        revision=1,
        status="signed",
        signed_a_at=at,
        signed_b_at=at,
        assessed_on=issued_on,
        created_at=at,
        updated_at=at,
    )
    await row.save()
    await Certificate(
        person=person_id,
        assessment=row.id,
        issued_on=issued_on,
        valid_until=assessment.years_on(issued_on, assessment.CERTIFICATE_YEARS),
        review_on=assessment.years_on(issued_on, 1),
        created_at=at,
    ).save()
    return str(row.id)


async def ada_contact_week(w: World) -> str:
    """An employer contact Ada made an hour ago; the Monday of its week (the evidence's source)."""
    at = now() - timedelta(hours=1)
    await Activity.insert(
        Activity(
            client_uuid=uuid.uuid4(),
            author=w.ids["coach"],
            with_whom="employer",
            mode="phone",
            occurred_at=at,
            minutes=10,
            purposes=",employer_contact,",
            created_at=at,
            updated_at=at,
        )
    )
    day = at.astimezone(UTC).date()
    return (day - timedelta(days=day.weekday())).isoformat()


async def ada_evidence(w: World) -> str:
    """Evidence Ada attached to her own record (a week of employer contacts)."""
    week = await ada_contact_week(w)
    row = Evidence(
        client_uuid=uuid.uuid4(),
        slot=f"{w.ids['coach']}:jobs.employer_contact:0:employer_contacts_week:{week}",
        person=w.ids["coach"],
        competence="jobs.employer_contact",
        indicator=0,
        kind="employer_contacts_week",
        source_id=week,
        occurred_on=date.fromisoformat(week),
        attached_by=w.ids["coach"],
        created_at=now(),
    )
    await row.save()
    return str(row.id)


async def ada_open_assessment(w: World) -> str:
    """Ada's summative assessment under way, the administrator and Cora its assessors."""
    version = await framework.current()
    at = now()
    row = Assessment(
        client_uuid=uuid.uuid4(),
        person=w.ids["coach"],
        framework=version["id"],
        assessor_a=w.ids["admin"],
        assessor_b=w.ids["coordinator"],
        created_by=w.ids["admin"],
        revision=1,
        status="open",
        created_at=at,
        updated_at=at,
    )
    await row.save()
    return str(row.id)
