"""The scope a dashboard is about, checked against who asks (``access.py``), and what the
figures over it read once: the clients of the scope (their records) and its coaches."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from backend import accounts, clients
from backend.clients import ClientRow, InScope
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.outcomes import access
from shared_schemas import outcomes as wire


@dataclass
class Context:
    """One reading of the figures: the scope, its clients and coaches, the reader's zone, and
    what the indicators have read already (several ask the same question of one day)."""

    scope: wire.Scope
    clients: list[ClientRow]
    coaches: list[accounts.PersonInfo]
    zone: str
    within: InScope = field(default_factory=InScope)
    """The same clients as a condition of a read (no list of ids sent)."""
    want_rows: bool = False
    """Asked for the rows behind a figure (not only its value): the details they show."""
    read: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    @property
    def client_ids(self) -> list[str]:
        return [c.client_id for c in self.clients]

    @property
    def coach_ids(self) -> list[str]:
        return [c.id for c in self.coaches]

    def client(self, client_id: str) -> ClientRow | None:
        found: dict[str, ClientRow] | None = self.read.get(("clients",))
        if found is None:
            found = {c.client_id: c for c in self.clients}
            self.read[("clients",)] = found
        return found.get(client_id)

    async def once(self, key: tuple[Any, ...], ask: Callable[[], Awaitable[Any]]) -> Any:
        if key not in self.read:
            self.read[key] = await ask()
        return self.read[key]


async def resolve(actor: Actor, kind: wire.ScopeKind | None, scope_id: str | None) -> wire.Scope:
    """The scope asked for (by default: the organisation for an administrator, the team for a
    coordinator, the caseload for a coach), or 403 when it is out of the reader's reach."""
    access.require(access.can_see_figures(actor))
    if kind is None:
        kind = {"admin": "organisation", "coordinator": "team"}.get(actor.role, "coach")  # type: ignore[assignment]
        scope_id = actor.team_id if kind == "team" else actor.id if kind == "coach" else None
    if kind == "organisation":
        access.require(access.can_see_organisation(actor), access.OUT_OF_REACH)
        return wire.Scope(kind="organisation")
    if scope_id is None and kind == "team" and actor.role == "coordinator":
        access.require(False, access.OUT_OF_REACH)  # a coordinator not in a team (yet)
    if scope_id is None:
        raise field_error("query.id", "Choose a team or a coach.", status=400)
    if kind == "team":
        access.require(access.can_see_team(actor, scope_id), access.OUT_OF_REACH)
        teams = await accounts.team_names(scope_id)
        access.require(bool(teams), access.OUT_OF_REACH)
        return wire.Scope(kind="team", id=scope_id, name=teams[0].name)
    coach = await accounts.person(scope_id)
    access.require(coach is not None and access.can_see_coach(actor, coach), access.OUT_OF_REACH)
    assert coach is not None
    return wire.Scope(kind="coach", id=coach.id, name=coach.display_name)


async def context(scope: wire.Scope, zone: str) -> Context:
    if scope.kind == "organisation":
        found, coaches = await clients.records_in(), await accounts.coaches_of()
    elif scope.kind == "team":
        found, coaches = (
            await clients.records_in(team=scope.id),
            await accounts.coaches_of(scope.id),
        )
    else:
        assert scope.id is not None
        found = await clients.records_in(coach=scope.id)
        coach = await accounts.person(scope.id)
        coaches = [coach] if coach is not None else []
    within = InScope(
        team=scope.id if scope.kind == "team" else None,
        coach=scope.id if scope.kind == "coach" else None,
    )
    return Context(scope=scope, clients=found, coaches=coaches, zone=zone, within=within)


async def choices(actor: Actor, scope: wire.Scope) -> list[wire.Scope]:
    """The scopes the reader may pick: the organisation (administrators), the teams in reach,
    and the coaches of the team shown (or of the coordinator's team)."""
    if actor.role == "coach":
        return [wire.Scope(kind="coach", id=actor.id, name=actor.display_name)]
    out: list[wire.Scope] = []
    if access.can_see_organisation(actor):
        out.append(wire.Scope(kind="organisation"))
        teams = await accounts.team_names()
    else:
        teams = await accounts.team_names(actor.team_id) if actor.team_id else []
    out += [wire.Scope(kind="team", id=t.id, name=t.name) for t in teams]
    team = (
        scope.id if scope.kind == "team" else actor.team_id if actor.role == "coordinator" else None
    )
    if scope.kind == "coach" and scope.id is not None:
        coach = await accounts.person(scope.id)
        team = coach.team_id if coach is not None else team
    if team is not None:
        out += [
            wire.Scope(kind="coach", id=c.id, name=c.display_name)
            for c in await accounts.coaches_of(team)
        ]
    return out
