"""What the chain covers of an entry, and how it is hashed (shared by writing, sealing and
verifying)."""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

from backend.audit import chain
from backend.audit.tables import AuditEvent
from backend.lib.db import Statement, fetch

GENESIS = "0" * 64
"""The previous hash of the first entry."""

COLUMNS = (
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
    AuditEvent.personal_salt,
    AuditEvent.personal_digest,
    AuditEvent.prev_hash,
    AuditEvent.hash,
    AuditEvent.seal,
)
"""Every column the sealer and the verifier read."""

_NAMES = tuple(c._meta.db_column_name for c in COLUMNS)
_SELECT = ", ".join(_NAMES)
_SEALED_AFTER = Statement(
    f"SELECT {_SELECT} FROM audit_events WHERE seal > ? ORDER BY seal LIMIT ?"  # noqa: S608 (constant SQL)
)
_UNSEALED = Statement(
    f"SELECT {_SELECT} FROM audit_events WHERE seal IS NULL ORDER BY id LIMIT ?"  # noqa: S608 (constant SQL)
)


_CHECKED = tuple(n for n in _NAMES if n not in {"ip", "user_agent", "personal_salt"})
"""What telling whether an entry is intact reads: not the personal fields themselves."""
_BY_OR_ABOUT = Statement(
    f"SELECT {', '.join(_CHECKED)} FROM audit_events"  # noqa: S608 (constant SQL)
    " WHERE (actor = ? OR subject = ?) AND id > ? ORDER BY id LIMIT ?"
)

_MARKS_BY_OR_ABOUT = Statement(
    "SELECT id, hash, seal FROM audit_events"
    " WHERE (actor = ? OR subject = ?) AND id > ? ORDER BY id LIMIT ?"
)


def _row(values: Any) -> dict[str, Any]:
    row = dict(zip(_NAMES, values, strict=True))
    if isinstance(row["detail"], str | bytes):
        row["detail"] = msgspec.json.decode(row["detail"])
    return row


async def sealed_after(position: int, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` sealed entries after ``position``, in position order (plain SQL: the
    verifier reads a million of these, and the query builder's cost per row is its own)."""
    return [_row(r) for r in await fetch(AuditEvent._meta.db, _SEALED_AFTER, position, limit)]


async def unsealed(limit: int) -> list[dict[str, Any]]:
    """The ``limit`` oldest unsealed entries, by id."""
    return [_row(r) for r in await fetch(AuditEvent._meta.db, _UNSEALED, limit)]


async def by_or_about(person: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` entries by or about ``person`` after the id ``after``, by id, without
    their personal fields (erasure blanks them)."""
    out = []
    for values in await fetch(AuditEvent._meta.db, _BY_OR_ABOUT, person, person, after, limit):
        row = dict(zip(_CHECKED, values, strict=True))
        if isinstance(row["detail"], str | bytes):
            row["detail"] = msgspec.json.decode(row["detail"])
        out.append(row)
    return out


async def marks_by_or_about(person: str, after: int, limit: int) -> list[tuple[int, str, Any]]:
    """Up to ``limit`` entries by or about ``person`` after the id ``after``, by id: only
    (id, chain hash, seal), what an erasure marker is made from."""
    return [
        (int(i), str(h), s)
        for i, h, s in await fetch(
            AuditEvent._meta.db, _MARKS_BY_OR_ABOUT, person, person, after, limit
        )
    ]


def covered(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a row the chain covers: the personal fields only through their digest."""
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


def canonical(row: dict[str, Any]) -> bytes:
    return msgspec.json.encode(covered(row), order="sorted")


def public_digest(prev_hash: str, row: dict[str, Any]) -> str:
    """The public hash of entries made before the chain was keyed."""
    return hashlib.sha256(prev_hash.encode() + canonical(row)).hexdigest()


def keyed(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    return chain.mac(prev_hash, canonical(row), key)


def personal_digest(salt: str, ip: str, user_agent: str) -> str:
    return hashlib.sha256(f"{salt}\n{ip}\n{user_agent}".encode()).hexdigest()
