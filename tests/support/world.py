"""A small organisation built straight in the database, for the access matrix and API tests.

Team North: coordinator Cora, coach Ada (client Alice, Alice's father Finn).
Team South: coach Ben (client Bob).
Mentor Mia (a peer mentor of team North) works with Alice.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from backend.accounts.sessions import hash_token
from backend.accounts.tables import Passkey, Session, Team, User
from backend.clients import services as clients
from backend.lib.clock import now


@dataclass
class World:
    teams: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    passkeys: dict[str, str] = field(default_factory=dict)


async def touch_sessions(world: World) -> None:
    """Everyone's session seen just now. An app server answers from its copy of a session only
    while the copy's last sighting is recent (``sessions.TOUCH_EVERY``); a shared world's
    sessions were last seen at any time earlier in the run."""
    hashes = [hash_token(token) for token in world.tokens.values()]
    await Session.update({Session.last_seen_at: now()}).where(Session.id_hash.is_in(hashes))


async def make_user(world: World, key: str, name: str, role: str, team: str | None) -> str:
    await make_users(world, [(key, name, role, team)])
    return world.ids[key]


async def make_users(world: World, people: list[tuple[str, str, str, str | None]]) -> None:
    """People (key, name, role, team name) with a session each and a passkey each: three
    statements for all of them."""
    at = now()
    users = [
        User(
            display_name=name,
            role=role,
            team=world.teams.get(team) if team else None,
            webauthn_handle=os.urandom(32),
            created_at=at,
            preferences={},
        )
        for _, name, role, team in people
    ]
    await User.insert(*users)
    sessions, passkeys = [], []
    for (key, name, _, _), user in zip(people, users, strict=True):
        world.ids[key] = str(user.id)
        token = secrets.token_urlsafe(32)
        world.tokens[key] = token
        sessions.append(
            Session(
                id_hash=hash_token(token),
                user=user.id,
                created_at=at,
                last_seen_at=at,
                expires_at=at + timedelta(days=90),  # the default absolute lifetime
            )
        )
        passkeys.append(
            Passkey(
                user=user.id,
                credential_id=secrets.token_urlsafe(32),
                public_key=os.urandom(77),
                name=f"{name}'s phone",
                created_at=at,
                transports=[],
            )
        )
    await Session.insert(*sessions)
    await Passkey.insert(*passkeys)
    for (key, _, _, _), passkey in zip(people, passkeys, strict=True):
        world.passkeys[key] = str(passkey.id)


async def build() -> World:
    world = World()
    teams = [Team(name=name, created_at=now()) for name in ("North", "South")]
    await Team.insert(*teams)
    world.teams = {t.name: str(t.id) for t in teams}
    await make_users(
        world,
        [
            ("admin", "Ann Admin", "admin", None),
            ("coordinator", "Cora Coordinator", "coordinator", "North"),
            ("coach", "Ada Coach", "coach", "North"),
            ("other_coach", "Ben Coach", "coach", "South"),
            ("client", "Alice Client", "client", None),
            ("other_client", "Bob Client", "client", None),
            ("family", "Finn Family", "family", None),
            ("mentor", "Mia Mentor", "mentor", "North"),
        ],
    )
    await clients.create_record(world.ids["client"], world.ids["coach"])
    await clients.create_record(world.ids["other_client"], world.ids["other_coach"])
    await clients.link_family(world.ids["client"], world.ids["family"], "father")
    await clients.start_mentoring(world.ids["client"], world.ids["mentor"])
    return world
