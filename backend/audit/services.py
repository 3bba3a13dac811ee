"""Writing the append-only, hash-chained audit log, sealing and checking it, reading it.

Writing an entry is a plain ``INSERT`` that waits for no lock (entries written at the same
time share one statement and its commit: ``_Writer``); the sealer chains entries later, in
batches (``sealing.py``). The chain is keyed (HMAC-SHA256, ``chain.py``) and checked
against signed checkpoints kept outside the database; entries from before the key keep their
public SHA-256 hashes (docs/privacy.md, "The audit log")."""

from __future__ import annotations

import asyncio
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from litestar import Request

from backend.audit import chain, checkpoints, entry, sealing, verifying
from backend.audit.tables import AuditEvent
from backend.lib import clock
from backend.lib.addresses import client_address
from backend.lib.db import Statement, fetch

GENESIS = entry.GENESIS
personal_digest = entry.personal_digest

_COLUMNS = (
    "at, action, outcome, actor, subject, team, detail, ip, user_agent, personal_salt, "
    "personal_digest, prev_hash, hash"
)
_ROW = {
    "postgres": "(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, '', ?)",
    "sqlite": "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
}
BATCH_AT_MOST = 64
"""Entries written together in one statement at most (12 values each)."""
_inserts: dict[tuple[str, int], Statement] = {}


def _insert(engine_type: str, rows: int) -> Statement:
    """Plain SQL (no query builder on the path of every audited read), no lock, no read:
    ``rows`` entries in one ``INSERT``, made once per engine and count."""
    key = (engine_type, rows)
    found = _inserts.get(key)
    if found is None:
        values = ", ".join([_ROW[engine_type]] * rows)
        found = _inserts[key] = Statement(
            f"INSERT INTO audit_events ({_COLUMNS}) VALUES {values}"  # noqa: S608 (constant SQL)
        )
    return found


class _Writer:
    """Appends outside a transaction, written together (group commit): an entry joins the
    entries waiting while the previous statement runs, and every writer waits until the
    statement holding its entry has committed — an audited read still answers only after its
    entry is stored. Under load one statement and one commit carry many entries, instead of one
    each (the commit, not the row, is most of an append's cost: docs/benchmarks.md)."""

    def __init__(self) -> None:
        self.waiting: list[tuple[tuple[Any, ...], asyncio.Future[None]]] = []
        self.running: asyncio.Task[None] | None = None

    async def append(self, engine: Any, values: tuple[Any, ...]) -> None:
        loop = asyncio.get_running_loop()
        if self.running is not None and self.running.get_loop() is not loop:
            # A writer of an event loop that has ended (a test's): nothing of it can finish.
            self.running, self.waiting = None, []
        done: asyncio.Future[None] = loop.create_future()
        self.waiting.append((values, done))
        if self.running is None:
            self.running = loop.create_task(self._drain(engine))
        await asyncio.shield(done)

    async def _drain(self, engine: Any) -> None:
        kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
        try:
            while self.waiting:
                batch = self.waiting[:BATCH_AT_MOST]
                del self.waiting[:BATCH_AT_MOST]
                try:
                    args = [v for values, _ in batch for v in values]
                    await fetch(engine, _insert(kind, len(batch)), *args)
                except BaseException as exc:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
                else:
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
        finally:
            self.running = None


_writer = _Writer()


def _engine() -> Any:
    return AuditEvent._meta.db


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
    """Append an entry, unsealed: it carries the key's MAC of itself, and the sealer gives it
    its place in the chain within about a second."""
    row: dict[str, Any] = {
        "at": clock.now(),
        "action": action,
        "outcome": outcome,
        "actor": actor,
        "subject": subject,
        "team": team or "",
        "detail": detail or {},
        "ip": client_address(request) if request else "",
        "user_agent": (request.headers.get("user-agent", "")[:300] if request else ""),
        "personal_salt": secrets.token_hex(16),
    }
    row["personal_digest"] = entry.personal_digest(
        row["personal_salt"], row["ip"], row["user_agent"]
    )
    engine = _engine()
    values = (
        row["at"],
        action,
        outcome,
        row["actor"],
        row["subject"],
        row["team"],
        msgspec.json.encode(row["detail"]).decode(),
        row["ip"],
        row["user_agent"],
        row["personal_salt"],
        row["personal_digest"],
        chain.entry_mac(entry.canonical(row)),
    )
    if engine.current_transaction.get() is not None:
        # Inside a transaction the entry stands or falls with it: on its connection, alone.
        kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
        await fetch(engine, _insert(kind, 1), *values)
    else:
        await _writer.append(engine, values)


