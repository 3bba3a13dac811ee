"""The path of a new coach for the tests: coach Ada's training record with a certificate file,
and a plan goal Ada proposed, built straight in the database."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

from backend.competence import path_training
from backend.competence.tables_path import FieldMentoring, PlanGoal, TrainingRecord
from backend.lib.clock import now
from backend.lib.storage import get_storage
from tests.support.world import World

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def ada_training(w: World) -> str:
    """Ada's first-aid course with its certificate (a small PDF)."""
    content_hash = hashlib.sha256(PDF).hexdigest()
    row = TrainingRecord(
        client_uuid=uuid.uuid4(),
        person=w.ids["coach"],
        course="Motivational interviewing",
        provider="Academy",
        hours=6.0,
        taken_on=date(2026, 1, 10),
        competences=["engagement.relationship"],
        expires_on=None,
        certificate_hash=content_hash,
        certificate_type="pdf",
        created_by=w.ids["coach"],
        created_at=now(),
    )
    await row.save()
    key = path_training.certificate_key(str(row.id), content_hash, "pdf")
    assert key is not None
    await get_storage().put(key, PDF, "application/pdf")
    return str(row.id)


async def ada_goal(w: World) -> str:
    """A goal Ada proposed for her plan, waiting for her coordinator."""
    row = PlanGoal(
        client_uuid=uuid.uuid4(),
        person=w.ids["coach"],
        title="Lead a job analysis on my own",
        competence="workplace.prompting",
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 3, 1),
        status="proposed",
        proposed_by=w.ids["coach"],
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    return str(row.id)


async def ada_field_mentor(w: World) -> str:
    """Cora, North's coordinator, mentors Ada in the field from today."""
    row = FieldMentoring(
        client_uuid=uuid.uuid4(),
        person=w.ids["coach"],
        mentor=w.ids["coordinator"],
        started_on=now().date(),
        named_by=w.ids["coordinator"],
        created_at=now(),
    )
    await row.save()
    return str(row.id)
