"""Server-side sessions in the database, shared by every app server.

The cookie carries 256 random bits; the table stores their SHA-256. A new id at every sign-in
(session fixation, OWASP ASVS V3.2.1). Idle and absolute lifetimes come from settings.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from litestar import Request, Response

from backend.accounts.actor import Actor
from backend.accounts.tables import Session, User
from backend.lib.clock import now
from backend.settings import get_settings

# Write last_seen_at at most this often: a write per request would cost more than the read.
TOUCH_EVERY = timedelta(minutes=5)


def cookie_name() -> str:
    # The __Host- prefix pins the cookie to this origin, Secure and Path=/ (RFC 6265bis §4.1.3.2).
    return "__Host-stepwise" if get_settings().secure_cookies else "stepwise_session"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start(response: Response[Any], request: Request[Any, Any, Any], user_id: str) -> None:
    settings = get_settings()
    token = secrets.token_urlsafe(32)
    at = now()
    await Session.insert(
        Session(
            id_hash=hash_token(token),
            user=user_id,
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=settings.session_absolute_days),
            user_agent=request.headers.get("user-agent", "")[:300],
            ip=client_ip(request),
        )
    )
    # An earlier session in this browser ends with the new sign-in.
    old = request.cookies.get(cookie_name())
    if old:
        await Session.delete().where(Session.id_hash == hash_token(old))
    response.set_cookie(
        key=cookie_name(),
        value=token,
        path="/",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        max_age=settings.session_absolute_days * 86400,
    )


def end_cookie(response: Response[Any]) -> None:
    response.delete_cookie(key=cookie_name(), path="/")


async def lookup(token: str) -> Actor | None:
    settings = get_settings()
    id_hash = hash_token(token)
    row = (
        await Session.select(
            Session.user,
            Session.last_seen_at,
            Session.expires_at,
            Session.user.role,
            Session.user.team,
            Session.user.display_name,
        )
        .where(Session.id_hash == id_hash)
        .first()
    )
    if row is None:
        return None
    at = now()
    if row["expires_at"] <= at or row["last_seen_at"] + timedelta(
        minutes=settings.session_idle_minutes
    ) <= at:
        await Session.delete().where(Session.id_hash == id_hash)
        return None
    if at - row["last_seen_at"] > TOUCH_EVERY:
        await Session.update({Session.last_seen_at: at}).where(Session.id_hash == id_hash)
    team = row["user.team"]
    return Actor(
        id=str(row["user"]),
        role=row["user.role"],
        team_id=str(team) if team else None,
        display_name=row["user.display_name"],
        session_hash=id_hash,
    )


async def end(actor: Actor) -> None:
    await Session.delete().where(Session.id_hash == actor.session_hash)


async def end_all(user_id: str) -> int:
    rows = await Session.delete().where(Session.user == user_id).returning(Session.id_hash)
    return len(rows)


def client_ip(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client else ""


__all__ = ["User", "cookie_name", "end", "end_all", "lookup", "start"]