_ERASE_PAGE = 500
"""Entries blanked in one statement (their id, hash and seal read a page at a time)."""
_ERASE = {
    # One statement for the whole page, the (id, salt) pairs as arrays or one JSON array, each
    # entry found by its key: one form of any length, prepared once per connection.
    "postgres": Statement(
        "UPDATE audit_events AS a SET ip = '', user_agent = '', personal_salt = v.salt "
        "FROM unnest(?::bigint[], ?::text[]) AS v(id, salt) WHERE a.id = v.id"
    ),
    "sqlite": Statement(
        "UPDATE audit_events SET ip = '', user_agent = '', "
        "personal_salt = json_extract(v.value, '$[1]') FROM json_each(?) AS v "
        "WHERE audit_events.id = json_extract(v.value, '$[0]')"
    ),
}


def _keyed(row: dict[str, Any], key: bytes) -> bool:
    """Whether the chain's key sealed this entry as it is (its whole content hashed)."""
    return row["seal"] is not None and hmac.compare_digest(
        entry.keyed(row["prev_hash"], row, key), row["hash"]
    )


def _checked_salt(row: dict[str, Any], key: bytes) -> str:
    """An entry's salt after erasure, its whole content checked: the erasure marker for an
    entry the chain's key sealed, "" for one sealed before the key (or not by Stepwise)."""
    if row["seal"] is None:
        return chain.PENDING_ERASURE
    return chain.erased_marker(row["hash"], key) if _keyed(row, key) else ""


async def forget_personal_fields(user_id: str) -> int:
    """Erasure: blank the address, user agent and salt of every entry by or about a person.
    Their id stays as a pseudonym that nothing links to a person once their account is gone.
    A keyed entry's salt becomes the erasure marker (only the key makes it), so an address and
    salt blanked by hand do not pass as an erasure; entries from before the key keep "" .
    Everything waiting is sealed first, under the sealer's lock; an entry written meanwhile
    gets the pending marker, which the sealer turns into the erasure marker.

    Keyed entries are the log's suffix (only entries chained before the key existed are not,
    ``checkpoints.first_keyed``): once one of theirs checks out as keyed, every later one is
    keyed too and gets its marker from its hash alone, without being read and hashed whole.
    An entry after it that was changed by hand still fails ``stepwise audit verify`` on its
    content, marker or not."""
    key = chain.key()
    engine = _engine()
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    done = 0
    after = 0
    keyed = False
    async with engine.transaction():
        await sealing.lock()
        while (await sealing.seal_batch_locked())[0] == sealing.batch_size():
            pass
        while True:
            if not keyed:
                first = await entry.by_or_about(user_id, after, 1)
                keyed = bool(first) and _keyed(first[0], key)
            salts: list[tuple[int, str]]
            if keyed:
                marks = await entry.marks_by_or_about(user_id, after, _ERASE_PAGE)
                salts = [
                    (i, chain.PENDING_ERASURE if seal is None else chain.erased_marker(h, key))
                    for i, h, seal in marks
                ]
            else:
                rows = await entry.by_or_about(user_id, after, _ERASE_PAGE)
                salts = [(int(row["id"]), _checked_salt(row, key)) for row in rows]
            if salts and kind == "postgres":
                await fetch(engine, _ERASE[kind], [i for i, _ in salts], [s for _, s in salts])
            elif salts:
                await fetch(engine, _ERASE[kind], msgspec.json.encode(salts).decode())
            done += len(salts)
            if len(salts) < _ERASE_PAGE:
                break
            after = salts[-1][0]
    return done


async def verify() -> tuple[bool, int, str]:
    """Seal what is waiting, then walk the chain against the signed checkpoints: (intact,
    entries checked, first problem found). ``verifying.verify`` has the options."""
    verdict = await verifying.verify()
    return verdict.intact, verdict.checked, verdict.problem


async def checkpoint() -> chain.Checkpoint | None:
    """Seal what is waiting, then append a signed checkpoint of the chain as it is now (None
    for an empty log)."""
    await sealing.seal()
    top = await sealing.head()
    return None if top is None else await checkpoints.write(top)


_round: dict[str, Any] = {"at": None, "last_id": None}


async def checkpoint_round(now: datetime) -> int:
    """The reminder engine's round: a checkpoint when the log has grown, at most every
    ``chain.ROUND_EVERY``. Handles no rows (0), so the engine still rests between rounds."""
    if _round["at"] is not None and now - _round["at"] < chain.ROUND_EVERY:
        return 0
    _round["at"] = now
    await sealing.seal(wait=False)
    top = await sealing.head()
    if top is None or top.id == _round["last_id"]:
        return 0
    point = await checkpoints.write(top)
    _round["last_id"] = point.last_id
    return 0


seal_round = sealing.seal_round


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
