"""People and teams as administrators and coordinators see them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from piccolo.query.functions.aggregate import Count

from backend.accounts.caseload import caseload
from backend.accounts.events import StaffTeamChanged
from backend.accounts.tables import Passkey, Team, User
from backend.lib import events
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.db import change, naming
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import accounts as wire
from shared_schemas.accounts import Role


async def me(user_id: str) -> wire.Me:
    row = await User.select().where(User.id == user_id).first().output(load_json=True)
    assert row is not None
    count = await Passkey.count().where(Passkey.user == user_id)
    prefs = row["preferences"] or {}
    clients = await caseload().clients_of_family(user_id) if row["role"] == "family" else []
    return wire.Me(
        id=str(row["id"]),
        display_name=row["display_name"],
        role=row["role"],
        team_id=str(row["team"]) if row["team"] else None,
        locale=row["locale"],
        # Stored in the wire form; fields added later take their defaults.
        preferences=msgspec.convert(prefs, wire.Preferences),
        passkey_count=count,
        clients=clients,
    )


async def update_me(user_id: str, body: wire.MeUpdate) -> None:
    changes: dict[Any, Any] = {}
    if body.locale is not None:
        changes[User.locale] = body.locale
    if body.display_name is not None:
        changes[User.display_name] = body.display_name.strip()
    if body.preferences is not None:
        changes[User.preferences] = msgspec.to_builtins(body.preferences)
    if changes:
        await naming(change("users", user_id), User.update(changes).where(User.id == user_id))


def _person(row: dict[str, Any], counts: dict[str, int]) -> wire.Person:
    return wire.Person(
        id=str(row["id"]),
        display_name=row["display_name"],
        role=row["role"],
        team_id=str(row["team"]) if row["team"] else None,
        passkey_count=counts.get(str(row["id"]), 0),
        created_at=row["created_at"],
    )


async def _passkey_counts(user_ids: list[Any]) -> dict[str, int]:
    if not user_ids:
        return {}
    rows = (
        await Passkey.select(Passkey.user, Count(alias="n"))
        .where(Passkey.user.is_in(user_ids))
        .group_by(Passkey.user)
    )
    return {str(r["user"]): int(r["n"]) for r in rows}


PEOPLE, TEAMS = "people", "teams"
"""The lists' names in their cursors."""


def people_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of people: by name, then id."""
    return page_request(PEOPLE, cursor, limit, str, str)


async def people(
    actor: Actor, page: PageRequest, only: str | None = None
) -> tuple[list[wire.Person], str | None]:
    """Administrators: everyone. Coordinators: the staff of their team. One page, by name then
    id, and the next page's cursor; ``only``: that person alone, if in reach."""
    query = User.select(User.id, User.display_name, User.role, User.team, User.created_at)
    if actor.role == "coordinator":
        query = query.where(User.team == actor.team_id)
    if only is not None:
        query = query.where(User.id == only)
    if (after := after_key(page, User.display_name, User.id)) is not None:
        query = query.where(after)
    rows = await query.order_by(User.display_name, User.id).limit(page.fetch)
    found, next_cursor = page_of(rows, page, PEOPLE, lambda r: (r["display_name"], str(r["id"])))
    counts = await _passkey_counts([r["id"] for r in found])
    return [_person(r, counts) for r in found], next_cursor


async def display_names(ids: Collection[str]) -> dict[str, str]:
    """The display names of the people with these ids (unknown ids are left out)."""
    found = await User.select(User.id, User.display_name).where(User.id.is_in(list(ids)))
    return {str(r["id"]): r["display_name"] for r in found}


@dataclass(frozen=True, slots=True)
class PersonInfo:
    """A person as other domains see them (never their passkeys or preferences)."""

    id: str
    role: Role
    team_id: str | None
    display_name: str


async def person(user_id: str) -> PersonInfo | None:
    if as_uuid(user_id) is None:
        return None
    row = (
        await User.select(User.id, User.role, User.team, User.display_name)
        .where(User.id == user_id)
        .first()
    )
    if row is None:
        return None
    team = row["team"]
    return PersonInfo(
        id=str(row["id"]),
        role=row["role"],
        team_id=str(team) if team is not None else None,
        display_name=row["display_name"],
    )


