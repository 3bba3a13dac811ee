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


async def make_user(world: World, key: str, name: str, role: str, team: str | None) -> str:
    user = User(
        display_name=name,
        role=role,
        team=world.teams.get(team) if team else None,
        webauthn_handle=os.urandom(32),
        created_at=now(),
        preferences={},
    )
    await user.save()
    world.ids[key] = str(user.id)
    token = secrets.token_urlsafe(32)
    at = now()
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=user.id,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=90),  # the default absolute lifetime
        )
    )
    world.tokens[key] = token
    passkey = Passkey(
        user=user.id,
        credential_id=secrets.token_urlsafe(32),
        public_key=os.urandom(77),
        name=f"{name}'s phone",
        created_at=at,
        transports=[],
    )
    await passkey.save()
    world.passkeys[key] = str(passkey.id)
    return str(user.id)


async def build() -> World:
    world = World()
    for name in ("North", "South"):
        team = Team(name=name, created_at=now())
        await team.save()
        world.teams[name] = str(team.id)
    await make_user(world, "admin", "Ann Admin", "admin", None)
    await make_user(world, "coordinator", "Cora Coordinator", "coordinator", "North")
    await make_user(world, "coach", "Ada Coach", "coach", "North")
    await make_user(world, "other_coach", "Ben Coach", "coach", "South")
    await make_user(world, "client", "Alice Client", "client", None)
    await make_user(world, "other_client", "Bob Client", "client", None)
    await make_user(world, "family", "Finn Family", "family", None)
    await make_user(world, "mentor", "Mia Mentor", "mentor", "North")
    await clients.create_record(world.ids["client"], world.ids["coach"])
    await clients.create_record(world.ids["other_client"], world.ids["other_coach"])
    await clients.link_family(world.ids["client"], world.ids["family"], "father")
    await clients.start_mentoring(world.ids["client"], world.ids["mentor"])
    return world
