"""Writing and verifying the append-only, hash-chained audit log."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from litestar import Request

from backend.audit.tables import AuditEvent
from backend.lib import clock

GENESIS = "0" * 64


def _digest(prev_hash: str, entry: dict[str, Any]) -> str:
    canonical = msgspec.json.encode(entry, order="sorted")
    return hashlib.sha256(prev_hash.encode() + canonical).hexdigest()


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": row["at"].isoformat(),
        "action": row["action"],
        "outcome": row["outcome"],
        "actor": row["actor"],
        "subject": row["subject"],
        "team": row["team"],
        "detail": row["detail"],
        "personal": row["personal_digest"],
    }


def personal_digest(salt: str, ip: str, user_agent: str) -> str:
    return hashlib.sha256(f"{salt}\n{ip}\n{user_agent}".encode()).hexdigest()


async def record(
    action: str,
    *,
    request: Request[Any, Any, Any] | None = None,
    actor: str = "",
    subject: str = "",
    team: str | None = "",
    outcome: str = "ok",
    detail: dict[str, Any] | None = None,
) -> None:
    row: dict[str, Any] = {
        "at": clock.now(),
        "action": action,
        "outcome": outcome,
        "actor": actor,
        "subject": subject,
        "team": team or "",
        "detail": detail or {},
        "ip": (request.client.host if request and request.client else ""),
        "user_agent": (request.headers.get("user-agent", "")[:300] if request else ""),
        "personal_salt": secrets.token_hex(16),
    }
    row["personal_digest"] = personal_digest(row["personal_salt"], row["ip"], row["user_agent"])
    engine = AuditEvent._meta.db
    async with engine.transaction():
        if engine.engine_type == "postgres":
            # One writer at a time extends the chain, across every app server.
            await AuditEvent.raw("SELECT pg_advisory_xact_lock(7301)")
        last = (
            await AuditEvent.select(AuditEvent.hash)
            .order_by(AuditEvent.id, ascending=False)
            .first()
        )
        prev = last["hash"] if last else GENESIS
        await AuditEvent.insert(AuditEvent(**row, prev_hash=prev, hash=_digest(prev, _entry(row))))


async def forget_personal_fields(user_id: str) -> int:
    """Erasure: blank the address, user agent and salt of every entry by or about a person.
    Their id stays as a pseudonym that nothing links to a person once their account is gone."""
    rows = (
        await AuditEvent.update(
            {AuditEvent.ip: "", AuditEvent.user_agent: "", AuditEvent.personal_salt: ""}
        )
        .where((AuditEvent.actor == user_id) | (AuditEvent.subject == user_id))
        .returning(AuditEvent.id)
    )
    return len(rows)


async def verify() -> tuple[bool, int, str]:
    """Walk the chain: (intact, entries checked, first problem found)."""
    prev = GENESIS
    count = 0
    rows = await AuditEvent.select().order_by(AuditEvent.id).output(load_json=True)
    for row in rows:
        if row["prev_hash"] != prev:
            return False, count, f"entry {row['id']}: the previous entry is missing or changed"
        if row["personal_salt"] and row["personal_digest"] != personal_digest(
            row["personal_salt"], row["ip"], row["user_agent"]
        ):
            return False, count, f"entry {row['id']}: its address or user agent was changed"
        if _digest(prev, _entry(row)) != row["hash"]:
            return False, count, f"entry {row['id']}: its content was changed"
        prev = row["hash"]
        count += 1
    return True, count, ""


# --- reading the log a page at a time -----------------------------------------------------

# The columns a reader gets: never the chain's own fields or the per-entry salt.
_READ = (
    AuditEvent.id,
    AuditEvent.at,
    AuditEvent.action,
    AuditEvent.outcome,
    AuditEvent.actor,
    AuditEvent.subject,
    AuditEvent.team,
    AuditEvent.detail,
    AuditEvent.ip,
    AuditEvent.user_agent,
)


@dataclass(frozen=True, slots=True)
class Filters:
    """What a page of the log is narrowed to; None = not narrowed. ``team`` is the reader's
    scope (a coordinator's team), the others what the reader chose."""

    team: str | None = None
    actor: str | None = None
    subject: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    """Exclusive."""


async def _first_id_from(at: datetime) -> int | None:
    """The first entry made at or after ``at`` (the index on ``at``). Entries are appended in
    time order, so a span of time is a span of ids, and the page query stays a range scan of
    the (column, id) indexes (migration 2026-12-05)."""
    row = (
        await AuditEvent.select(AuditEvent.id)
        .where(AuditEvent.at >= at)
        .order_by(AuditEvent.at)
        .first()
    )
    return int(row["id"]) if row else None


async def page(filters: Filters, *, before: int | None, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` entries older than the entry ``before`` (keyset paging: the cost of a
    page does not grow with how far back it is), newest first."""
    query = AuditEvent.select(*_READ).order_by(AuditEvent.id, ascending=False).limit(limit)
    if filters.team is not None:
        query = query.where(AuditEvent.team == filters.team)
    if filters.actor is not None:
        query = query.where(AuditEvent.actor == filters.actor)
    if filters.subject is not None:
        query = query.where(AuditEvent.subject == filters.subject)
    if filters.action is not None:
        query = query.where(AuditEvent.action == filters.action)
    if filters.since is not None:
        first = await _first_id_from(filters.since)
        if first is None:
            return []
        query = query.where(AuditEvent.id >= first)
    if filters.until is not None and (end := await _first_id_from(filters.until)) is not None:
        query = query.where(AuditEvent.id < end)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows: list[dict[str, Any]] = await query.output(load_json=True)
    return rows


async def about(subject: str, *, before: int | None, limit: int) -> list[dict[str, Any]]:
    """Entries about ``subject`` made by someone else, newest first, ``limit`` at a time: what
    "Who looked at your record" is made of (the (subject, id) index)."""
    query = (
        AuditEvent.select(AuditEvent.id, AuditEvent.at, AuditEvent.action, AuditEvent.actor)
        .where(AuditEvent.subject == subject)
        .where(AuditEvent.actor != "")
        .where(AuditEvent.actor != subject)
        .order_by(AuditEvent.id, ascending=False)
        .limit(limit)
    )
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows: list[dict[str, Any]] = await query
    return rows
