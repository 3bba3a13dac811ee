"""Server-side sessions in the database, shared by every app server.

The cookie carries 256 random bits; the table stores their SHA-256. A new id at every sign-in
(session fixation, OWASP ASVS V3.2.1). Idle and absolute lifetimes come from settings.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from litestar import Request, Response

from backend.accounts.tables import Session, User
from backend.lib import clock, metrics
from backend.lib.actor import Actor
from backend.lib.addresses import client_address
from backend.lib.clock import now
from backend.lib.db import Statement, cache_stamp, change, fetch, naming, on_change
from backend.lib.errors import ProblemError
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
        await forget(hash_token(old))
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
           s.last_seen_at, s.expires_at, u.locale
    FROM sessions AS s JOIN users AS u ON u.id = s."user"
    WHERE s.id_hash = ?
    """
)
# Not announced to the other app servers' caches: a later last_seen_at only lengthens a
# session, and a copy holding the earlier one is only re-read sooner (see ``lookup``).
_TOUCH = Statement("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", announce=False)

# Session → person, kept a few seconds per app server where the engine tells every server of
# each change to sessions, users and teams (PostgreSQL LISTEN/NOTIFY; on SQLite any other
# connection's commit moves ``PRAGMA data_version`` and drops every copy: backend/lib/db.py). A
# change names what it changed, and every server drops only those copies at once: a sign-out
# the session's, sign-out-everywhere, revoked access or a changed role or name the person's,
# a team's change its members'. A write nobody named empties every copy, and a server that
# cannot hear changes keeps none. The lifetimes are checked on every request, cached or not.
# Half a minute also bounds the harm of a change that was not heard (a row edited by hand in
# the database, outside the app). Five seconds made every copy of an active organisation run
# out together a few times a minute: on the large organisation the lookups of 300 clients in
# one burst were the client's day's p99 (3.9x the baseline's in 2-s rounds, 1.6x with 30 s;
# docs/benchmarks.md).
CACHE_SECONDS = 30.0
CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class _Copy:
    actor: Actor
    last_seen_at: datetime
    expires_at: datetime
    generation: int
    until: float  # time.monotonic()


_copies: dict[str, _Copy] = {}
_of_person: dict[str, set[str]] = {}  # person's id → the id_hashes of their copies


def _keep(id_hash: str, copy: _Copy) -> None:
    if len(_copies) >= CACHE_SIZE:
        _copies.clear()
        _of_person.clear()
    _copies[id_hash] = copy
    _of_person.setdefault(copy.actor.id, set()).add(id_hash)


def _drop(id_hash: str) -> None:
    copy = _copies.pop(id_hash, None)
    if copy is not None:
        hashes = _of_person.get(copy.actor.id)
        if hashes is not None:
            hashes.discard(id_hash)
            if not hashes:
                del _of_person[copy.actor.id]


def _changed(table: str | None, key: str) -> None:
    """What another server (or this one) changed, as its announcement names it."""
    if table == "sessions":
        _drop(key)
    elif table == "users":
        for id_hash in list(_of_person.get(key, ())):
            _drop(id_hash)
    elif table == "teams":  # rare: every copy looked at, its members' dropped
        for id_hash in [h for h, c in _copies.items() if c.actor.team_id == key]:
            _drop(id_hash)
    else:
        _copies.clear()
        _of_person.clear()
    metrics.SESSION_CACHE_CHANGES.labels(table or "all").inc()


on_change(_changed)
_HIT = metrics.SESSION_CACHE_LOOKUPS.labels("hit")
_MISS = metrics.SESSION_CACHE_LOOKUPS.labels("miss")


def _lifetime() -> float:
    """Half to all of ``CACHE_SECONDS``, at random: copies made in the same moment (a server's
    first second, a whole class signing in) do not all run out in the same moment again, which
    would send all of those people to the database in one burst that every request queues
    behind."""
    return CACHE_SECONDS * (0.5 + random.random() / 2)


def _live(last_seen_at: datetime, expires_at: datetime, at: datetime) -> bool:
    """Within the absolute and the idle lifetime (OWASP ASVS V3.3)."""
    idle = timedelta(minutes=get_settings().session_idle_minutes)
    return at < expires_at and at < last_seen_at + idle


async def lookup(token: str) -> Actor | None:
    id_hash = hash_token(token)
    engine = Session._meta.db
    stamp = cache_stamp(engine)
    if stamp is not None:
        copy = _copies.get(id_hash)
        if copy is not None and copy.generation == stamp[0] and time.monotonic() < copy.until:
            at = now()
            # A copy's last_seen_at may be older than the row's (another server touched it):
            # that can only send this request to the database, never accept a dead session.
            if _live(copy.last_seen_at, copy.expires_at, at) and (
                at - copy.last_seen_at <= TOUCH_EVERY
            ):
                _HIT.inc()
                return copy.actor
        _MISS.inc()
    rows = await fetch(engine, _LOOKUP, id_hash)
    if not rows:
        return None
    user_id, role, team, display_name, last_seen_at, expires_at, locale = rows[0]
    at = now()
    if not _live(last_seen_at, expires_at, at):
        # An ended session is deleted, not kept.
        await forget(id_hash)
        return None
    if at - last_seen_at > TOUCH_EVERY:
        await fetch(engine, _TOUCH, at, id_hash)
        last_seen_at = at
    actor = Actor(
        id=user_id,
        role=role,
        team_id=team or None,
        display_name=display_name,
        session_hash=id_hash,
        locale=locale or "",
    )
    # Keep a copy only if no change was announced while this request read the row.
    if stamp is not None and cache_stamp(engine) == stamp:
        _keep(
            id_hash,
            _Copy(actor, last_seen_at, expires_at, stamp[0], time.monotonic() + _lifetime()),
        )
    return actor


async def forget(id_hash: str) -> None:
    """Delete one session; every app server drops its copy of it, and only that."""
    await naming(change("sessions", id_hash), Session.delete().where(Session.id_hash == id_hash))


async def end(actor: Actor) -> None:
    # The delete is announced to every app server (backend/lib/db.py), this one included.
    await forget(actor.session_hash)


async def end_all(user_id: str) -> int:
    """Delete every session of a person; every app server drops that person's copies."""
    rows = await naming(
        change("users", user_id),
        Session.delete().where(Session.user == user_id).returning(Session.id_hash),
    )
    return len(rows)


# A step-up counts for this long (NIST SP 800-63B §4.2.3 re-authentication; banks ask again
# within minutes for a change of sign-in means).
REVERIFY_WINDOW = timedelta(minutes=5)


async def mark_verified(actor: Actor) -> None:
    """This session's person has just passed a step-up with one of their passkeys."""
    await naming(
        change("sessions", actor.session_hash),
        Session.update({Session.verified_at: clock.now()}).where(
            Session.id_hash == actor.session_hash
        ),
    )


async def require_fresh(actor: Actor) -> None:
    """Refuse (403 ``reverify_needed``) unless this session passed a step-up within the window:
    a session alone, without the person's passkey, must not change how the account signs in."""
    row = (
        await Session.select(Session.verified_at)
        .where(Session.id_hash == actor.session_hash)
        .first()
    )
    at = row["verified_at"] if row else None
    if at is None or clock.now() - at > REVERIFY_WINDOW:
        raise ProblemError(
            403,
            "Please confirm it is you with one of your passkeys first.",
            code="reverify_needed",
        )


def client_ip(request: Request[Any, Any, Any]) -> str:
    return client_address(request)  # behind a trusted proxy, the address it names


__all__ = ["User", "cookie_name", "end", "end_all", "lookup", "start"]
