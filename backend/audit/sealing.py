"""Sealing: giving written audit entries their place in the hash chain, a batch at a time.

Writing an entry takes no lock and reads nothing: the row arrives with ``seal`` NULL and, in
``hash``, the key's MAC of the entry alone (``chain.entry_mac``). One sealer at a time (an
advisory lock on PostgreSQL, held only by sealers; SQLite's single writer) takes the unsealed
rows, gives each the next position (1, 2, 3, … without gaps), its ``prev_hash`` and its chain
hash, and commits the batch. The chain is walked in ``seal`` order, never in id order: on
PostgreSQL a row with a lower id can commit after one with a higher id, and it simply gets a
later position.

The sealer runs in the reminder engine's round (every second or so while idle, at once again
while there is a backlog), before every checkpoint, before ``stepwise audit verify`` and
before an erasure. An entry whose own MAC does not check out (a row put in the database
without the key) is sealed with a hash that says so (``chain.unsigned_mac``), and verifying
names it.
"""

from __future__ import annotations

import asyncio
import hmac
from datetime import datetime, timedelta
from typing import Any

import msgspec

from backend.audit import chain, checkpoints, entry
from backend.audit.checkpoints import Head
from backend.audit.tables import AuditEvent
from backend.lib.db import Statement, fetch

BATCH = 500
"""Entries sealed in one transaction on PostgreSQL (a few milliseconds)."""
SQLITE_BATCH = 150
"""On SQLite: then the batch's read fits the event loop's budget for a read (1 ms). Five
hundred ran past it, were read again in the writer's thread while the sealer held the writer,
and every audited request waited meanwhile: a coach opening a client's page on the large
organisation went from 0.23–0.26 of the baseline to 0.28 with this (docs/benchmarks.md)."""


def batch_size() -> int:
    """Entries sealed in one transaction on this engine."""
    return BATCH if _engine().engine_type == "postgres" else SQLITE_BATCH


GRACE = timedelta(minutes=1)
"""An entry still unsealed this long after it was written means the sealer is not running;
``stepwise audit verify --read-only`` reports it."""
LOCK = 7301
"""The PostgreSQL advisory lock only sealers take (and an erasure, which seals first)."""

_LOCK = Statement(f"SELECT pg_advisory_xact_lock({LOCK})")
_TRY_LOCK = Statement(f"SELECT pg_try_advisory_xact_lock({LOCK})")
_HEAD = Statement(
    "SELECT id, seal, hash FROM audit_events WHERE seal = (SELECT MAX(seal) FROM audit_events)"
)
_LATE = Statement("SELECT COUNT(*), MIN(id) FROM audit_events WHERE seal IS NULL AND at < ?")
_SEAL = {
    # One statement for the whole batch (arrays), prepared once per connection.
    "postgres": Statement(
        "UPDATE audit_events AS a SET seal = v.seal, prev_hash = v.prev, hash = v.hash, "
        "personal_salt = CASE WHEN a.personal_salt = ? THEN v.marker ELSE a.personal_salt END "
        "FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) "
        "AS v(id, seal, prev, hash, marker) WHERE a.id = v.id AND a.seal IS NULL"
    ),
    # SQLite: the batch as one JSON array of [id, seal, prev, hash, marker] rows (UPDATE … FROM,
    # SQLite 3.33+), one statement and one trip to the writer instead of one per entry. The unary
    # ``+`` keeps the planner off the index of unsealed entries (it would walk every unsealed entry
    # for each row of the batch) and on the primary key.
    "sqlite": Statement(
        "UPDATE audit_events SET seal = json_extract(v.value, '$[1]'), "
        "prev_hash = json_extract(v.value, '$[2]'), hash = json_extract(v.value, '$[3]'), "
        "personal_salt = CASE WHEN personal_salt = ? THEN json_extract(v.value, '$[4]') "
        "ELSE personal_salt END "
        "FROM json_each(?) AS v "
        "WHERE audit_events.id = json_extract(v.value, '$[0]') AND +audit_events.seal IS NULL"
    ),
}


