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
from backend.lib.db import Statement, fetch
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


# Every authenticated request runs this: one indexed read joining the session to its person,
# in plain SQL (Piccolo's query builder costs more CPU than the query, docs/benchmarks.md).
_LOOKUP = Statement(
    """
    SELECT CAST(u.id AS TEXT), u.role, CAST(u.team AS TEXT), u.display_name,
           s.last_seen_at, s.expires_at
    FROM sessions AS s JOIN users AS u ON u.id = s."user"
    WHERE s.id_hash = ?
    """
)


async def lookup(token: str) -> Actor | None:
    settings = get_settings()
    id_hash = hash_token(token)
    rows = await fetch(Session._meta.db, _LOOKUP, id_hash)
    if not rows:
        return None
    user_id, role, team, display_name, last_seen_at, expires_at = rows[0]
    at = now()
    # Absolute and idle lifetimes (OWASP ASVS V3.3): an ended session is deleted, not kept.
    if expires_at <= at or last_seen_at + timedelta(minutes=settings.session_idle_minutes) <= at:
        await Session.delete().where(Session.id_hash == id_hash)
        return None
    if at - last_seen_at > TOUCH_EVERY:
        await Session.update({Session.last_seen_at: at}).where(Session.id_hash == id_hash)
    return Actor(
        id=user_id,
        role=role,
        team_id=team or None,
        display_name=display_name,
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
