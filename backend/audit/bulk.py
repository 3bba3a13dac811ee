"""Writing many audit entries at once, already sealed: for building large test and benchmark
organisations (a million entries in seconds), never on a request's path.

Each batch is one transaction under the sealer's lock: the entries are chained in memory from
the current head and inserted with their positions by one multi-row statement, so the result
is exactly what ``record`` followed by the sealer would have made (``stepwise audit verify``
passes).
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
            while (await sealing.seal_batch_locked())[0] == sealing.BATCH:
                pass  # whatever was written before goes first
            top = await sealing.head()
            prev = top.hash if top else entry.GENESIS
            position = top.position if top else 0
            rows: list[tuple[Any, ...]] = []
            salts = secrets.token_hex(16 * len(chunk))  # one system call for the batch
            for n, new in enumerate(chunk):
                salt = salts[32 * n : 32 * n + 32]
                row = {
                    "at": new.at,
                    "action": new.action,
                    "outcome": new.outcome,
                    "actor": new.actor,
                    "subject": new.subject,
                    "team": new.team,
                    "detail": new.detail,
                    "personal_digest": entry.personal_digest(salt, "", ""),
                }
                made = chain.mac(prev, entry.canonical(row), key)
                position += 1
                rows.append(
                    (
                        new.at,
                        new.action,
                        new.outcome,
                        new.actor,
                        new.subject,
                        new.team,
                        msgspec.json.encode(new.detail).decode(),
                        salt,
                        row["personal_digest"],
                        prev,
                        made,
                        position,
                    )
                )
                prev = made
            if postgres:
                await fetch(engine, _POSTGRES, *(list(c) for c in zip(*rows, strict=True)))
            else:
                for start in range(0, len(rows), _SQLITE_ROWS):
                    part = rows[start : start + _SQLITE_ROWS]
                    await fetch(engine, _sqlite_statement(len(part)), *(v for r in part for v in r))
        written += len(chunk)
    return written
