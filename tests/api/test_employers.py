"""The employer register shared by a team: employers, the people there, "last contact"."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backend import employers
from backend.employers.tables import Employer, EmployerPerson
from backend.lib.clock import now
from tests.api.conftest import Api


async def _employer(world_api: Api, name: str = "Bakery Ltd", team: str = "North") -> str:
    assert world_api.world is not None
    at = now()
    employer = Employer(
        name=name,
        team=world_api.world.teams[team],
        address="Main Street 1",
        client_uuid=uuid.uuid4(),
        created_at=at,
        updated_at=at,
    )
    await employer.save()
    return str(employer.id)


async def test_record_contact_keeps_the_latest(world_api: Api) -> None:
    employer_id = await _employer(world_api)
    later = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    await employers.record_contact(employer_id, later)
    await employers.record_contact(employer_id, later - timedelta(days=3))
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer_id).first()
    assert row is not None and row["last_contact_at"] == later
    await employers.record_contact(employer_id, later + timedelta(hours=1))
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer_id).first()
    assert row is not None and row["last_contact_at"] == later + timedelta(hours=1)


async def test_employer_and_person_rows(world_api: Api) -> None:
    assert world_api.world is not None
    employer_id = await _employer(world_api)
    at = now()
    person = EmployerPerson(
        employer=employer_id,
        name="Sam Supervisor",
        role="supervisor",
        client_uuid=uuid.uuid4(),
        created_at=at,
        updated_at=at,
    )
    await person.save()
    assert await employers.employer_of(employer_id) == employers.EmployerRow(
        id=employer_id,
        name="Bakery Ltd",
        team_id=world_api.world.teams["North"],
        address="Main Street 1",
    )
    assert await employers.person_of(str(person.id)) == employers.EmployerPersonRow(
        id=str(person.id),
        employer_id=employer_id,
        name="Sam Supervisor",
        role="supervisor",
        team_id=world_api.world.teams["North"],
    )
    assert await employers.employer_of("not-an-id") is None
    assert await employers.person_of(employer_id) is None