async def staff_since(user_ids: Collection[str]) -> dict[str, datetime]:
    """When each of these people joined (their account was made), by id: a staff member's month
    of service counts from it."""
    wanted = sorted({i for i in user_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    rows = await User.select(User.id, User.created_at).where(User.id.is_in(wanted))
    return {str(r["id"]): r["created_at"] for r in rows}


async def mentors_of_team(team_id: str) -> list[PersonInfo]:
    """The mentors of a team, by name (a team has a handful)."""
    rows = (
        await User.select(User.id, User.role, User.team, User.display_name)
        .where((User.role == "mentor") & (User.team == team_id))
        .order_by(User.display_name)
    )
    return [
        PersonInfo(id=str(r["id"]), role=r["role"], team_id=team_id, display_name=r["display_name"])
        for r in rows
    ]


async def coaches_of(team_id: str | None = None) -> list[PersonInfo]:
    """The coaches of a team (None: of the whole organisation), by name: whom a figure per coach
    divides by."""
    where: Any = User.role == "coach"
    if team_id is not None:
        if as_uuid(team_id) is None:
            return []
        where &= User.team == as_uuid(team_id)
    rows = (
        await User.select(User.id, User.role, User.team, User.display_name)
        .where(where)
        .order_by(User.display_name, User.id)
    )
    return [
        PersonInfo(
            id=str(r["id"]),
            role=r["role"],
            team_id=str(r["team"]) if r["team"] is not None else None,
            display_name=r["display_name"],
        )
        for r in rows
    ]


async def leaders_of(team_id: str | None) -> list[PersonInfo]:
    """The administrators and the coordinators of a team, by name (a handful): who may assess
    a coach of the team, among others."""
    where: Any = User.role == "admin"
    if team_id is not None and as_uuid(team_id) is not None:
        where |= (User.role == "coordinator") & (User.team == as_uuid(team_id))
    rows = (
        await User.select(User.id, User.role, User.team, User.display_name)
        .where(where)
        .order_by(User.display_name, User.id)
    )
    return [
        PersonInfo(
            id=str(r["id"]),
            role=r["role"],
            team_id=str(r["team"]) if r["team"] is not None else None,
            display_name=r["display_name"],
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class TeamName:
    id: str
    name: str


async def team_names(team_id: str | None = None) -> list[TeamName]:
    """Every team (or that one alone), by name: the choices of a screen about teams."""
    query = Team.select(Team.id, Team.name)
    if team_id is not None:
        if as_uuid(team_id) is None:
            return []
        query = query.where(Team.id == as_uuid(team_id))
    rows = await query.order_by(Team.name, Team.id)
    return [TeamName(id=str(r["id"]), name=r["name"]) for r in rows]


def teams_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of teams: by name, then id."""
    return page_request(TEAMS, cursor, limit, str, str)


async def teams(
    actor: Actor, page: PageRequest, only: str | None = None
) -> tuple[list[wire.Team], str | None]:
    """Administrators: every team; others: their own. One page, by name then id, and the next
    page's cursor; ``only``: that team alone, if in reach."""
    query = Team.select()
    if actor.role != "admin":
        query = query.where(Team.id == actor.team_id)
    if only is not None:
        query = query.where(Team.id == only)
    if (after := after_key(page, Team.name, Team.id)) is not None:
        query = query.where(after)
    rows, next_cursor = page_of(
        await query.order_by(Team.name, Team.id).limit(page.fetch),
        page,
        TEAMS,
        lambda r: (r["name"], str(r["id"])),
    )
    ids = [r["id"] for r in rows]
    if not ids:
        return [], next_cursor
    staff = await User.select(User.id, User.display_name, User.role, User.team).where(
        User.role.is_in(["coordinator", "coach"]) & User.team.is_in(ids)
    )
    client_counts = await caseload().clients_per_team()
    out = []
    for team in rows:
        tid = str(team["id"])
        members = [s for s in staff if str(s["team"]) == tid]
        out.append(
            wire.Team(
                id=tid,
                name=team["name"],
                coordinators=[
                    wire.PersonRef(id=str(s["id"]), display_name=s["display_name"])
                    for s in members
                    if s["role"] == "coordinator"
                ],
                coach_count=sum(1 for s in members if s["role"] == "coach"),
                client_count=client_counts.get(tid, 0),
                help_escalation_minutes=team["help_escalation_minutes"],
            )
        )
    return out, next_cursor


async def create_team(name: str) -> str:
    team = Team(name=name.strip(), created_at=now())
    await team.save()
    return str(team.id)


MAX_ESCALATION_MINUTES = 240


async def update_team(team_id: str, data: wire.TeamUpdate) -> dict[str, Any] | None:
    """The changes made (for the audit log), or None when there is no such team."""
    if not await Team.exists().where(Team.id == team_id):
        return None
    changes: dict[Any, Any] = {}
    if data.name is not None:
        if not data.name.strip():
            raise field_error("body.name", "Please write the team's name.")
        changes[Team.name] = data.name.strip()
    minutes = data.help_escalation_minutes
    if minutes is not None:
        if not 0 <= minutes <= MAX_ESCALATION_MINUTES:
            raise field_error(
                "body.helpEscalationMinutes",
                f"Choose a number of minutes from 0 to {MAX_ESCALATION_MINUTES} (0: never).",
            )
        changes[Team.help_escalation_minutes] = minutes
    if changes:
        await naming(change("teams", team_id), Team.update(changes).where(Team.id == team_id))
    return {column._meta.name: value for column, value in changes.items()}


async def set_team(user_id: str, team_id: str | None) -> None:
    if team_id is not None and (
        as_uuid(team_id) is None or not await Team.exists().where(Team.id == team_id)
    ):
        raise not_found("There is no such team.")
    await naming(
        change("users", user_id), User.update({User.team: team_id}).where(User.id == user_id)
    )
    # A coach's caseload moves with the coach (the clients domain listens).
    await events.emit(StaffTeamChanged(user_id=user_id, team_id=team_id))


async def passkeys_of(user_id: str) -> list[wire.Passkey]:
    rows = (
        await Passkey.select(
            Passkey.id, Passkey.name, Passkey.created_at, Passkey.last_used_at, Passkey.backed_up
        )
        .where(Passkey.user == user_id)
        .order_by(Passkey.created_at)
    )
    return [
        wire.Passkey(
            id=str(r["id"]),
            name=r["name"],
            created_at=r["created_at"],
            last_used_at=r["last_used_at"],
            backed_up=r["backed_up"],
        )
        for r in rows
    ]


async def rename(user_id: str, display_name: str) -> None:
    await naming(
        change("users", user_id),
        User.update({User.display_name: display_name.strip()}).where(User.id == user_id),
    )


async def webauthn_handle(user_id: str) -> bytes:
    row = await User.select(User.webauthn_handle).where(User.id == user_id).first()
    assert row is not None
    return bytes(row["webauthn_handle"])
