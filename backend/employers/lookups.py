"""What the domains above ask of the employer register: an employer or a person by id, and the
latest contact with an employer (kept by the activity log)."""

from __future__ import annotations

from datetime import datetime

from backend.employers.rows import EmployerPersonRow, EmployerRow
from backend.employers.tables import Employer, EmployerPerson, Job
from backend.lib.ids import as_uuid


def _s(value: object) -> str | None:
    return str(value) if value is not None else None


async def employer_of(employer_id: str) -> EmployerRow | None:
    """The employer, unchecked (the caller decides with ``backend.employers.access``)."""
    if as_uuid(employer_id) is None:
        return None
    row = (
        await Employer.select(Employer.id, Employer.name, Employer.team, Employer.address)
        .where(Employer.id == employer_id)
        .first()
    )
    if row is None:
        return None
    return EmployerRow(
        id=str(row["id"]), name=row["name"], team_id=_s(row["team"]), address=row["address"]
    )


async def person_of(person_id: str) -> EmployerPersonRow | None:
    """A person at an employer, with the employer's team, unchecked."""
    if as_uuid(person_id) is None:
        return None
    row = (
        await EmployerPerson.select(
            EmployerPerson.id,
            EmployerPerson.employer,
            EmployerPerson.name,
            EmployerPerson.role,
            EmployerPerson.employer.team.as_alias("team"),
        )
        .where(EmployerPerson.id == person_id)
        .first()
    )
    if row is None:
        return None
    return EmployerPersonRow(
        id=str(row["id"]),
        employer_id=str(row["employer"]),
        name=row["name"],
        role=row["role"],
        team_id=_s(row["team"]),
    )


async def client_of_job(job_id: str) -> str | None:
    """The client whose job it is, or None when there is no such job (the task and shift forms
    name a job of their own client only)."""
    if as_uuid(job_id) is None:
        return None
    row = await Job.select(Job.client).where(Job.id == as_uuid(job_id)).first()
    return str(row["client"]) if row is not None else None


async def record_contact(employer_id: str, at: datetime) -> None:
    """An activity with the employer (or one of its people) happened ``at``: it becomes the
    employer's "last contact" unless a later one is already known. One conditional update, so
    two activities logged at once cannot move it backwards."""
    if as_uuid(employer_id) is None:
        return
    await Employer.update({Employer.last_contact_at: at}).where(
        Employer.id == employer_id,
        (Employer.last_contact_at.is_null()) | (Employer.last_contact_at < at),
    )