def _engine() -> Any:
    return AuditEvent._meta.db


async def head() -> Head | None:
    rows = await fetch(_engine(), _HEAD)
    if not rows:
        return None
    return Head(id=int(rows[0][0]), position=int(rows[0][1]), hash=str(rows[0][2]))


async def lock(*, wait: bool = True) -> bool:
    """Take the sealer's lock for the current transaction (PostgreSQL; on SQLite the
    transaction itself is the single writer). False when ``wait`` is off and a sealer holds
    it."""
    engine = _engine()
    if engine.engine_type != "postgres":
        return True
    if wait:
        await fetch(engine, _LOCK)
        return True
    return bool((await fetch(engine, _TRY_LOCK))[0][0])


async def seal_batch_locked(limit: int | None = None) -> tuple[int, Head | None]:
    """Seal up to ``limit`` (by default ``batch_size()``) of the oldest unsealed entries; the
    caller's transaction holds the sealer's lock. Returns how many, and the new head."""
    engine = _engine()
    rows = await entry.unsealed(batch_size() if limit is None else limit)
    if not rows:
        return 0, None
    top = await head()
    key = chain.key()
    prev = top.hash if top else entry.GENESIS
    position = top.position if top else 0
    batch: list[tuple[int, int, str, str, str]] = []
    for row in rows:
        canonical = entry.canonical(row)
        own = hmac.compare_digest(str(row["hash"]), chain.entry_mac(canonical, key))
        made = chain.mac(prev, canonical, key) if own else chain.unsigned_mac(prev, canonical, key)
        position += 1
        batch.append((int(row["id"]), position, prev, made, chain.erased_marker(made, key)))
        prev = made
    if engine.engine_type == "postgres":
        columns = list(zip(*batch, strict=True))
        await fetch(engine, _SEAL["postgres"], chain.PENDING_ERASURE, *(list(c) for c in columns))
    else:
        rows_json = msgspec.json.encode(batch).decode()
        await fetch(engine, _SEAL["sqlite"], chain.PENDING_ERASURE, rows_json)
    return len(batch), Head(id=batch[-1][0], position=position, hash=prev)


async def seal(*, wait: bool = True, limit: int | None = None) -> int:
    """Seal every entry written so far (or up to ``limit``), a batch per transaction. With
    ``wait`` off, gives way at once to a sealer already at work (another app server's).
    Writes a checkpoint whenever the chain passes a multiple of ``chain.CHECKPOINT_EVERY``."""
    engine = _engine()
    total = 0
    while limit is None or total < limit:
        size = batch_size() if limit is None else min(batch_size(), limit - total)
        async with engine.transaction():
            if not await lock(wait=wait):
                break
            sealed, top = await seal_batch_locked(size)
        total += sealed
        await asyncio.sleep(0)  # SQLite's statements never yield: let requests in between batches
        if top is not None and (top.position // chain.CHECKPOINT_EVERY) > (
            (top.position - sealed) // chain.CHECKPOINT_EVERY
        ):
            await checkpoints.write(top)
        if sealed < size:
            break
    return total


async def seal_round(now: datetime) -> int:
    """The reminder engine's round: seal what was written since, a few batches at a time. The
    engine comes back at once while this returns more than nothing, so it says 0 once it has
    caught up: the engine then rests between rounds even while entries keep coming."""
    limit = 4 * batch_size()
    sealed = await seal(wait=False, limit=limit)
    return sealed if sealed >= limit else 0


async def late(now: datetime) -> tuple[int, int | None]:
    """Entries written more than ``GRACE`` before ``now`` and still unsealed: how many, and the
    first one's id."""
    rows = await fetch(_engine(), _LATE, now - GRACE)
    count, first = rows[0]
    return int(count), (int(first) if first is not None else None)
