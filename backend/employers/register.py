"""The employer register and the people at each employer: the only writer of their tables.

The register is the team's: an employer is entered once, by a phone's ``localId`` (a retry lands
once), and every coach and coordinator of the team keeps it up to date. Its people are kept with
minimal data (name, role at work, phone, e-mail) and the time and version of the notice they
were given about it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from backend.accounts.tables import Team
from backend.employers.rows import EmployerRow
from backend.employers.tables import Employer, EmployerPerson
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import employers as wire

NO_EMPLOYER = "There is no such employer in your team's register."
NO_PERSON = "There is no such person in your team's register."
EMPLOYERS = "employers"
"""The register list's name in its cursors."""

# A practical check (RFC 5321 allows more, people type less): one @, a dot after it, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,38}[0-9]$")


def _words(text: str) -> str:
    """One line, single spaces: how names and short texts are kept."""
    return " ".join(text.split())


def _required(value: str, field: str, reason: str) -> str:
    value = _words(value)
    if not value:
        raise field_error(field, reason)
    return value


def _email(value: str) -> str:
    value = value.strip()
    if value and not _EMAIL.match(value):
        raise field_error(
            "body.email", "Write an e-mail address like sam@example.org, or leave it empty."
        )
    return value


def _phone(value: str) -> str:
    value = _words(value)
    if value and not _PHONE.match(value):
        raise field_error(
            "body.phone", "Write a phone number with digits only, like +358 40 123 4567."
        )
    return value


# --- employers ------------------------------------------------------------------------------


def _summary(r: dict[str, Any]) -> wire.EmployerSummary:
    return wire.EmployerSummary(
        id=str(r["id"]),
        name=r["name"],
        address=r["address"],
        sector=r["sector"],
        team_id=str(r["team"]) if r["team"] is not None else None,
        last_contact_at=r["last_contact_at"],
    )


_SUMMARY = (
    Employer.id,
    Employer.name,
    Employer.address,
    Employer.sector,
    Employer.team,
    Employer.last_contact_at,
)


