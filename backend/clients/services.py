"""Client records, caseloads and family links: the only writer of their tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from litestar import Request

from backend import audit
from backend.accounts import Caseload, PersonEnrolled, StaffTeamChanged
from backend.accounts.tables import User
from backend.clients.access import can_manage_client, can_view_client
from backend.clients.reading import record_of
from backend.clients.record import ClientRow
from backend.clients.tables import ClientRecord, FamilyLink, Mentorship
from backend.lib.actor import Actor
from backend.lib.clock import day_of, now
from backend.lib.errors import not_found
from shared_schemas.accounts import PersonRef
from shared_schemas.clients import ClientDetail, ClientSummary, FamilyMember

_SUMMARY = (
    ClientRecord.user,
    ClientRecord.user.display_name,
    ClientRecord.stage,
    ClientRecord.coach,
    ClientRecord.coach.display_name,
    ClientRecord.team,
)


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def _summary(row: dict[str, Any]) -> ClientSummary:
    return ClientSummary(
        id=str(row["user"]),
        display_name=row["user.display_name"],
        stage=row["stage"],
        coach_id=_s(row["coach"]),
        coach_name=row["coach.display_name"],
        team_id=_s(row["team"]),
    )


async def start_mentoring(client_id: str, mentor_id: str) -> None:
    """Open a mentorship (once: an open one for the same pair is kept)."""
    open_already = await Mentorship.exists().where(
        Mentorship.client == client_id,
        Mentorship.mentor == mentor_id,
        Mentorship.ended_on.is_null(),
    )
    if not open_already:
        await Mentorship.insert(
            Mentorship(
                client=client_id, mentor=mentor_id, started_on=now().date(), created_at=now()
            )
        )


async def end_mentoring(client_id: str, mentor_id: str) -> None:
    """Close the open mentorship of the pair, if any: the mentor stops seeing the client."""
    await Mentorship.update({Mentorship.ended_on: now().date()}).where(
        Mentorship.client == client_id,
        Mentorship.mentor == mentor_id,
        Mentorship.ended_on.is_null(),
    )


async def mentored_by(mentor_id: str) -> list[str]:
    """The clients a mentor works with now."""
    rows = await Mentorship.select(Mentorship.client).where(
        Mentorship.mentor == mentor_id, Mentorship.ended_on.is_null()
    )
    return sorted(str(r["client"]) for r in rows)


NO_CLIENT = "There is no such client in your caseload."
MaySee = Callable[[Actor, ClientRow], bool]


async def visible_record(
    actor: Actor, client_id: str, may_see: MaySee = can_view_client
) -> ClientRow:
    """The first step of every handler about one client: the client's record, or 404 when there
    is none or ``may_see`` (the asking domain's access rule, by default the record's own) says
    the actor may not see it. 404, not 403: whether a person is a client is itself private."""
    record = await record_of(client_id)
    if record is None or not may_see(actor, record):
        raise not_found(NO_CLIENT)
    return record


async def audit_read(
    request: Request[Any, Any, Any],
    actor: Actor,
    action: str,
    record: ClientRow,
    detail: dict[str, Any] | None = None,
) -> None:
    """Every read of a client's data by someone else (staff) is audit-logged, under the client's
    team so its coordinator sees it; the client reading their own is not."""
    if actor.id != record.client_id:
        await audit.record(
            action,
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail=detail,
        )


async def detail(client_id: str) -> ClientDetail:
    row = (
        await ClientRecord.select(*_SUMMARY, ClientRecord.support_summary, ClientRecord.created_at)
        .where(ClientRecord.user == client_id)
        .first()
    )
    assert row is not None
    family = (
        await FamilyLink.select(
            FamilyLink.family, FamilyLink.family.display_name, FamilyLink.relation
        )
        .where(FamilyLink.client == client_id)
        .order_by(FamilyLink.family.display_name)
    )
    s = _summary(row)
    return ClientDetail(
        id=s.id,
        display_name=s.display_name,
        stage=s.stage,
        coach_id=s.coach_id,
        coach_name=s.coach_name,
        team_id=s.team_id,
        support_summary=row["support_summary"],
        family=[
            FamilyMember(
                id=str(f["family"]), display_name=f["family.display_name"], relation=f["relation"]
            )
            for f in family
        ],
        created_at=row["created_at"],
    )


async def create_record(user_id: str, coach_id: str | None) -> None:
    team = None
    if coach_id:
        coach = await User.select(User.team).where(User.id == coach_id).first()
        team = coach["team"] if coach else None
    at = now()
    await ClientRecord.insert(
        ClientRecord(user=user_id, coach=coach_id, team=team, created_at=at, updated_at=at)
    )


async def set_stage(client_id: str, stage: str, since: date | None, due: date | None) -> None:
    """The client's journey (a domain above) tells the record which stage is current, since
    when, and when the organisation's target for it runs out: the caseload reads them in its
    one query."""
    await ClientRecord.update(
        {
            ClientRecord.stage: stage,
            ClientRecord.stage_since: since,
            ClientRecord.stage_due: due,
            ClientRecord.updated_at: now(),
        }
    ).where(ClientRecord.user == client_id)


async def set_stage_dues(stage: str, days: int | None) -> None:
    """The organisation's target for ``stage`` changed: every record whose current stage it is
    gets its due day anew (``stage_since`` + ``days``; none without a target or a start).
    One update per distinct start day, not per client."""
    if days is None:
        await ClientRecord.update({ClientRecord.stage_due: None}).where(ClientRecord.stage == stage)
        return
    rows = (
        await ClientRecord.select(ClientRecord.stage_since)
        .where((ClientRecord.stage == stage) & ClientRecord.stage_since.is_not_null())
        .distinct()
    )
    for row in rows:
        since = day_of(row["stage_since"])
        assert since is not None
        await ClientRecord.update({ClientRecord.stage_due: since + timedelta(days=days)}).where(
            (ClientRecord.stage == stage) & (ClientRecord.stage_since == since)
        )


async def link_family(client_id: str, family_id: str, relation: str) -> None:
    await FamilyLink.insert(
        FamilyLink(client=client_id, family=family_id, relation=relation, created_at=now())
    )


async def update(client_id: str, changes: dict[Any, Any]) -> None:
    if "coach" in changes:
        coach = await User.select(User.team).where(User.id == changes["coach"]).first()
        changes[ClientRecord.team] = coach["team"] if coach else None
    changes = {
        (getattr(ClientRecord, k) if isinstance(k, str) else k): v for k, v in changes.items()
    }
    changes[ClientRecord.updated_at] = now()
    await ClientRecord.update(changes).where(ClientRecord.user == client_id)


async def clients_of_family(family_id: str) -> list[str]:
    rows = await FamilyLink.select(FamilyLink.client).where(FamilyLink.family == family_id)
    return [str(r["client"]) for r in rows]


async def family_clients(family_id: str) -> list[PersonRef]:
    """A family member's clients, ordered by name."""
    rows = (
        await FamilyLink.select(FamilyLink.client, FamilyLink.client.display_name)
        .where(FamilyLink.family == family_id)
        .order_by(FamilyLink.client.display_name)
    )
    return [PersonRef(id=str(r["client"]), display_name=r["client.display_name"]) for r in rows]


async def may_manage(actor: Actor, client_id: str) -> bool:
    record = await record_of(client_id)
    return record is not None and can_manage_client(actor, record)


async def clients_per_team() -> dict[str, int]:
    rows = await ClientRecord.raw(
        "SELECT team AS t, COUNT(*) AS n FROM client_records GROUP BY team"
    )
    return {str(r["t"]): int(r["n"]) for r in rows}


CASELOAD = Caseload(
    may_manage=may_manage, clients_of_family=family_clients, clients_per_team=clients_per_team
)
"""The answers to the accounts domain's caseload questions (registered in ``app.py``)."""


async def open_record_of_enrolled(event: PersonEnrolled) -> None:
    """A new client's record joins their coach's caseload; new family are linked to their
    client."""
    if event.role == "client":
        await create_record(event.user_id, event.coach_id)
    if event.role == "family" and event.client_id:
        await link_family(event.client_id, event.user_id, event.relation)


async def follow_coach_to_team(event: StaffTeamChanged) -> None:
    """A coach's caseload moves with the coach to their new team."""
    await ClientRecord.update({ClientRecord.team: event.team_id}).where(
        ClientRecord.coach == event.user_id
    )
