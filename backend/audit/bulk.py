"""Writing many audit entries at once, already sealed: for building large test and benchmark
organisations (a million entries in seconds), never on a request's path.

Each batch is one transaction under the sealer's lock: the entries are chained in memory from
the current head (``sealed_rows``) and inserted with their positions by one multi-row
statement, so the result is exactly what ``record`` followed by the sealer would have made
(``stepwise audit verify`` passes). ``sealed_rows`` alone, without the database, is what a
loader that writes rows its own way uses (the benchmark's large organisation: a million
entries by ``COPY``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

import msgspec

from backend.audit import chain, entry, sealing
from backend.audit.checkpoints import Head
from backend.audit.tables import AuditEvent
from backend.lib.db import Statement, fetch

BATCH = 2000
"""Entries per transaction (on SQLite, 500 per statement: 14 values each)."""
_SQLITE_ROWS = 500

_FIELDS = (
    "at, action, outcome, actor, subject, team, detail, ip, user_agent, personal_salt, "
    "personal_digest, prev_hash, hash, seal"
)
_POSTGRES = Statement(
    f"INSERT INTO audit_events ({_FIELDS}) "  # noqa: S608 (constant SQL)
    "SELECT at, action, outcome, actor, subject, team, detail::jsonb, '', '', salt, digest, "
    "prev, hash, seal FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], "
    "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
    "?::bigint[]) AS v(at, action, outcome, actor, subject, team, detail, salt, digest, "
    "prev, hash, seal)"
)
_sqlite: dict[int, Statement] = {}


@dataclass(frozen=True, slots=True)
class NewEntry:
    """One entry to write: what ``services.record`` takes, minus the request (no address)."""

    at: datetime
    action: str
    actor: str = ""
    subject: str = ""
    team: str = ""
    outcome: str = "ok"
    detail: dict[str, Any] = field(default_factory=dict)


def _sqlite_statement(rows: int) -> Statement:
    if rows not in _sqlite:
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?)"] * rows)
        _sqlite[rows] = Statement(f"INSERT INTO audit_events ({_FIELDS}) VALUES {values}")  # noqa: S608 (constant SQL)
    return _sqlite[rows]


def _chunks(entries: Iterable[NewEntry], size: int) -> Iterator[list[NewEntry]]:
    it = iter(entries)
    while chunk := list(islice(it, size)):
        yield chunk


SEALED_COLUMNS = (
    "at",
    "action",
    "outcome",
    "actor",
    "subject",
    "team",
    "detail",
    "personal_salt",
    "personal_digest",
    "prev_hash",
    "hash",
    "seal",
)
"""The columns of a row of ``sealed_rows``, in its order (``ip`` and ``user_agent`` are empty:
a bulk entry comes from no request)."""


def sealed_rows(
    entries: Iterable[NewEntry], after: Head | None, key: bytes
) -> Iterator[tuple[Any, ...]]:
    """The rows ``entries`` become when the sealer chains them after ``after`` (the head of the
    log; None when it is empty), in ``SEALED_COLUMNS`` order: each entry's salted personal
    digest, its position, the previous hash and its chain hash under ``key``, made by the
    audit domain's own functions (``entry.canonical``, ``chain.mac``). Lazy: the salts come a
    batch at a time (one system call per ``BATCH``)."""
    prev = after.hash if after else entry.GENESIS
    position = after.position if after else 0
    for chunk in _chunks(entries, BATCH):
        salts = secrets.token_hex(16 * len(chunk))
        for n, new in enumerate(chunk):
            salt = salts[32 * n : 32 * n + 32]
            digest = entry.personal_digest(salt, "", "")
            row = {
                "at": new.at,
                "action": new.action,
                "outcome": new.outcome,
                "actor": new.actor,
                "subject": new.subject,
                "team": new.team,
                "detail": new.detail,
                "personal_digest": digest,
            }
            made = chain.mac(prev, entry.canonical(row), key)
            position += 1
            yield (
                new.at,
                new.action,
                new.outcome,
                new.actor,
                new.subject,
                new.team,
                msgspec.json.encode(new.detail).decode(),
                salt,
                digest,
                prev,
                made,
                position,
            )
            prev = made


async def write_sealed(entries: Iterable[NewEntry]) -> int:
    """Write ``entries`` (any iterable, read lazily: a generator of millions is fine) as sealed
    audit entries after everything already in the log. Returns how many were written."""
    engine = AuditEvent._meta.db
    postgres = engine.engine_type == "postgres"
    key = chain.key()
    written = 0
    for chunk in _chunks(entries, BATCH):
        async with engine.transaction():
            await sealing.lock()
            while (await sealing.seal_batch_locked())[0] == sealing.batch_size():
                pass  # whatever was written before goes first
            rows = list(sealed_rows(chunk, await sealing.head(), key))
            if postgres:
                await fetch(engine, _POSTGRES, *(list(c) for c in zip(*rows, strict=True)))
            else:
                for start in range(0, len(rows), _SQLITE_ROWS):
                    part = rows[start : start + _SQLITE_ROWS]
                    await fetch(engine, _sqlite_statement(len(part)), *(v for r in part for v in r))
        written += len(chunk)
    return written