def employers_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of the register: by name, then id."""
    return page_request(EMPLOYERS, cursor, limit, str, str)


def _team_of(actor: Actor) -> Any:
    """The register the actor reads: their team's (administrators: every team's)."""
    if actor.role == "admin":
        return None
    if actor.team_id is None:
        return Employer.team.is_null()
    return Employer.team == actor.team_id


async def employers_of(
    actor: Actor, search: str | None, page: PageRequest
) -> tuple[list[wire.EmployerSummary], str | None]:
    """The register the actor sees, by name; ``search``: names holding these words."""
    where: Any = _team_of(actor)
    for word in _words(search or "").split():
        escaped = word.replace("\\", "").replace("%", "").replace("_", "")
        if escaped:
            # Case-insensitive on both engines (SQLite's LIKE is, for ASCII letters).
            pattern = f"%{escaped}%"
            postgres = Employer._meta.db.engine_type == "postgres"
            term = Employer.name.ilike(pattern) if postgres else Employer.name.like(pattern)
            where = term if where is None else where & term
    if (after := after_key(page, Employer.name, Employer.id)) is not None:
        where = after if where is None else where & after
    query = Employer.select(*_SUMMARY)
    if where is not None:
        query = query.where(where)
    rows = await query.order_by(Employer.name, Employer.id).limit(page.fetch)
    return page_of([_summary(r) for r in rows], page, EMPLOYERS, lambda s: (s.name, s.id))


async def employer_detail(employer_id: str, jobs: list[wire.Job]) -> wire.EmployerDetail:
    row = await Employer.select(*Employer.all_columns()).where(Employer.id == employer_id).first()
    if row is None:
        raise not_found(NO_EMPLOYER)
    s = _summary(row)
    return wire.EmployerDetail(
        id=s.id,
        name=s.name,
        address=s.address,
        sector=s.sector,
        notes=row["notes"],
        team_id=s.team_id,
        last_contact_at=s.last_contact_at,
        people=await people_of(employer_id),
        jobs=jobs,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def create_employer(actor: Actor, data: wire.EmployerCreate) -> tuple[str, bool]:
    """Enter an employer in the actor's team's register (an administrator chooses the team)."""
    team = actor.team_id
    if actor.role == "admin" and data.team_id is not None:
        if as_uuid(data.team_id) is None or not await Team.exists().where(
            Team.id == as_uuid(data.team_id)
        ):
            raise field_error("body.teamId", "Choose a team from the list.")
        team = data.team_id
    at = now()
    row = Employer(
        client_uuid=as_uuid(data.local_id),
        team=team,
        name=_required(data.name, "body.name", "Write the employer's name."),
        address=_words(data.address),
        sector=_words(data.sector),
        notes=data.notes.strip(),
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(Employer, row, {"team": team}, data)
    return str(found["id"]), created


async def update_employer(employer: EmployerRow, data: wire.EmployerUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.name is not None:
        changes[Employer.name] = _required(data.name, "body.name", "Write the employer's name.")
    if data.address is not None:
        changes[Employer.address] = _words(data.address)
    if data.sector is not None:
        changes[Employer.sector] = _words(data.sector)
    if data.notes is not None:
        changes[Employer.notes] = data.notes.strip()
    if changes:
        changes[Employer.updated_at] = now()
        await Employer.update(changes).where(Employer.id == employer.id)


# --- the people there -----------------------------------------------------------------------


def _person(r: dict[str, Any]) -> wire.EmployerPerson:
    return wire.EmployerPerson(
        id=str(r["id"]),
        employer_id=str(r["employer"]),
        name=r["name"],
        role=r["role"],
        phone=r["phone"],
        email=r["email"],
        noticed_at=r["noticed_at"],
        notice_version=r["notice_version"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )


async def people_of(employer_id: str) -> list[wire.EmployerPerson]:
    """The people at an employer, by name (a handful: not paged)."""
    rows = (
        await EmployerPerson.select(*EmployerPerson.all_columns())
        .where(EmployerPerson.employer == employer_id)
        .order_by(EmployerPerson.name)
        .order_by(EmployerPerson.id)
    )
    return [_person(r) for r in rows]


async def person_detail(person_id: str) -> wire.EmployerPerson:
    row = (
        await EmployerPerson.select(*EmployerPerson.all_columns())
        .where(EmployerPerson.id == person_id)
        .first()
    )
    if row is None:
        raise not_found(NO_PERSON)
    return _person(row)


async def add_person(
    actor: Actor, employer: EmployerRow, data: wire.EmployerPersonCreate
) -> tuple[str, bool]:
    at = now()
    row = EmployerPerson(
        client_uuid=as_uuid(data.local_id),
        employer=employer.id,
        name=_required(data.name, "body.name", "Write the person's name."),
        role=_words(data.role),
        phone=_phone(data.phone),
        email=_email(data.email),
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(EmployerPerson, row, {"employer": employer.id}, data)
    return str(found["id"]), created


async def update_person(person_id: str, data: wire.EmployerPersonUpdate) -> None:
    changes: dict[Any, Any] = {}
    if data.name is not None:
        changes[EmployerPerson.name] = _required(data.name, "body.name", "Write the person's name.")
    if data.role is not None:
        changes[EmployerPerson.role] = _words(data.role)
    if data.phone is not None:
        changes[EmployerPerson.phone] = _phone(data.phone)
    if data.email is not None:
        changes[EmployerPerson.email] = _email(data.email)
    if changes:
        changes[EmployerPerson.updated_at] = now()
        await EmployerPerson.update(changes).where(EmployerPerson.id == person_id)


async def remove_person(person_id: str) -> None:
    await EmployerPerson.delete().where(EmployerPerson.id == person_id)


async def notice_given(person_id: str, version: int, at: datetime | None = None) -> None:
    """The person was given the notice for employer contacts in ``version``: kept, so what they
    were told can always be shown again."""
    stamp = at or now()
    await EmployerPerson.update(
        {
            EmployerPerson.noticed_at: stamp,
            EmployerPerson.notice_version: version,
            EmployerPerson.updated_at: stamp,
        }
    ).where(EmployerPerson.id == person_id)
