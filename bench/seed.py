"""Seed a migrated database for the caseload benchmark; print the session token as JSON.

Run in a subprocess (``python -m bench.seed``) with ``STEPWISE_DATABASE_URL`` and
``STEPWISE_DATA_DIR`` set: settings are read once per process, before any table is imported.
The rows are written through the services and Piccolo tables, as the app itself would: a coach
with 25 clients (the throughput benchmark), and the people and sessions ``bench.revocation``
signs out, revokes and moves between teams.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from datetime import timedelta
from typing import Any

import backend  # noqa: F401  (sets PICCOLO_CONF before any table is imported)

CLIENTS = 25
CHECKS = 5  # sign-outs checked across app servers


async def seed() -> dict[str, Any]:
    from backend.accounts.sessions import hash_token
    from backend.accounts.tables import Session, Team, User
    from backend.clients import services as clients
    from backend.commands.common import close_db as _close_db
    from backend.commands.common import migrate as _migrate
    from backend.lib.clock import now

    await _migrate(quiet=True)
    at = now()

    async def team(name: str) -> str:
        row = Team(name=name, created_at=at)
        await row.save()
        return str(row.id)

    async def person(name: str, role: str, team_id: str | None) -> str:
        row = User(
            display_name=name,
            role=role,
            team=team_id,
            webauthn_handle=os.urandom(32),
            created_at=at,
            preferences={},
        )
        await row.save()
        return str(row.id)

    async def session(user_id: str, verified: bool = False) -> str:
        """``verified``: the person passed the passkey step-up just now, as before
        "Sign out everywhere"."""
        token = secrets.token_urlsafe(32)
        await Session.insert(
            Session(
                id_hash=hash_token(token),
                user=user_id,
                created_at=at,
                last_seen_at=at,
                expires_at=at + timedelta(days=90),
                user_agent="bench",
                ip="127.0.0.1",
                verified_at=at if verified else None,
            )
        )
        return token

    team_a, team_b = await team("Bench team A"), await team("Bench team B")
    coach = await person("Bench Coach", "coach", team_a)
    # Other caseloads, so that the query has to pick: another coach in the team, one in another.
    other = await person("Other Coach", "coach", team_a)
    far = await person("Far Coach", "coach", team_b)
    for owner, count in ((coach, CLIENTS), (other, 10), (far, 3)):
        for i in range(count):
            client = await person(f"Client {owner[:4]} {i:02d}", "client", None)
            await clients.create_record(client, owner)
    leaver = await person("Leaving Coach", "coach", team_a)
    coordinator = await person("Bench Coordinator", "coordinator", team_a)
    admin = await person("Bench Admin", "admin", None)
    out: dict[str, Any] = {
        "token": await session(coach),
        "coach_id": coach,
        "teams": {"a": team_a, "b": team_b, "a_clients": CLIENTS + 10, "b_clients": 3},
        "signout": [await session(coach) for _ in range(CHECKS)],
        "everywhere": [await session(other, verified=True) for _ in range(3)],
        "revoke": {"id": leaver, "tokens": [await session(leaver) for _ in range(2)]},
        "coordinator": {"id": coordinator, "token": await session(coordinator)},
        "admin": await session(admin),
    }
    _close_db()
    return out


def main() -> None:
    print(json.dumps(asyncio.run(seed())))


if __name__ == "__main__":
    main()
