"""Summative assessments and certificates for the tests, built straight in the database (the
API tests of signing build theirs through the API)."""

from __future__ import annotations

import uuid
from datetime import date

from backend.competence import assessment, framework
from backend.competence.tables_assessment import Assessment, Certificate
from backend.lib.clock import now


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
        levels={},
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
