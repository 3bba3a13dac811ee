"""Writing and verifying the append-only, hash-chained audit log.

The chain is keyed (HMAC-SHA256, ``backend/audit/chain.py``) and checked against signed
checkpoints kept outside the database; entries from before the key keep their public SHA-256
hashes (docs/privacy.md, "The audit log")."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from litestar import Request

from backend.audit import chain
from backend.audit.tables import AuditEvent
from backend.lib import clock

GENESIS = "0" * 64


def _canonical(entry: dict[str, Any]) -> bytes:
    return msgspec.json.encode(entry, order="sorted")


def _digest(prev_hash: str, entry: dict[str, Any]) -> str:
    """The public hash of entries made before the chain was keyed."""
    return hashlib.sha256(prev_hash.encode() + _canonical(entry)).hexdigest()


def _keyed(prev_hash: str, entry: dict[str, Any], key: bytes | None = None) -> str:
    return chain.mac(prev_hash, _canonical(entry), key)


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
        made = await AuditEvent.insert(
            AuditEvent(**row, prev_hash=prev, hash=_keyed(prev, _entry(row)))
        ).returning(AuditEvent.id)
    if made and int(made[0]["id"]) % chain.CHECKPOINT_EVERY == 0:
        await checkpoint()  # now and then, never on each read: one line appended to a file


async def forget_personal_fields(user_id: str) -> int:
    """Erasure: blank the address, user agent and salt of every entry by or about a person.
    Their id stays as a pseudonym that nothing links to a person once their account is gone.
    A keyed entry's salt becomes the erasure marker (only the key makes it), so an address and
    salt blanked by hand do not pass as an erasure; entries from before the key keep "" ."""
    key = chain.key()
    rows = await (
        AuditEvent.select()
        .where((AuditEvent.actor == user_id) | (AuditEvent.subject == user_id))
        .output(load_json=True)
    )
    async with AuditEvent._meta.db.transaction():
        for row in rows:
            keyed = hmac.compare_digest(_keyed(row["prev_hash"], _entry(row), key), row["hash"])
            salt = chain.erased_marker(row["hash"], key) if keyed else ""
            await AuditEvent.update(
                {AuditEvent.ip: "", AuditEvent.user_agent: "", AuditEvent.personal_salt: salt}
            ).where(AuditEvent.id == row["id"])
    return len(rows)


def _personal_problem(row: dict[str, Any], keyed: bool, key: bytes) -> str:
    salt = row["personal_salt"]
    if keyed and salt.startswith(chain.ERASED):
        if salt != chain.erased_marker(row["hash"], key) or row["ip"] or row["user_agent"]:
            return "its address and salt were blanked or changed (not by an erasure)"
        return ""
    if keyed and not salt:
        return "its address and salt were blanked (not by an erasure)"
    if salt and row["personal_digest"] != personal_digest(salt, row["ip"], row["user_agent"]):
        return "its address or user agent was changed"
    return ""


async def verify() -> tuple[bool, int, str]:
    """Walk the chain and compare it with the signed checkpoints: (intact, entries checked,
    first problem found)."""
    try:
        points = chain.load()
    except chain.Unreadable as bad:
        return False, 0, str(bad)
    keyed_from = min((p.keyed_from for p in points), default=None)
    wanted = {p.last_id for p in points}
    seen: dict[int, tuple[int, str]] = {}
    key = chain.key()
    prev = GENESIS
    count = 0
    keyed_seen = False
    rows = await AuditEvent.select().order_by(AuditEvent.id).output(load_json=True)
    for row in rows:
        entry_id = int(row["id"])
        if row["prev_hash"] != prev:
            return False, count, f"entry {entry_id}: the previous entry is missing or changed"
        keyed = hmac.compare_digest(_keyed(prev, _entry(row), key), row["hash"])
        if not keyed:
            if keyed_seen or (keyed_from is not None and entry_id >= keyed_from):
                return (
                    False,
                    count,
                    f"entry {entry_id}: its content was changed, or it was not written with "
                    "this installation's audit key",
                )
            if _digest(prev, _entry(row)) != row["hash"]:
                return False, count, f"entry {entry_id}: its content was changed"
        keyed_seen = keyed_seen or keyed
        if problem := _personal_problem(row, keyed, key):
            return False, count, f"entry {entry_id}: {problem}"
        prev = row["hash"]
        count += 1
        if entry_id in wanted:
            seen[entry_id] = (count, row["hash"])
    for point in points:
        if point.last_id not in seen:
            return (
                False,
                count,
                f"entry {point.last_id}, the newest at the checkpoint of {point.at}, is missing: "
                "the newest entries were removed",
            )
        position, head = seen[point.last_id]
        if head != point.head or position != point.count:
            return (
                False,
                count,
                f"entry {point.last_id} is not the one the checkpoint of {point.at} signed "
                f"({point.count} entries then, {position} now)",
            )
    return True, count, ""


async def _first_keyed(after: int) -> int:
    """The id from which on entries are keyed (they are a suffix of the log): a binary search,
    for the first checkpoint of a log that had entries before the key."""
    key = chain.key()
    low, high = 0, after + 1  # high: keyed (the next entry will be)
    while low + 1 < high:
        middle = (low + high) // 2
        row = (
            await AuditEvent.select()
            .where(AuditEvent.id >= middle)
            .order_by(AuditEvent.id)
            .first()
            .output(load_json=True)
        )
        if row is None or int(row["id"]) >= high:
            high = middle
            continue
        if hmac.compare_digest(_keyed(row["prev_hash"], _entry(row), key), row["hash"]):
            high = min(high, int(row["id"]))
        else:
            low = int(row["id"])
    return high


async def checkpoint() -> chain.Checkpoint | None:
    """Append a signed checkpoint of the log as it is now (None for an empty log)."""
    last = (
        await AuditEvent.select(AuditEvent.id, AuditEvent.hash)
        .order_by(AuditEvent.id, ascending=False)
        .first()
    )
    if last is None:
        return None
    last_id = int(last["id"])
    count = await AuditEvent.count().where(AuditEvent.id <= last_id)
    try:
        earlier = chain.load()
    except chain.Unreadable:
        earlier = []  # verify says so; this checkpoint is still worth having
    if earlier:
        keyed_from = min(p.keyed_from for p in earlier)
    else:
        keyed_from = await _first_keyed(last_id)
    point = chain.Checkpoint(
        at=chain.now_iso(),
        count=count,
        last_id=last_id,
        head=last["hash"],
        keyed_from=keyed_from,
    )
    chain.append(point)
    return point


_round: dict[str, Any] = {"at": None, "last_id": None}


async def checkpoint_round(now: datetime) -> int:
    """The reminder engine's round: a checkpoint when the log has grown, at most every
    ``chain.ROUND_EVERY``. Handles no rows (0), so the engine still rests between rounds."""
    if _round["at"] is not None and now - _round["at"] < chain.ROUND_EVERY:
        return 0
    _round["at"] = now
    last = await AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id, ascending=False).first()
    if last is None or last["id"] == _round["last_id"]:
        return 0
    point = await checkpoint()
    _round["last_id"] = point.last_id if point else None
    return 0


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


@dataclass(frozen=True, slots=True)
class Reading:
    """One entry of what someone else did in a person's record ("Who looked at your record")."""

    id: int
    at: datetime
    action: str
    actor: str


async def about(subject: str, *, before: int | None, limit: int) -> list[Reading]:
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
    return [
        Reading(id=r["id"], at=r["at"], action=r["action"], actor=r["actor"]) for r in await query
    ]
